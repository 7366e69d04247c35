// bwrap's command line for a shell or developer workload, finding the programs involved, and running
// the command in bwrap with its signals delivered.
//
// Signals. bwrap does not pass signals on: a SIGTERM or SIGINT that reaches the outer bwrap process kills it,
// and --die-with-parent then SIGKILLs everything inside, so the command never sees the signal. And
// bwrap's pid 1 in the new pid namespace ignores whatever it has no handler for. So:
//   - a signal sent to us (SIGINT, SIGQUIT, SIGTERM, SIGHUP) is forwarded to the command itself, found
//     through /proc as bwrap's grandchild (bwrap → pid 1 → command);
//   - signals sent to a whole process group must not reach bwrap. When we are the terminal's
//     foreground job, bwrap has to stay in our process group (the command needs the terminal: reads,
//     job control, Ctrl-C), so bwrap is started with those signals ignored (`env --ignore-signal`) and
//     the command gets them back at their defaults (`env --default-signal`); Ctrl-C then reaches the
//     command straight from the terminal and we do not forward SIGINT/SIGQUIT a second time. Otherwise
//     (no terminal, or a background job) bwrap gets its own session, so group signals meant for us
//     reach only us and are forwarded once.

import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { delimiter, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { SandboxError } from './errors.js';
import type { SeccompFilter } from './filter.js';

export interface SandboxLayout {
  /** Bound writable at the same path and made the working directory; default process.cwd(). "/" is not made writable. */
  cwd?: string;
  /** Share the host's network (default true); false gives a private network namespace with loopback only. */
  network?: boolean;
  /** More directories bound writable at the same path (absolute, or relative to `cwd`). */
  binds?: readonly string[];
}

/**
 * bwrap options (no program name, no command) for the CLI's defaults: the root read-only, `cwd` and
 * `binds` writable, private /tmp, /dev and /proc, new user, pid, ipc, uts and cgroup namespaces, the
 * network shared unless `network: false`, the sandbox killed with its parent, the working directory
 * kept. Add `filter.bwrapArgs()` for a seccomp filter.
 */
export function sandboxArgs(layout: SandboxLayout = {}): string[] {
  const cwd = layout.cwd ?? process.cwd();
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
  const writable = [...(cwd === '/' ? [] : [cwd]), ...(layout.binds ?? []).map((b) => resolvePath(cwd, b))];
  for (const dir of [...new Set(writable)]) args.push('--bind', dir, dir);
  args.push('--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try');
  if (layout.network === false) args.push('--unshare-net');
  args.push('--die-with-parent', '--chdir', cwd);
  return args;
}

/** The executable `cmd` resolves to through PATH (or as a path when it has a "/"), or undefined. */
export function which(cmd: string, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string | undefined {
  if (cmd.includes('/')) {
    const p = resolvePath(cwd, cmd);
    return isExecutableFile(p) ? p : undefined;
  }
  for (const dir of (env.PATH ?? '/usr/local/bin:/usr/bin:/bin').split(delimiter)) {
    if (!dir) continue;
    const p = join(isAbsolute(dir) ? dir : resolvePath(cwd, dir), cmd);
    if (isExecutableFile(p)) return p;
  }
  return undefined;
}

function isExecutableFile(p: string): boolean {
  // existsSync first: it does not throw, and a thrown error per PATH entry is what would cost here.
  if (!existsSync(p)) return false;
  try {
    accessSync(p, constants.X_OK);
    return statSync(p).isFile();
  } catch {
    return false;
  }
}

export const BWRAP_INSTALL_HINT =
  'install bubblewrap: apt-get install bubblewrap (Debian, Ubuntu), dnf install bubblewrap (Fedora), pacman -S bubblewrap (Arch), apk add bubblewrap (Alpine), zypper install bubblewrap (openSUSE); or set SANDBOX_BWRAP to its path';

/** bwrap's path: $SANDBOX_BWRAP, else `bwrap` on PATH. Throws 'bwrap-missing' with how to install it. */
export function findBwrap(env: NodeJS.ProcessEnv = process.env): string {
  const explicit = env.SANDBOX_BWRAP;
  if (explicit) {
    const p = which(explicit.includes('/') ? explicit : `./${explicit}`, env);
    if (!p) throw new SandboxError('bwrap-missing', `SANDBOX_BWRAP=${explicit} is not an executable file`, BWRAP_INSTALL_HINT);
    return p;
  }
  const p = which('bwrap', env);
  if (!p) throw new SandboxError('bwrap-missing', 'bwrap (bubblewrap) is not installed, or not on PATH', BWRAP_INSTALL_HINT);
  return p;
}

/**
 * Checks before launching that the command exists as the sandbox will see it (the same root, read
 * only): 'command-not-found' otherwise. Not for commands in the sandbox's private /tmp.
 */
export function resolveCommand(command: readonly string[], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  if (command.length === 0 || command[0] === '') throw new SandboxError('usage', 'no command given');
  const found = which(command[0], env, cwd);
  if (found) return found;
  if (command[0].includes('/')) {
    const p = resolvePath(cwd, command[0]);
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new SandboxError('command-not-found', `cannot run ${command[0]}: no such file`);
    }
    throw new SandboxError('command-not-executable', `cannot run ${command[0]}: ${st.isDirectory() ? 'it is a directory' : 'it is not executable'}`);
  }
  throw new SandboxError('command-not-found', `command not found: ${command[0]}`, `PATH is ${env.PATH ?? '(unset)'}`);
}

// ---- Running the command

export const FORWARDED_SIGNALS = ['SIGINT', 'SIGQUIT', 'SIGTERM', 'SIGHUP'] as const;
const SIGNAL_LIST = 'INT,QUIT,TERM,HUP';

/**
 * How the process tree is started:
 * - terminal: we are the terminal's foreground job; bwrap shares our process group with those signals ignored.
 * - session: bwrap gets a session of its own; every signal reaches the command through us.
 * - plain: neither (signal forwarding off, or no `env` with --ignore-signal): bwrap as any child.
 */
export type SignalMode = 'terminal' | 'session' | 'plain';

export interface SpawnSandboxOptions {
  /** bwrap options, e.g. sandboxArgs(); the filter's `--seccomp 3` is appended here. */
  args: readonly string[];
  command: readonly string[];
  /** Passed to bwrap as fd 3. */
  filter?: SeccompFilter;
  /** Default: findBwrap(). */
  bwrap?: string;
  env?: NodeJS.ProcessEnv;
  /** Forward SIGINT, SIGQUIT, SIGTERM and SIGHUP to the command (default true). */
  forwardSignals?: boolean;
  /** Force a mode (tests); default: chosen as described above. */
  mode?: SignalMode;
  /** Called with the full command line just before it starts (e.g. to log it). */
  onSpawn?: (argv: readonly string[], mode: SignalMode) => void;
}

export interface SandboxExit {
  /** The command's exit status; 128 + N when it, or bwrap, died of signal N. */
  status: number;
  /** Set when bwrap itself ended by a signal (not the command: bwrap reports that as 128 + N). */
  signal?: NodeJS.Signals;
  mode: SignalMode;
  elapsedMs: number;
}

/** Whether this process is in the foreground process group of its controlling terminal. */
export function isForegroundJob(): boolean {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // pid (comm) state ppid pgrp session tty_nr tpgid ...; comm may hold spaces and parentheses.
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const pgrp = Number(f[2]);
    const ttyNr = Number(f[4]);
    const tpgid = Number(f[5]);
    return ttyNr !== 0 && tpgid > 0 && tpgid === pgrp;
  } catch {
    return false;
  }
}

let envCache: { path: string; ok: boolean } | null | undefined;
/** An `env` that can set signal dispositions (GNU coreutils 8.31+), or undefined. */
function signalEnv(env: NodeJS.ProcessEnv): string | undefined {
  if (envCache === undefined) {
    const path = which('env', env);
    let ok = false;
    if (path) {
      try {
        const bin = readFileSync(path);
        ok = bin.includes('ignore-signal') && bin.includes('default-signal');
      } catch {
        ok = false;
      }
    }
    envCache = path ? { path, ok } : null;
  }
  return envCache?.ok ? envCache.path : undefined;
}

function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // No CONFIG_PROC_CHILDREN: scan every process for its parent.
    const out: number[] = [];
    let entries: string[] = [];
    try {
      entries = readdirSync('/proc');
    } catch {
      return out;
    }
    for (const e of entries) {
      if (!/^\d+$/.test(e)) continue;
      try {
        const s = readFileSync(`/proc/${e}/stat`, 'utf8');
        if (Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(e));
      } catch {
        /* gone */
      }
    }
    return out.sort((a, b) => a - b);
  }
}

/** The sandboxed command's pid as seen from here: bwrap's child, or with a pid namespace its grandchild. */
function commandPid(bwrapPid: number, pidNamespace: boolean): number | undefined {
  const [first] = childrenOf(bwrapPid);
  if (first === undefined || !pidNamespace) return first;
  return childrenOf(first)[0];
}

/**
 * Starts bwrap with `args`, the filter on fd 3 and the command, stdin/stdout/stderr and the terminal
 * shared, and resolves when it ends, with the command's status. Rejects with SandboxError
 * 'bwrap-missing' if bwrap cannot be started.
 */
export function spawnSandbox(options: SpawnSandboxOptions): Promise<SandboxExit> {
  const env = options.env ?? process.env;
  const bwrap = options.bwrap ?? findBwrap(env);
  const forward = options.forwardSignals ?? true;
  const command = [...options.command];
  const bwrapArgs = [...options.args, ...(options.filter ? options.filter.bwrapArgs(3) : [])];
  const pidNamespace = (bwrapArgs.includes('--unshare-pid') || bwrapArgs.includes('--unshare-all')) && !bwrapArgs.includes('--as-pid-1');

  let mode: SignalMode = options.mode ?? 'plain';
  let envPath: string | undefined;
  if (!options.mode && forward) {
    if (!isForegroundJob()) mode = 'session';
    else if ((envPath = signalEnv(env)) && !command[0].includes('=')) mode = 'terminal';
  } else if (mode === 'terminal') {
    envPath = signalEnv(env);
    if (!envPath) mode = 'plain';
  }

  const argv = mode === 'terminal'
    ? [envPath!, `--ignore-signal=${SIGNAL_LIST}`, bwrap, ...bwrapArgs, '--', envPath!, `--default-signal=${SIGNAL_LIST}`, '--', ...command]
    : [bwrap, ...bwrapArgs, '--', ...command];
  const stdio: (number | 'inherit')[] = ['inherit', 'inherit', 'inherit'];
  if (options.filter) stdio.push(options.filter.fd);

  options.onSpawn?.(argv, mode);
  const started = Date.now();
  return new Promise<SandboxExit>((resolve, reject) => {
    let child;
    try {
      child = spawn(argv[0], argv.slice(1), { stdio, env, detached: mode === 'session' });
    } catch (e) {
      reject(spawnError(e as NodeJS.ErrnoException, bwrap));
      return;
    }
    let done = false;
    let killedFor: NodeJS.Signals | undefined;
    const timers = new Set<NodeJS.Timeout>();

    const deliver = (sig: NodeJS.Signals, deadline: number) => {
      if (done || child.pid === undefined) return;
      const pid = commandPid(child.pid, pidNamespace);
      if (pid !== undefined) {
        try {
          process.kill(pid, sig);
        } catch {
          /* it just ended */
        }
        return;
      }
      if (Date.now() < deadline) {
        const t = setTimeout(() => {
          timers.delete(t);
          deliver(sig, deadline);
        }, 10);
        timers.add(t);
        return;
      }
      // The command never started (bwrap stuck in setup): tear the sandbox down.
      killedFor = sig;
      child.kill('SIGKILL');
    };
    const handlers = new Map<NodeJS.Signals, () => void>();
    if (forward) {
      for (const sig of FORWARDED_SIGNALS) {
        const h = () => {
          // At a terminal these come from it (Ctrl-C, Ctrl-\) to the whole job: the command has its own.
          if (mode === 'terminal' && (sig === 'SIGINT' || sig === 'SIGQUIT')) return;
          deliver(sig, Date.now() + 2000);
        };
        handlers.set(sig, h);
        process.on(sig, h);
      }
    }
    const cleanup = () => {
      done = true;
      for (const [sig, h] of handlers) process.off(sig, h);
      for (const t of timers) clearTimeout(t);
    };
    child.once('error', (e: NodeJS.ErrnoException) => {
      cleanup();
      reject(spawnError(e, bwrap));
    });
    child.once('exit', (code, signal) => {
      cleanup();
      const elapsedMs = Date.now() - started;
      if (code !== null) {
        resolve({ status: code, mode, elapsedMs });
        return;
      }
      const sig = killedFor ?? signal ?? 'SIGKILL';
      resolve({ status: 128 + (osConstants.signals[sig] ?? 9), signal: signal ?? undefined, mode, elapsedMs });
    });
  });
}

function spawnError(e: NodeJS.ErrnoException, bwrap: string): Error {
  if (e.code === 'ENOENT' || e.code === 'EACCES') {
    return new SandboxError('bwrap-missing', `cannot run ${bwrap}: ${e.code === 'ENOENT' ? 'no such file' : 'permission denied'}`, BWRAP_INSTALL_HINT);
  }
  return e;
}
