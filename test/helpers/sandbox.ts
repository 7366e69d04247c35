// Real bwrap, real kernel: run a command in a sandbox with an optional filter, as root or as an
// unprivileged user. Tests that need what this machine lacks skip and say why.

import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdtempSync, openSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Why bwrap-based tests cannot run here, or undefined when they can. */
export function bwrapMissing(): string | undefined {
  if (process.platform !== 'linux') return 'not Linux';
  if (!which('bwrap')) return 'bwrap is not installed (apt-get install bubblewrap; CI installs it)';
  const r = spawnSync('bwrap', ['--ro-bind', '/', '/', '--unshare-user', 'true']);
  if (r.status !== 0) return `bwrap cannot create a sandbox here: ${r.stderr?.toString().trim()}`;
  return undefined;
}

export function gccMissing(): string | undefined {
  return which('gcc') ? undefined : 'gcc is not installed (CI installs it)';
}

/** A world-readable scratch directory (an unprivileged user must reach files in it). */
export function sharedTempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  chmodSync(dir, 0o755);
  return dir;
}

/** Compiles a C file; returns the binary's path. */
export function compileC(source: string, out: string, flags: string[] = []): string {
  const r = spawnSync('gcc', ['-O2', '-Wall', '-o', out, source, ...flags], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`gcc failed for ${source}:\n${r.stderr}`);
  chmodSync(out, 0o755);
  return out;
}

export interface SandboxRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SandboxOptions {
  /** Raw struct sock_filter bytes handed to bwrap --seccomp; none: no filter. */
  filter?: Buffer;
  /** Run bwrap as the `nobody` user instead of root. */
  unprivileged?: boolean;
  /**
   * Root with every capability and no user namespace (bwrap --cap-add ALL): capability checks then
   * pass, so a probe's natural result is the argument error it was designed to hit.
   */
  allCaps?: boolean;
  /** A host directory to mount read-write as the sandbox's /tmp (before `binds`, which may lie inside it). */
  tmpDir?: string;
  /** Directories bound read-write at the same path. */
  binds?: string[];
  /** Directories bound read-only at the same path, after tmpDir (which may hide them otherwise). */
  roBinds?: string[];
  /** Working directory inside the sandbox. */
  cwd?: string;
  extraBwrapArgs?: string[];
  env?: NodeJS.ProcessEnv;
  timeoutMs?: number;
  input?: string;
}

export function runInSandbox(command: string[], opts: SandboxOptions = {}): SandboxRun {
  if (opts.allCaps && opts.unprivileged) throw new Error('allCaps needs root');
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--die-with-parent',
    ...(opts.allCaps ? ['--cap-add', 'ALL'] : ['--unshare-user']),
    ...(opts.tmpDir ? ['--bind', opts.tmpDir, '/tmp'] : []),
    ...(opts.roBinds ?? []).flatMap((d) => ['--ro-bind', d, d]),
    ...(opts.binds ?? []).flatMap((d) => ['--bind', d, d]),
    ...(opts.cwd ? ['--chdir', opts.cwd] : []),
    ...(opts.extraBwrapArgs ?? [])];
  let fd: number | undefined;
  if (opts.filter) {
    const dir = sharedTempDir('seccomp-filter-');
    const file = join(dir, 'filter.bpf');
    writeFileSync(file, opts.filter);
    fd = openSync(file, 'r');
    args.push('--seccomp', '3');
  }
  const argv = ['bwrap', ...args, '--', ...command];
  const full = opts.unprivileged
    ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', ...argv]
    : argv;
  try {
    const r = spawnSync(full[0], full.slice(1), {
      encoding: 'utf8',
      stdio: [opts.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe', fd ?? 'ignore'],
      input: opts.input,
      env: opts.env ?? process.env,
      timeout: opts.timeoutMs ?? 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (r.error) throw r.error;
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Parses the probe's lines `name ret ERRNO|OK …` into name → "OK" | errno name | SIGn. */
export function parseProbe(stdout: string): Map<string, string> {
  return new Map([...parseProbeLines(stdout)].map(([k, v]) => [k, v.result]));
}

export interface ProbeLine {
  name: string;
  result: string;
  syscall: string;
  /** The arguments as seccomp_data saw them. */
  args: bigint[];
}

/** Parses `name ret RESULT syscall a0 … a5` lines (comments start with #). */
export function parseProbeLines(stdout: string): Map<string, ProbeLine> {
  const m = new Map<string, ProbeLine>();
  for (const line of stdout.trim().split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [name, , result, syscall, ...args] = line.split(' ');
    if (name && result) m.set(name, { name, result, syscall: syscall ?? '', args: args.map((a) => BigInt(a)) });
  }
  return m;
}
