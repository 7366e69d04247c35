// The shipped CLI (build/sandbox.cjs, the bundle package.json's `bin` names), built once for all test
// files, and a way to run it as root or as nobody with a home of its own.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedTempDir } from './sandbox.js';
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const CLI = join(ROOT, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: { sandbox: string } }).bin.sandbox);
export const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all'];

function newestTs(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newestTs(p));
    else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}
/** Builds build/ (npm run build:js) unless it is newer than every source; one test file at a time. */
export async function ensureBuilt(): Promise<void> {
  const lock = join(tmpdir(), `sandbox-seccomp-build-lock${ROOT.replace(/\W+/g, '-')}`);
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const holder = Number((() => { try { return readFileSync(join(lock, 'pid'), 'utf8'); } catch { return '0'; } })());
      if ((holder && !existsSync(`/proc/${holder}`)) || i > 1800) rmSync(lock, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    writeFileSync(join(lock, 'pid'), String(process.pid));
    // The bundle comes from src/ and from the script that bundles it.
    const sources = Math.max(newestTs(join(ROOT, 'src')), statSync(join(ROOT, 'scripts', 'build-cli.ts')).mtimeMs);
    if (existsSync(CLI) && statSync(CLI).mtimeMs > sources) return;
    const r = spawnSync('npm', ['run', 'build:js'], { cwd: ROOT, encoding: 'utf8' });
    if (!existsSync(CLI)) throw new Error(`npm run build:js did not produce ${CLI}:\n${r.stdout}${r.stderr}`);
    if (r.status !== 0) console.warn(`npm run build:js reported errors (output written anyway):\n${r.stdout}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  nobody?: boolean;
}
/** A home and config directory of their own, so the machine's config files stay out of the way. */
export const HOME = sharedTempDir('cli-home-');
/** Runs the CLI with `args`. */
export function runCli(args: string[], o: RunOptions): SpawnSyncReturns<string> {
  const argv = [...(o.nobody ? NOBODY : []), process.execPath, CLI, ...args];
  return spawnSync(argv[0], argv.slice(1), {
    cwd: o.cwd,
    env: { ...process.env, HOME, XDG_CONFIG_HOME: join(HOME, '.config'), SANDBOX_DEBUG: '', ...o.env },
    input: o.input ?? '',
    encoding: 'utf8',
    timeout: 30_000,
  });
}
