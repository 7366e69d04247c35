// Where downloaded kernels, private apt state, built probes and boot logs live between runs. Never
// inside the work tree: SANDBOX_SECCOMP_QEMU_CACHE, else $XDG_CACHE_HOME/sandbox-seccomp/qemu, else
// ~/.cache/sandbox-seccomp/qemu.

import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(...parts: string[]): string {
  const base =
    process.env.SANDBOX_SECCOMP_QEMU_CACHE ||
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'sandbox-seccomp', 'qemu');
  const dir = join(base, ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
