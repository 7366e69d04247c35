// Builds test/probes/probe.c once per syscall ABI of an x86_64 kernel, and says which ABIs this
// kernel accepts (a kernel without IA32 emulation refuses 32-bit programs and int 0x80).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AbiName } from '../../src/arch.js';
import { compileC, sharedTempDir } from './sandbox.js';

const SOURCE = fileURLToPath(new URL('../probes/probe.c', import.meta.url));

export interface ProbeBinary {
  /** How the syscalls enter the kernel. */
  mode: 'x86_64' | 'i386' | 'x32' | 'i386-int80';
  /** The ABI whose table the filter judges them by. */
  abi: AbiName;
  path?: string;
  /** Why this mode cannot run here. */
  skip?: string;
}

const FLAGS: Record<ProbeBinary['mode'], string[]> = {
  x86_64: [],
  i386: ['-m32', '-idirafter', '/usr/include/x86_64-linux-gnu'],
  x32: ['-DPROBE_X32'],
  'i386-int80': ['-DPROBE_INT80', '-static', '-no-pie'],
};

let built: ProbeBinary[] | undefined;

export function buildProbes(): ProbeBinary[] {
  if (built) return built;
  const dir = sharedTempDir('probes-');
  built = (Object.keys(FLAGS) as ProbeBinary['mode'][]).map((mode) => {
    const abi: AbiName = mode === 'x32' ? 'x32' : mode === 'x86_64' ? 'x86_64' : 'i386';
    let path: string;
    try {
      path = compileC(SOURCE, join(dir, `probe-${mode}`), FLAGS[mode]);
    } catch (e) {
      return { mode, abi, skip: `cannot build the ${mode} probe (gcc-multilib installs 32-bit support): ${(e as Error).message.split('\n')[0]}` };
    }
    // Does this kernel run it? Without IA32 emulation a 32-bit binary fails to exec (ENOEXEC) and
    // int 0x80 faults before seccomp sees it.
    const r = spawnSync(path, ['getpid'], { encoding: 'utf8' });
    if (r.error || r.signal || !/^getpid \S+ OK/m.test(r.stdout)) {
      if (mode === 'x32' && /^getpid -1 ENOSYS/m.test(r.stdout)) return { mode, abi, path }; // x32 off: seccomp still sees the numbers
      const why = r.error ? (r.error as NodeJS.ErrnoException).code : r.signal ? `killed by ${r.signal}` : r.stdout.trim();
      return { mode, abi, skip: `this kernel does not run ${mode} syscalls (${why}): IA32 emulation is off; the qemu proof (npm run test:arch x86_64) covers it` };
    }
    return { mode, abi, path };
  });
  return built;
}
