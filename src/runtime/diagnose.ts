// After bwrap exits with status 1: was that the command's own status, or bwrap failing to build the
// sandbox? bwrap's error goes to the same stderr as the command's, so ask again with `true`: first
// without the filter (namespaces, mounts), then with it (seccomp). Costs two short bwrap runs, only on
// this path.

import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export interface BwrapDiagnosis {
  /** What failed: creating the sandbox (namespaces, mounts) or loading the filter. */
  stage: 'sandbox' | 'seccomp';
  /** bwrap's own message, e.g. "bwrap: No permissions to creating new namespace, ...". */
  bwrapMessage: string;
  /** One line for the user, with bwrap's message in it. */
  message: string;
  /** What to do about it. */
  hint: string;
}

export interface DiagnoseOptions {
  bwrap: string;
  /** The bwrap options of the failed run, without the filter's --seccomp. */
  args: readonly string[];
  /** The filter's bytes, if one was loaded. */
  filter?: Uint8Array;
  env?: NodeJS.ProcessEnv;
}

function runTrue(bwrap: string, args: readonly string[], env: NodeJS.ProcessEnv | undefined, filter?: Uint8Array): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const stdio: ('ignore' | 'pipe')[] = ['ignore', 'ignore', 'pipe'];
    if (filter) stdio.push('pipe');
    const argv = [...args, ...(filter ? ['--seccomp', '3'] : []), '--', 'true'];
    const child = spawn(bwrap, argv, { stdio, env: env ?? process.env });
    let stderr = '';
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    if (filter) {
      const w = child.stdio[3] as NodeJS.WritableStream;
      w.on('error', () => {});
      w.end(Buffer.from(filter));
    }
    child.on('error', (e) => resolve({ status: null, stderr: String(e.message) }));
    child.on('close', (status) => resolve({ status, stderr }));
  });
}

function readSysctl(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return undefined;
  }
}

function userNamespaceHint(): string {
  const hints: string[] = [];
  if (readSysctl('/proc/sys/kernel/unprivileged_userns_clone') === '0') {
    hints.push('unprivileged user namespaces are disabled: sudo sysctl -w kernel.unprivileged_userns_clone=1');
  }
  if (readSysctl('/proc/sys/user/max_user_namespaces') === '0') {
    hints.push('user namespaces are disabled (user.max_user_namespaces = 0): sudo sysctl -w user.max_user_namespaces=15000');
  }
  if (readSysctl('/proc/sys/kernel/apparmor_restrict_unprivileged_userns') === '1') {
    hints.push('AppArmor restricts unprivileged user namespaces (Ubuntu 23.10+): give bwrap an AppArmor profile that allows "userns" (see /etc/apparmor.d/), or sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0');
  }
  if (hints.length === 0) {
    hints.push('the kernel must allow this user to create user namespaces (CONFIG_USER_NS, and no sysctl, AppArmor or SELinux policy against it), or bwrap must be installed setuid root');
  }
  return hints.join('; ');
}

function seccompHint(): string {
  const status = readSysctl('/proc/self/status') ?? '';
  if (!/^Seccomp:/m.test(status)) return 'this kernel has no seccomp support (CONFIG_SECCOMP, CONFIG_SECCOMP_FILTER); run with --seccomp off, or use a kernel built with it';
  return 'the kernel refused the filter, or the filter stops bwrap or `true` from running: check it with "sandbox disasm FILE.bpf", or run with --seccomp off';
}

/**
 * Explains a bwrap failure, or returns undefined when bwrap can build the sandbox and load the filter
 * (then the status 1 was the command's own).
 */
export async function diagnoseBwrapFailure(options: DiagnoseOptions): Promise<BwrapDiagnosis | undefined> {
  const bare = await runTrue(options.bwrap, options.args, options.env);
  if (bare.status !== 0) {
    const bwrapMessage = firstLine(bare.stderr) || `bwrap exited with status ${bare.status}`;
    const userns = /namespace|uid map|gid map|setgroups|unshare/i.test(bwrapMessage);
    return {
      stage: 'sandbox',
      bwrapMessage,
      message: `bwrap could not create the sandbox${userns ? ' (user namespaces)' : ''}: ${bwrapMessage.replace(/^bwrap: /, '')}`,
      hint: userns ? userNamespaceHint() : 'bwrap fails even for `true` with these options; run the same bwrap command by hand to see why',
    };
  }
  if (!options.filter) return undefined;
  const filtered = await runTrue(options.bwrap, options.args, options.env, options.filter);
  if (filtered.status !== 0) {
    const bwrapMessage = firstLine(filtered.stderr) || `bwrap exited with status ${filtered.status}`;
    return {
      stage: 'seccomp',
      bwrapMessage,
      message: `bwrap could not load the seccomp filter: ${bwrapMessage.replace(/^bwrap: /, '')}`,
      hint: seccompHint(),
    };
  }
  return undefined;
}

function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).find(Boolean) ?? '';
}
