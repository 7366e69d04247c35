// `sandbox [options] -- CMD`, end to end: the shipped CLI (build/sandbox.cjs, what `bin` names)
// running real bwrap on the real kernel, as root and as the unprivileged `nobody`.
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hostArch } from '../src/runtime/filter.js';
import { CLI, ensureBuilt, HOME, NOBODY, ROOT, runCli, type RunOptions } from './helpers/cli.js';
import { bwrapMissing, sharedTempDir, which } from './helpers/sandbox.js';

const sandbox = (args: string[], o: Partial<RunOptions> = {}) => runCli(args, { cwd: WORK, ...o });

const skip = bwrapMissing();
if (skip) console.warn(`cli-run tests skipped: ${skip}`);
/** A working directory both root and nobody can write. */
const WORK = sharedTempDir('cli-work-');
chmodSync(WORK, 0o777);

beforeAll(ensureBuilt, 180_000);

describe.skipIf(skip)('sandbox -- CMD', () => {
  for (const nobody of [false, true]) {
    const who = nobody ? 'as nobody' : 'as root';
    const run = (args: string[], o: Partial<RunOptions> = {}) => sandbox(args, { ...o, nobody });

    it(`loads the filter: strace and unshare -U fail with EPERM, ${who}`, () => {
      const r = run(['--seccomp', 'minimal', '--', 'sh', '-c', 'grep ^Seccomp: /proc/self/status; unshare -U true; echo "unshare=$?"']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Seccomp:\s+2/);
      expect(r.stdout).toContain('unshare=1');
      expect(r.stderr).toMatch(/unshare failed: Operation not permitted/);
      const u = run(['--seccomp', 'minimal', '--', 'unshare', '-U', 'true']);
      expect(u.status).toBe(1);
      if (which('strace')) {
        const s = run(['--seccomp', 'minimal', '--', 'strace', '-f', 'true']);
        expect(s.status).not.toBe(0);
        expect(s.stderr).toMatch(/PTRACE_TRACEME.*Operation not permitted/);
      } else {
        console.warn('strace is not installed: the strace case is not run');
      }
    });

    it(`runs ordinary commands: shell, files, pipes, ${who}`, () => {
      const script = [
        'set -e',
        'echo hello',
        'ls / >/dev/null',
        'echo data > ./written-inside',
        'echo tmp > /tmp/private-file && cat /tmp/private-file',
        'printf "%s\\n" a b c | sort -r | head -n 1',
        'if touch /usr/cannot-write 2>/dev/null; then echo root-writable; else echo root-read-only; fi',
        'pwd',
      ].join('\n');
      const r = run(['--seccomp', 'strict', '--', 'sh', '-c', script]);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout.split('\n')).toEqual(['hello', 'tmp', 'c', 'root-read-only', WORK, '']);
      expect(readFileSync(join(WORK, 'written-inside'), 'utf8')).toBe('data\n');
      expect(existsSync('/tmp/private-file')).toBe(false);
      rmSync(join(WORK, 'written-inside'));
    });

    it(`passes stdin, stdout, stderr and the environment through, ${who}`, () => {
      const r = run(['--seccomp', 'minimal', '--', 'sh', '-c', 'tr a-z A-Z; echo "$GREETING" >&2'], { input: 'piped in\n', env: { GREETING: 'hi there' } });
      expect(r.status).toBe(0);
      expect(r.stdout).toBe('PIPED IN\n');
      expect(r.stderr).toBe('hi there\n');
    });

    it(`exits with the command's status, 128+N for signal N, ${who}`, () => {
      expect(run(['--seccomp', 'minimal', '--', 'sh', '-c', 'exit 7']).status).toBe(7);
      expect(run(['--', 'false']).status).toBe(1);
      expect(run(['--seccomp', 'minimal', '--', 'sh', '-c', 'kill -TERM $$']).status).toBe(143);
      expect(run(['--seccomp', 'minimal', '--', 'sh', '-c', 'kill -KILL $$']).status).toBe(137);
    });

    it(`loads no filter unless asked (opt-in), and none for --seccomp off, ${who}`, () => {
      const plain = run(['--', 'sh', '-c', 'grep ^Seccomp: /proc/self/status; unshare -U true && echo unshare-ok']);
      expect(plain.status, plain.stderr).toBe(0);
      expect(plain.stdout).toMatch(/Seccomp:\s+0/);
      expect(plain.stdout).toContain('unshare-ok');
      expect(run(['--seccomp', 'off', '--', 'grep', '^Seccomp:', '/proc/self/status']).stdout).toMatch(/Seccomp:\s+0/);
    });
  }

  it('takes a .bpf file and a .toml profile (compiled for this machine)', () => {
    const bpf = join(WORK, 'copy.bpf');
    copyFileSync(join(ROOT, 'dist-bpf', hostArch(), 'minimal.bpf'), bpf);
    for (const setting of ['./copy.bpf', bpf, join(ROOT, 'profiles', 'strict.toml'), relative(WORK, join(ROOT, 'profiles', 'minimal.toml'))]) {
      const r = sandbox(['--seccomp', setting, '--', 'sh', '-c', 'grep ^Seccomp: /proc/self/status; unshare -U true']);
      expect(r.stdout, setting).toMatch(/Seccomp:\s+2/);
      expect(r.stderr, setting).toMatch(/Operation not permitted/);
    }
    const nb = sandbox(['--seccomp', './copy.bpf', '--', 'unshare', '-U', 'true'], { nobody: true });
    expect(nb.stderr).toMatch(/Operation not permitted/);
  });

  it('--no-network leaves only loopback; the network is shared by default', () => {
    const ifaces = (out: string) => out.split('\n').slice(2).map((l) => l.split(':')[0].trim()).filter(Boolean);
    const host = ifaces(readFileSync('/proc/net/dev', 'utf8'));
    const shared = sandbox(['--', 'cat', '/proc/net/dev']);
    expect(ifaces(shared.stdout)).toEqual(host);
    const none = sandbox(['--no-network', '--', 'cat', '/proc/net/dev']);
    expect(ifaces(none.stdout)).toEqual(['lo']);
  });

  it('--bind makes another directory writable', () => {
    // Not under /tmp, which is private inside.
    const extra = mkdtempSync(existsSync('/var/tmp') ? '/var/tmp/cli-bind-' : join(ROOT, '.cli-bind-'));
    try {
      const r = sandbox(['--bind', extra, '--', 'sh', '-c', `echo x > ${extra}/f && echo ok`]);
      expect(r.stdout, r.stderr).toBe('ok\n');
      expect(existsSync(join(extra, 'f'))).toBe(true);
      const ro = sandbox(['--', 'sh', '-c', `echo x > ${extra}/g`]);
      expect(ro.status).not.toBe(0);
      expect(ro.stderr).toMatch(/Read-only file system/);
      const missing = sandbox(['--bind', join(extra, 'nope'), '--', 'true']);
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('no such directory');
    } finally {
      rmSync(extra, { recursive: true, force: true });
    }
  });

  it('keeps the working directory and runs new pid, uts, ipc namespaces', () => {
    const r = sandbox(['--', 'sh', '-c', 'pwd; echo $$; readlink /proc/self/ns/uts /proc/self/ns/ipc']);
    const [pwd, pid, uts, ipc] = r.stdout.trim().split('\n');
    expect(pwd).toBe(WORK);
    expect(Number(pid)).toBeLessThan(10);
    expect(uts).toMatch(/^uts:/);
    expect(uts).not.toBe(readlinkSync('/proc/self/ns/uts'));
    expect(ipc).not.toBe(readlinkSync('/proc/self/ns/ipc'));
  });
});

/** Starts the CLI in a session of its own (as a job control shell would not), waits for "ready", sends a signal. */
function signalled(sig: NodeJS.Signals, opts: { group?: boolean; nobody?: boolean } = {}): Promise<{ status: number | null; stdout: string }> {
  const name = sig.slice(3);
  const script = `trap 'echo "got ${name}"; exit 42' ${name}; echo ready; while :; do sleep 0.05; done`;
  const argv = [...(opts.nobody ? NOBODY : []), process.execPath, CLI, '--seccomp', 'minimal', '--', 'sh', '-c', script];
  return new Promise((resolve, reject) => {
    const c = spawn(argv[0], argv.slice(1), { cwd: WORK, stdio: ['ignore', 'pipe', 'inherit'], detached: true, env: { ...process.env, HOME, XDG_CONFIG_HOME: join(HOME, '.config') } });
    let stdout = '';
    const timer = setTimeout(() => {
      process.kill(-c.pid!, 'SIGKILL');
      reject(new Error(`no exit after ${sig}; output so far: ${stdout}`));
    }, 15_000);
    c.stdout!.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
      if (d.includes('ready')) setTimeout(() => process.kill(opts.group ? -c.pid! : c.pid!, sig), 100);
    });
    c.on('exit', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout });
    });
  });
}

describe.skipIf(skip)('signals reach the command', () => {
  for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
    it(`${sig} sent to sandbox runs the command's trap`, async () => {
      const r = await signalled(sig);
      expect(r.stdout).toBe(`ready\ngot ${sig.slice(3)}\n`);
      expect(r.status).toBe(42);
    });
  }

  it('SIGTERM to the whole process group reaches the command once', async () => {
    const r = await signalled('SIGTERM', { group: true });
    expect(r.stdout).toBe('ready\ngot TERM\n');
    expect(r.status).toBe(42);
  });

  it('SIGTERM reaches the command as nobody', async () => {
    const r = await signalled('SIGTERM', { nobody: true });
    expect(r.stdout).toBe('ready\ngot TERM\n');
    expect(r.status).toBe(42);
  });

  it('a command without a handler dies of the signal: status 128+N', async () => {
    const c = spawn(process.execPath, [CLI, '--', 'sleep', '30'], { cwd: WORK, stdio: 'ignore', detached: true });
    await new Promise((r) => setTimeout(r, 400));
    process.kill(c.pid!, 'SIGTERM');
    const status = await new Promise((r) => c.on('exit', r));
    expect(status).toBe(143);
  });
});

const noScript = skip ?? (which('script') ? undefined : 'util-linux script (for a pseudo-terminal) is not installed');
if (noScript && !skip) console.warn(`cli-run terminal tests skipped: ${noScript}`);
describe.skipIf(noScript)('at a terminal (a pty from util-linux script)', () => {
  /** Runs the CLI as the foreground job of a fresh pty; types Ctrl-C once "ready" appears. */
  function atTerminal(cmd: string, ctrlC: boolean): Promise<{ status: number | null; out: string }> {
    const quoted = cmd.replace(/'/g, `'\\''`);
    // `exec`: script runs the line with $SHELL -c (dash where SHELL is unset, as under CI), and a
    // non-interactive dash that stays as our parent dies of the Ctrl-C itself, turning every status into 130.
    const line = `exec ${process.execPath} ${CLI} --seccomp minimal -- sh -c '${quoted}'`;
    return new Promise((resolve) => {
      const c = spawn('script', ['-q', '-e', '-c', line, '/dev/null'], { cwd: WORK, stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, HOME, XDG_CONFIG_HOME: join(HOME, '.config') } });
      let out = '';
      const timer = setTimeout(() => c.kill('SIGKILL'), 15_000);
      c.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (ctrlC && d.includes('ready')) setTimeout(() => c.stdin!.write('\x03'), 150);
      });
      c.on('exit', (status) => {
        clearTimeout(timer);
        resolve({ status, out: out.replace(/\r/g, '') });
      });
    });
  }

  it('the command gets the terminal', async () => {
    const r = await atTerminal('test -t 0 && test -t 1 && test -t 2 && echo all-ttys', false);
    expect(r.out).toContain('all-ttys');
    expect(r.status).toBe(0);
  });

  it('Ctrl-C reaches the command once and the sandbox survives it', async () => {
    const r = await atTerminal('trap "echo caught" INT; echo ready; sleep 2; echo after; exit 7', true);
    expect(r.out.match(/caught/g)).toHaveLength(1);
    expect(r.out).toContain('after');
    expect(r.status).toBe(7);
  });

  it('Ctrl-C ends a command that does not handle it: status 130', async () => {
    const r = await atTerminal('echo ready; exec sleep 10', true);
    expect(r.status).toBe(130);
  });
});
