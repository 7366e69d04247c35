// Where the package's own files are, whether running from src/ (tsx) or from the compiled build/.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/** The directory holding this package's package.json. */
export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the sandbox-seccomp package root above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  root = dir;
  return dir;
}

/** The shipped filters: dist-bpf/<arch>/<preset>.bpf; SANDBOX_SECCOMP_DIST overrides (packagers' vendored copy). */
export function distDir(): string {
  return process.env.SANDBOX_SECCOMP_DIST || join(packageRoot(), 'dist-bpf');
}

/** The presets' folder; SANDBOX_SECCOMP_PROFILES overrides (tests, packagers' patched presets). */
export function profilesDir(): string {
  return process.env.SANDBOX_SECCOMP_PROFILES || join(packageRoot(), 'profiles');
}
