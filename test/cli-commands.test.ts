// The other commands (build, disasm, explain, check, list, help), usage and error paths, and what
// the start-up path loads.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARCH_NAMES, ARCHES } from '../src/arch.js';
import { hostArch } from '../src/runtime/filter.js';
import { CLI, ensureBuilt, HOME, NOBODY, ROOT, runCli, type RunOptions } from './helpers/cli.js';
import { bwrapMissing, sharedTempDir, which } from './helpers/sandbox.js';

const sandbox = (args: string[], o: Partial<RunOptions> = {}) => runCli(args, { cwd: WORK, ...o });
const skip = bwrapMissing();
if (skip) console.warn(`cli-commands kernel tests skipped: ${skip}`);
const WORK = sharedTempDir('cli-cmd-');
const host = hostArch();
const dist = (arch: string, preset: string) => join(ROOT, 'dist-bpf', arch, `${preset}.bpf`);

beforeAll(ensureBuilt, 180_000);

describe('help and version', () => {
  it('--help shows usage and examples, for the command and each subcommand', () => {
    const main = sandbox(['--help']);
    expect(main.status).toBe(0);
    expect(main.stdout).toMatch(/Usage:\n {2}sandbox \[OPTIONS\] -- CMD/);
    expect(main.stdout).toContain('Examples:');
    expect(main.stdout).toContain('sandbox --seccomp minimal -- make');
    for (const sub of ['build', 'disasm', 'explain', 'check']) {
      const r = sandbox([sub, '--help']);
      expect(r.status, sub).toBe(0);
      expect(r.stdout, sub).toContain(`sandbox ${sub}`);
      expect(r.stdout, sub).toContain('Examples:');
    }
    for (const sub of ['list', 'help']) expect(sandbox([sub, '-h']).stdout).toContain('Usage:');
    expect(sandbox(['help', 'build']).stdout).toBe(sandbox(['build', '--help']).stdout);
    expect(sandbox(['-h']).stdout).toBe(main.stdout);
  });

  it('--version everywhere', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['-V'], ['build', '--version'], ['disasm', '-V'], ['explain', '--version'], ['check', '--version'], ['list', '--version']]) {
      const r = sandbox(args);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout).toBe(`sandbox ${version} (sandbox-seccomp)\n`);
    }
  });
});

describe('usage errors: status 2 and a pointer to --help', () => {
  const cases: [string[], RegExp][] = [
    [[], /no command given/],
    [['--seccomp', 'minimal'], /no command given|no command after --/],
    [['--seccomp', 'minimal', '--'], /no command after --/],
    [['ls'], /unknown command "ls"; to run a program, put it after --: sandbox \[options\] -- ls/],
    [['--seccmop', 'x', '--', 'true'], /unknown option --seccmop \(did you mean --seccomp\?\)/],
    [['--seccomp'], /--seccomp needs a value/],
    [['--network', '--no-network', '--', 'true'], /contradict/],
    [['--network=yes', '--', 'true'], /--network takes no value/],
    [['build'], /which profile/],
    [['build', 'x.toml'], /give -o OUT.bpf/],
    [['build', 'x.toml', '-o', 'x.bpf', '--arch', 'sparc'], /unknown arch "sparc"; known: x86_64/],
    [['disasm'], /which filter/],
    [['help', 'nosuch'], /no command "nosuch"/],
  ];
  for (const [args, want] of cases) {
    it(`sandbox ${args.join(' ')}`, () => {
      const r = sandbox(args);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(want);
      expect(r.stderr).toMatch(/Try "sandbox (\w+ )?--help"/);
    });
  }
});

describe.skipIf(skip)('error paths of running a command', () => {
  it('bwrap not installed: status 125 and how to install it', () => {
    const empty = join(WORK, 'empty-path');
    mkdirSync(empty, { recursive: true });
    const r = sandbox(['--seccomp', 'minimal', '--', '/bin/true'], { env: { PATH: empty } });
    expect(r.status).toBe(125);
    expect(r.stderr).toContain('sandbox: bwrap (bubblewrap) is not installed');
    expect(r.stderr).toContain('hint: install bubblewrap: apt-get install bubblewrap');
  });

  it('an unsupported arch: status 125, naming the arch and the supported list', () => {
    const r = spawnSync(process.execPath, ['--import', 'data:text/javascript,Object.defineProperty(process,"arch",{value:"mips"})', CLI, '--seccomp', 'minimal', '--', 'true'], { cwd: WORK, encoding: 'utf8' });
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/no seccomp filter for Node's arch "mips".*Supported: x86_64 \(Node x64\), aarch64/);
    // Without a filter the arch does not matter.
    const off = spawnSync(process.execPath, ['--import', 'data:text/javascript,Object.defineProperty(process,"arch",{value:"mips"})', CLI, '--', 'true'], { cwd: WORK, encoding: 'utf8' });
    expect(off.status).toBe(0);
  });

  it('a missing or invalid .bpf: status 125 and what is wrong', () => {
    const missing = sandbox(['--seccomp', './none.bpf', '--', 'true']);
    expect(missing.status).toBe(125);
    expect(missing.stderr).toContain(`cannot open the seccomp filter ${join(WORK, 'none.bpf')}: no such file`);
    writeFileSync(join(WORK, 'odd.bpf'), Buffer.alloc(13));
    const odd = sandbox(['--seccomp', './odd.bpf', '--', 'true']);
    expect(odd.status).toBe(125);
    expect(odd.stderr).toMatch(/odd\.bpf is not a valid seccomp filter for \w+: its length, 13 bytes, is not a multiple of 8/);
    const foreign = ARCH_NAMES.find((a) => ARCHES[a].endian !== ARCHES[host].endian)!;
    copyFileSync(dist(foreign, 'minimal'), join(WORK, 'foreign.bpf'));
    const f = sandbox(['--seccomp', './foreign.bpf', '--', 'true']);
    expect(f.status).toBe(125);
    expect(f.stderr).toMatch(/hint: .*built for another arch; rebuild it with "sandbox build PROFILE.toml --arch/);
    const preset = sandbox(['--seccomp', 'nosuch', '--', 'true']);
    expect(preset.status).toBe(125);
    expect(preset.stderr).toContain('no preset named "nosuch" (known: minimal, strict)');
  });

  it('a broken .toml profile: status 125 and file:line', () => {
    writeFileSync(join(WORK, 'broken.toml'), '[[rule]]\nsyscalls = ["ptrace"]\nerrno = "EPREM"\n');
    const r = sandbox(['--seccomp', 'broken.toml', '--', 'true']);
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(new RegExp(`sandbox: ${join(WORK, 'broken.toml')}:3: .*EPREM`));
  });

  it('a command that is not found (127) or not executable (126)', () => {
    const nf = sandbox(['--seccomp', 'minimal', '--', 'no-such-command-xyz']);
    expect(nf.status).toBe(127);
    expect(nf.stderr).toContain('sandbox: command not found: no-such-command-xyz');
    writeFileSync(join(WORK, 'not-exec.sh'), 'echo hi\n');
    const ne = sandbox(['--', './not-exec.sh']);
    expect(ne.status).toBe(126);
    expect(ne.stderr).toContain('cannot run ./not-exec.sh: it is not executable');
  });

  it("a command's own status 1 is passed on without comment", () => {
    const r = sandbox(['--seccomp', 'minimal', '--', 'sh', '-c', 'echo failing >&2; exit 1']);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('failing\n');
  });

  it('a kernel that refuses the filter: bwrap\'s message, then what it means (status 125)', () => {
    const bin = join(WORK, 'fake-bin');
    mkdirSync(bin, { recursive: true });
    const fake = join(bin, 'bwrap');
    // A stand-in for a kernel without seccomp: bwrap's own message when prctl(PR_SET_SECCOMP) fails.
    writeFileSync(fake, `#!/bin/sh\nfor a in "$@"; do [ "$a" = --seccomp ] && { echo "bwrap: prctl(PR_SET_SECCOMP): Invalid argument" >&2; exit 1; }; [ "$a" = -- ] && break; done\nexec ${which('bwrap')} "$@"\n`);
    chmodSync(fake, 0o755);
    const r = sandbox(['--seccomp', 'minimal', '--', 'true'], { env: { SANDBOX_BWRAP: fake } });
    expect(r.status).toBe(125);
    expect(r.stderr).toMatch(/^bwrap: prctl\(PR_SET_SECCOMP\): Invalid argument\n/);
    expect(r.stderr).toContain('sandbox: bwrap could not load the seccomp filter: prctl(PR_SET_SECCOMP): Invalid argument');
    expect(r.stderr).toMatch(/hint: .*--seccomp off/);
    // Without the filter the same bwrap works.
    expect(sandbox(['--', 'true'], { env: { SANDBOX_BWRAP: fake } }).status).toBe(0);
  });

  const userns = which('unshare') ? undefined : 'util-linux unshare is not installed';
  if (userns) console.warn(`user-namespace error tests skipped: ${userns}`);
  for (const nobody of [false, true]) {
    it.skipIf(userns)(`a kernel without user namespaces for this user: bwrap's message and how to enable them (${nobody ? 'as nobody' : 'as root'})`, () => {
      // A user namespace of our own whose limit for nested user namespaces is 0 (the sysctl is per namespace).
      const inner = `echo 0 > /proc/sys/user/max_user_namespaces || exit 99; exec ${process.execPath} ${CLI} --seccomp minimal -- true`;
      const argv = [...(nobody ? NOBODY : []), 'unshare', '--user', '--map-root-user', 'sh', '-c', inner];
      const r = spawnSync(argv[0], argv.slice(1), { cwd: WORK, encoding: 'utf8', env: { ...process.env, HOME, XDG_CONFIG_HOME: join(HOME, '.config') } });
      if (r.status === 99) {
        console.warn('cannot lower user.max_user_namespaces in a user namespace here: case not run');
        return;
      }
      expect(r.status).toBe(125);
      expect(r.stderr).toMatch(/^bwrap: Creating new namespace failed/);
      expect(r.stderr).toContain('sandbox: bwrap could not create the sandbox (user namespaces): Creating new namespace failed');
      expect(r.stderr).toContain('hint: user namespaces are disabled (user.max_user_namespaces = 0): sudo sysctl -w user.max_user_namespaces=15000');
    });
  }
});

describe('sandbox list', () => {
  it('shows the presets and the arches, marking this machine', () => {
    const r = sandbox(['list']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}minimal +Blocks debugging/m);
    expect(r.stdout).toMatch(/^ {2}strict +minimal, plus/m);
    for (const a of ARCH_NAMES) expect(r.stdout).toContain(`  ${a}`);
    expect(r.stdout).toMatch(new RegExp(`^ {2}${host} .*<- this machine$`, 'm'));
  });
});

describe('sandbox explain', () => {
  it('lists each blocked syscall with why and what breaks (minimal by default)', () => {
    const r = sandbox(['explain']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^minimal: /);
    expect(r.stdout).toMatch(/^ptrace: ERRNO\(EPERM\)\n {2}why: .*\n(.*\n)* {2}breaks: strace, ltrace, gdb/m);
    expect(r.stdout).toMatch(/^perf_event_open: ERRNO\(EPERM\)\n(.*\n)*? {2}breaks: perf,/m);
    expect(r.stdout).toMatch(/^clone: ERRNO\(EPERM\) when arg0 & CLONE_NEWUSER$/m);
    expect(r.stdout).toContain('clone3: ERRNO(ENOSYS)');
  });

  it('follows extends, base rules first', () => {
    const r = sandbox(['explain', 'strict']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('(extends profiles/minimal.toml)');
    expect(r.stdout).toMatch(/ioctl: ERRNO\(EPERM\) when arg1 == TIOCSTI/);
    expect(r.stdout.indexOf('when arg1 == USERFAULTFD_IOC_NEW')).toBeLessThan(r.stdout.indexOf('when arg1 == TIOCSTI'));
  });

  it('takes a profile file, and reports a missing preset', () => {
    expect(sandbox(['explain', join(ROOT, 'profiles', 'minimal.toml')]).stdout).toMatch(/^minimal: /);
    const r = sandbox(['explain', 'nosuch']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no preset named "nosuch"');
  });
});

describe('sandbox build and disasm', () => {
  it('build compiles a profile to exactly what dist-bpf ships, for any arch', () => {
    const out = join(WORK, 'm.bpf');
    const r = sandbox(['build', join(ROOT, 'profiles', 'minimal.toml'), '-o', out]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`wrote ${out}: ${host}, \\d+ instructions, ABIs `));
    expect(readFileSync(out).equals(readFileSync(dist(host, 'minimal')))).toBe(true);
    const arm = join(WORK, 'a.bpf');
    const asm = join(WORK, 'a.asm');
    expect(sandbox(['build', join(ROOT, 'profiles', 'strict.toml'), '--arch', 'aarch64', '-o', arm, '--asm', asm]).status).toBe(0);
    expect(readFileSync(arm).equals(readFileSync(dist('aarch64', 'strict')))).toBe(true);
    expect(readFileSync(asm, 'utf8')).toContain('ptrace');
  });

  it('build -o - writes the filter to stdout', () => {
    const r = spawnSync(process.execPath, [CLI, 'build', join(ROOT, 'profiles', 'minimal.toml'), '-o', '-'], { cwd: WORK });
    expect(r.status).toBe(0);
    expect(r.stdout.equals(readFileSync(dist(host, 'minimal')))).toBe(true);
    expect(r.stderr.toString()).toContain('wrote stdout');
  });

  it('build reports profile mistakes at file:line (status 1)', () => {
    writeFileSync(join(WORK, 'bad.toml'), 'default = "allow"\nfoo = 1\n');
    const r = sandbox(['build', 'bad.toml', '-o', 'bad.bpf']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${join(WORK, 'bad.toml')}:2: unknown key "foo"`);
  });

  it('disasm prints a preset or file, with syscall names', () => {
    const r = sandbox(['disasm', 'minimal']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/ptrace/);
    expect(r.stdout).toMatch(/ERRNO\(EPERM\)/);
    const s = sandbox(['disasm', dist('s390x', 'strict'), '--arch', 's390x']);
    expect(s.status).toBe(0);
    expect(s.stdout).toContain('ARCH_S390X');
  });

  it('disasm of an invalid filter prints it, then why the kernel would refuse it (status 1)', () => {
    const other = ARCH_NAMES.find((a) => a !== host && ARCHES[a].endian === ARCHES[host].endian && !ARCHES[host].abis.includes(ARCHES[a].abis[0]))!;
    const r = sandbox(['disasm', dist(other, 'minimal')]);
    expect(r.status).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(100);
    expect(r.stderr).toMatch(/every syscall would be refused/);
  });
});

describe.skipIf(skip)('sandbox check', () => {
  for (const nobody of [false, true]) {
    it(`shows the filter active and each blocked call's errno (${nobody ? 'as nobody' : 'as root'})`, () => {
      const r = sandbox(['check', '--seccomp', 'strict'], { nobody });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toContain(`seccomp: strict (${dist(host, 'strict')})`);
      expect(r.stdout).toMatch(/Seccomp: 2/);
      expect(r.stdout).toContain('→ a seccomp filter is active');
      if (!which('python3')) console.warn('python3 is not installed: sandbox check calls no syscalls, only its tools are checked');
      else {
        expect(r.stdout).toMatch(/^ {2}ptrace +ptrace\(16, -1\) +ERRNO\(EPERM\) +EPERM +ok$/m);
        expect(r.stdout).toMatch(/^ {2}clone3 +clone3\(0, 0\) +ERRNO\(ENOSYS\) +ENOSYS +ok$/m);
        expect(r.stdout).toMatch(/^ {2}ioctl\(TIOCSTI\) +ioctl\(-1, 0x5412\) +ERRNO\(EPERM\) +EPERM +ok$/m);
      }
      expect(r.stdout).toMatch(/\$ unshare -U true +unshare\(CLONE_NEWUSER\) +exit 1 +unshare: unshare failed: Operation not permitted/);
      expect(r.stdout).toMatch(/Result: the filter is active/);
    });
  }

  it('checks the minimal preset when nothing is configured, and shows no filter for --seccomp off', () => {
    const d = sandbox(['check']);
    expect(d.stdout).toContain('checking the minimal preset');
    expect(d.status).toBe(0);
    const off = sandbox(['check', '--seccomp', 'off']);
    expect(off.status).toBe(0);
    expect(off.stdout).toContain('→ no seccomp filter, as asked');
    expect(off.stdout).toMatch(/\$ unshare -U true +unshare\(CLONE_NEWUSER\) +exit 0/);
  });
});

describe('start-up: presets and .bpf files load neither the compiler nor the TOML parser', () => {
  const FORBIDDEN = /\/(profile|compile|syscalls)\/|\/artifacts\.js$|@iarna\/toml/;

  /** Every module reachable through static imports (not `await import()`) from a built file. */
  function staticGraph(entry: string, seen = new Set<string>()): Set<string> {
    if (seen.has(entry)) return seen;
    seen.add(entry);
    const text = readFileSync(entry, 'utf8');
    for (const m of text.matchAll(/^(?:import|export)\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (spec.startsWith('.')) staticGraph(join(dirname(entry), spec), seen);
      else if (!spec.startsWith('node:')) seen.add(spec);
    }
    return seen;
  }

  /** The modules esbuild put into the CLI bundle (it heads each with a `// src/...` comment). */
  function bundledModules(bundle: string): string[] {
    return [...readFileSync(bundle, 'utf8').matchAll(/^\/\/ (src\/\S+\.ts)$/gm)].map((m) => m[1]);
  }

  it('statically, from the CLI bundle and from the package entry', () => {
    const bundled = bundledModules(CLI);
    expect(bundled).toEqual(expect.arrayContaining(['src/cli/main.ts', 'src/cli/run.ts', 'src/runtime/filter.ts', 'src/runtime/bwrap.ts']));
    expect(bundled.filter((m) => FORBIDDEN.test(`/${m.replace(/\.ts$/, '.js')}`))).toEqual([]);
    // The CLI's hot path does not load the full .bpf checker either (a preset is trusted).
    expect(bundled.filter((m) => /check-bpf|verify|dataflow/.test(m))).toEqual([]);
    // What it leaves out, it imports from tsc's output on demand.
    expect(readFileSync(CLI, 'utf8')).toContain('import("./src/profile/resolve.js")');
    const graph = [...staticGraph(join(ROOT, 'build', 'src', 'index.js'))];
    expect(graph.filter((m) => FORBIDDEN.test(m))).toEqual([]);
  });

  it.skipIf(skip)('as observed by a module-loader hook while the CLI runs', () => {
    const hooks = join(WORK, 'hooks.mjs');
    const log = join(WORK, 'loaded.log');
    writeFileSync(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
    const register = join(WORK, 'register.mjs');
    writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(`file://${hooks}`)});\n`);
    copyFileSync(dist(host, 'minimal'), join(WORK, 'user.bpf'));
    const loaded = (args: string[]) => {
      rmSync(log, { force: true });
      const r = spawnSync(process.execPath, ['--import', register, CLI, ...args], { cwd: WORK, encoding: 'utf8', env: { ...process.env, HOME, XDG_CONFIG_HOME: join(HOME, '.config') } });
      expect(r.status, r.stderr).toBe(0);
      return readFileSync(log, 'utf8').split('\n').filter(Boolean);
    };
    for (const args of [['--seccomp', 'minimal', '--', 'true'], ['--seccomp', './user.bpf', '--', 'true'], ['--', 'true']]) {
      const mods = loaded(args);
      expect(mods.filter((m) => FORBIDDEN.test(m)), args.join(' ')).toEqual([]);
      // A user's .bpf is checked in full: the checker is imported on demand, and the hook sees it.
      expect(mods.some((m) => m.endsWith('/runtime/check-bpf.js')), args.join(' ')).toBe(args[1] === './user.bpf');
    }
    // The probe works: a .toml profile does load the compiler.
    expect(loaded(['--seccomp', join(ROOT, 'profiles', 'minimal.toml'), '--', 'true']).some((m) => /artifacts\.js$/.test(m))).toBe(true);
  });
});
