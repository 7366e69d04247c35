// The config file: where it is looked for, what wins over what, and every mistake reported at file:line.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostArch } from '../src/runtime/filter.js';
import { CLI, ensureBuilt, ROOT, runCli, type RunOptions } from './helpers/cli.js';
import { bwrapMissing, sharedTempDir } from './helpers/sandbox.js';

const sandbox = (args: string[], o: Partial<RunOptions> = {}) => runCli(args, { cwd: WORK, ...o });
const skip = bwrapMissing();
if (skip) console.warn(`cli-config tests skipped: ${skip}`);
const WORK = sharedTempDir('cli-cfg-');

beforeAll(ensureBuilt, 180_000);

/** Writes a file (creating its folder) and returns its path. */
function put(path: string, text: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return path;
}
const seccompOf = (r: SpawnSyncReturns<string>) => /Seccomp:\s+(\d)/.exec(r.stdout)?.[1];
const STATUS = ['--', 'grep', '^Seccomp:', '/proc/self/status'];

describe.skipIf(skip)('the config file', () => {
  let n = 0;
  /** A fresh project directory and a fresh XDG config home. */
  function fresh(): { project: string; xdg: string } {
    n++;
    const project = join(WORK, `p${n}`);
    const xdg = join(WORK, `x${n}`);
    mkdirSync(project, { recursive: true });
    mkdirSync(xdg, { recursive: true });
    return { project, xdg };
  }
  const run = (args: string[], where: { project: string; xdg?: string }, env: NodeJS.ProcessEnv = {}) =>
    sandbox(args, { cwd: where.project, env: { XDG_CONFIG_HOME: where.xdg ?? join(WORK, 'none'), ...env } });

  it('./sandbox.toml turns the filter on (seccomp = true is the minimal preset)', () => {
    const w = fresh();
    put(join(w.project, 'sandbox.toml'), '[sandbox]\nseccomp = true\n');
    expect(seccompOf(run(STATUS, w))).toBe('2');
    const r = run(['--', 'unshare', '-U', 'true'], w);
    expect(r.stderr).toMatch(/Operation not permitted/);
  });

  it('$XDG_CONFIG_HOME/sandbox/config.toml is read when there is no ./sandbox.toml; ./sandbox.toml wins', () => {
    const w = fresh();
    put(join(w.xdg, 'sandbox', 'config.toml'), '[sandbox]\nseccomp = "strict"\n');
    expect(seccompOf(run(STATUS, w))).toBe('2');
    put(join(w.project, 'sandbox.toml'), '[sandbox]\nseccomp = "off"\n');
    expect(seccompOf(run(STATUS, w))).toBe('0');
  });

  it('~/.config/sandbox/config.toml when XDG_CONFIG_HOME is unset', () => {
    const w = fresh();
    const home = join(WORK, `home${n}`);
    put(join(home, '.config', 'sandbox', 'config.toml'), '[sandbox]\nseccomp = "minimal"\n');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home };
    delete env.XDG_CONFIG_HOME;
    const r = spawnSync(process.execPath, [CLI, ...STATUS], { cwd: w.project, env, encoding: 'utf8' });
    expect(seccompOf(r)).toBe('2');
  });

  it('flags override it', () => {
    const w = fresh();
    put(join(w.project, 'sandbox.toml'), '[sandbox]\nseccomp = true\nnetwork = false\n');
    expect(seccompOf(run(['--seccomp', 'off', ...STATUS], w))).toBe('0');
    const lines = (r: SpawnSyncReturns<string>) => r.stdout.trim().split('\n').length;
    const net = ['--', 'cat', '/proc/net/dev'];
    expect(lines(run(net, w))).toBe(3); // header + lo
    expect(lines(run(['--network', ...net], w))).toBe(readFileSync('/proc/net/dev', 'utf8').trim().split('\n').length);
  });

  it('--config FILE replaces the lookup; --no-config skips it', () => {
    const w = fresh();
    put(join(w.project, 'sandbox.toml'), '[sandbox]\nseccomp = true\n');
    const other = put(join(WORK, `other${n}.toml`), '[sandbox]\nseccomp = false\n');
    expect(seccompOf(run(['--config', other, ...STATUS], w))).toBe('0');
    expect(seccompOf(run(['--no-config', ...STATUS], w))).toBe('0');
    const missing = run(['--config', join(WORK, 'missing.toml'), ...STATUS], w);
    expect(missing.status).toBe(125);
    expect(missing.stderr).toContain('missing.toml: cannot read the config file: no such file');
  });

  it("reads paths relative to the config file's folder", () => {
    const w = fresh();
    const cfgDir = join(WORK, `cfg${n}`);
    copyFileSync(join(ROOT, 'dist-bpf', hostArch(), 'minimal.bpf'), put(join(cfgDir, 'filters', 'mine.bpf'), ''));
    mkdirSync(join(cfgDir, 'data'));
    // bind: not under the private /tmp? cfgDir is under /tmp, so check it is bound by writing into it.
    const cfg = put(join(cfgDir, 'sandbox.toml'), '[sandbox]\nseccomp = "filters/mine.bpf"\nbind = ["data"]\n');
    const r = run(['--config', cfg, '--', 'sh', '-c', `grep ^Seccomp: /proc/self/status; echo hi > ${cfgDir}/data/out`], w);
    expect(r.status, r.stderr).toBe(0);
    expect(seccompOf(r)).toBe('2');
    expect(readFileSync(join(cfgDir, 'data', 'out'), 'utf8')).toBe('hi\n');
  });

  it('accepts a dotted key and an inline table', () => {
    const w = fresh();
    put(join(w.project, 'sandbox.toml'), 'sandbox.seccomp = true\n');
    expect(seccompOf(run(STATUS, w))).toBe('2');
    put(join(w.project, 'sandbox.toml'), 'sandbox = { seccomp = "strict", network = true }\n');
    expect(seccompOf(run(STATUS, w))).toBe('2');
  });

  const mistakes: [string, string, RegExp][] = [
    ['unknown key', '# settings\n[sandbox]\nseccomp = true\nnetwrok = false\n', /:4: unknown key "netwrok" in \[sandbox\] \(did you mean network\?\)/],
    ['wrong type for network', '[sandbox]\n\nnetwork = "no"\n', /:3: "network" must be true or false, not the string "no"/],
    ['wrong type for seccomp', '[sandbox]\nseccomp = 1\n', /:2: "seccomp" must be true, false, "off", a preset name or a path/],
    ['a seccomp string that is no setting', '[sandbox]\nseccomp = "filter.txt"\n', /:2: "filter.txt" is not a seccomp setting/],
    ['wrong type for bind', '[sandbox]\nbind = "/srv"\n', /:2: "bind" must be an array of directory paths/],
    ['a bind directory that does not exist', '[sandbox]\nbind = [\n  "no-such-dir",\n]\n', /:2: bind "no-such-dir": no such directory/],
    ['a table other than [sandbox]', 'x = 1\n[sandbx]\nseccomp = true\n', /:1: unknown key "x": settings go in a \[sandbox\] table/],
    ['a misspelt table', '\n[sandbx]\nseccomp = true\n', /:2: unknown key "sandbx": settings go in a \[sandbox\] table \(did you mean sandbox\?\)/],
    ['a TOML syntax error', '[sandbox]\nseccomp = = true\n', /:2: TOML syntax/],
    ['[sandbox] that is not a table', 'sandbox = 1\n', /:1: "sandbox" must be a table/],
    ['an inline table with a wrong type', 'sandbox = { network = 1 }\n', /:1: "network" must be true or false, not number 1/],
  ];
  for (const [what, text, want] of mistakes) {
    it(`names file and line for ${what}`, () => {
      const w = fresh();
      const file = put(join(w.project, 'sandbox.toml'), text);
      const r = run(STATUS, w);
      expect(r.status).toBe(125);
      expect(r.stderr.startsWith(`sandbox: ${file}:`), r.stderr).toBe(true);
      expect(r.stderr).toMatch(want);
    });
  }
});
