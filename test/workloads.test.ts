// Real software inside the filters: each workload runs in the sandbox without a filter and with each
// shipped x86_64 preset, and must come out the same. What a preset breaks on purpose is in
// docs/tradeoffs.md, with the command that shows it.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { arch } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { distDir, packageRoot } from '../src/paths.js';
import { bwrapMissing, runInSandbox, sharedTempDir, which, type SandboxRun } from './helpers/sandbox.js';

const skip = arch() !== 'x64' ? 'the host is not x86_64' : bwrapMissing();
if (skip) console.warn(`workload tests skipped: ${skip}`);
// This file runs the project's own tests inside the sandbox; they must not run this file again.
const nested = process.env.SANDBOX_SECCOMP_NESTED === '1';

const PRESETS = ['none', 'minimal', 'strict'] as const;
type Preset = (typeof PRESETS)[number];

interface Workload {
  name: string;
  /** A tool it needs, checked on the host. */
  needs?: string[];
  timeoutMs?: number;
  run(env: { scratch: string; tmp: string; preset: Preset; filter?: Buffer }): SandboxRun;
  /** The part of the output that must be identical with and without a filter. */
  outcome(r: SandboxRun): string;
}

const sandbox = (cmd: string[], e: { scratch: string; tmp: string; filter?: Buffer }, extra: { binds?: string[]; cwd?: string; input?: string; timeoutMs?: number; env?: NodeJS.ProcessEnv } = {}) =>
  // The project may itself live under /tmp (CI clones anywhere), which the sandbox's own /tmp hides.
  runInSandbox(cmd, { filter: e.filter, tmpDir: e.tmp, roBinds: [packageRoot()], binds: [e.scratch, ...(extra.binds ?? [])], cwd: extra.cwd ?? e.scratch, input: extra.input, timeoutMs: extra.timeoutMs ?? 300_000, env: extra.env });

const PY_TESTS = ['test_os', 'test_subprocess', 'test_threading', 'test_signal', 'test_select', 'test_shutil', 'test_tempfile'];
// Tests that change to another uid or gid fail in any user namespace that does not map them (the
// sandbox's, filter or not): left out. test_socket as a whole waits on outside hosts this machine
// cannot reach; these classes need none.
const PY_IGNORE = ['test_chown_with_root', 'test_user', 'test_group'];
const PY_SOCKET = ['BasicTCPTest', 'BasicUDPTest', 'BasicSocketPairTest', 'GeneralModuleTests', 'UnixStreamBase', 'NonBlockingTCPTests', 'FileObjectClassTestCase'];

const WORKLOADS: Workload[] = [
  {
    name: 'git: init, commit, log, gc',
    needs: ['git'],
    run: (e) => sandbox(['sh', '-c', [
      'set -e', 'export HOME=$PWD GIT_CONFIG_NOSYSTEM=1', 'git init -q repo', 'cd repo',
      'git config user.name t && git config user.email t@example.invalid',
      'for i in 1 2 3; do echo "line $i" >> f.txt; git add f.txt; git commit -qm "commit $i"; done',
      'git log --format=%s', 'git gc -q', 'git count-objects -v | grep -c packs', 'git fsck --no-progress && echo fsck ok',
    ].join('\n')], e),
    outcome: (r) => `${r.status}\n${r.stdout}`,
  },
  {
    name: 'a C build with make and gcc',
    needs: ['make', 'gcc'],
    run: (e) => {
      writeFileSync(join(e.scratch, 'main.c'), '#include <stdio.h>\nint add(int, int);\nint main(void) { printf("%d\\n", add(40, 2)); return 0; }\n');
      writeFileSync(join(e.scratch, 'add.c'), 'int add(int a, int b) { return a + b; }\n');
      writeFileSync(join(e.scratch, 'Makefile'), 'prog: main.o add.o\n\tgcc -o $@ $^\n%.o: %.c\n\tgcc -O2 -c -o $@ $<\n');
      return sandbox(['sh', '-c', 'make -s -j2 && ./prog'], e);
    },
    outcome: (r) => `${r.status}\n${r.stdout}`,
  },
  {
    name: `Python's regression tests (${PY_TESTS.join(', ')}, test_socket's local classes)`,
    needs: ['/usr/bin/python3'],
    timeoutMs: 600_000,
    run: (e) => sandbox(['sh', '-c', `/usr/bin/python3 -m test -q -j2 ${PY_IGNORE.map((t) => `-i ${t}`).join(' ')} ${PY_TESTS.join(' ')} && /usr/bin/python3 -m test -q test_socket ${PY_SOCKET.map((m) => `-m ${m}`).join(' ')}`], e, { env: { ...process.env, HOME: e.scratch } }),
    outcome: (r) => `${r.status} ${[...r.stdout.matchAll(/Tests result: (\w+)/g)].map((m) => m[1]).join(' ')}`,
  },
  {
    name: "Node's child_process and worker_threads",
    run: (e) => sandbox([process.execPath, fileURLToPath(new URL('workloads/node-processes.mjs', import.meta.url))], e),
    outcome: (r) => `${r.status}\n${r.stdout}`,
  },
  {
    name: 'an interactive shell under a pty',
    needs: ['script'],
    run: (e) => sandbox(['script', '-qec', 'sh -i', '/dev/null'], e, { input: 'test -t 0 && echo "on a tty"\nstty size >/dev/null && echo stty ok\nexit 7\n' }),
    outcome: (r) => `${r.status} ${r.stdout.includes('on a tty')} ${r.stdout.includes('stty ok')}`,
  },
  {
    name: "this project's own unit and property tests",
    run: (e) => sandbox([join(packageRoot(), 'node_modules/.bin/vitest'), 'run', '--maxWorkers=1',
      'test/compile.test.ts', 'test/compile-property.test.ts', 'test/profile.test.ts', 'test/syscalls.test.ts',
      'test/crosscheck-libseccomp.test.ts', 'test/bpf-emulator.test.ts', 'test/bpf-asm.test.ts'], e,
      { binds: [packageRoot()], cwd: packageRoot(), env: { ...process.env, SANDBOX_SECCOMP_NESTED: '1' } }),
    outcome: (r) => `${r.status} ${/tests: \d+ passed, \d+ failed, \d+ skipped/.exec(r.stdout)?.[0] ?? r.stdout.slice(-500)}`,
  },
];

describe.skipIf(skip || nested)('real software inside the filters (x86_64)', () => {
  for (const w of WORKLOADS) {
    const missing = (w.needs ?? []).filter((t) => !which(t));
    if (missing.length) console.warn(`workload "${w.name}" skipped: ${missing.join(', ')} not installed (make setup installs it)`);
    it.skipIf(missing.length)(w.name, () => {
      const outcomes = new Map<Preset, string>();
      for (const preset of PRESETS) {
        const scratch = sharedTempDir('workload-');
        const tmp = join(scratch, '.tmp');
        mkdirSync(tmp);
        const filter = preset === 'none' ? undefined : readFileSync(join(distDir(), 'x86_64', `${preset}.bpf`));
        const r = w.run({ scratch, tmp, preset, filter });
        outcomes.set(preset, w.outcome(r));
        if (preset === 'none') expect(r.status, `${w.name} fails even without a filter:\n${r.stdout.slice(-2000)}\n${r.stderr.slice(-2000)}`).toBe(w.name.includes('pty') ? 7 : 0);
      }
      expect(outcomes.get('minimal'), `${w.name} under minimal`).toBe(outcomes.get('none'));
      expect(outcomes.get('strict'), `${w.name} under strict`).toBe(outcomes.get('none'));
    }, w.timeoutMs ?? 180_000);
  }
});
