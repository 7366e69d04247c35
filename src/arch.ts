// One descriptor per syscall ABI and per target architecture: the facts the
// compiler, the emulator and the runtime need about each, in one place.

export type Endian = 'little' | 'big';

/** Every syscall ABI a filter may have to judge. x32 and i386 are compat ABIs of x86_64, arm of aarch64. */
export const ABI_NAMES = [
  'x86_64', 'x32', 'i386', 'aarch64', 'arm', 'riscv64', 'ppc64le', 's390x', 'loongarch64',
] as const;
export type AbiName = (typeof ABI_NAMES)[number];

/** The targets we ship a filter for: one per Linux architecture Node runs on. */
export const ARCH_NAMES = [
  'x86_64', 'aarch64', 'arm', 'i386', 'riscv64', 'ppc64le', 's390x', 'loongarch64',
] as const;
export type ArchName = (typeof ARCH_NAMES)[number];

// include/uapi/linux/audit.h: EM_* | __AUDIT_ARCH_64BIT (0x80000000) | __AUDIT_ARCH_LE (0x40000000)
export const AUDIT_ARCH = {
  X86_64: 0xc000003e,
  I386: 0x40000003,
  AARCH64: 0xc00000b7,
  ARM: 0x40000028,
  RISCV64: 0xc00000f3,
  PPC64LE: 0xc0000015,
  S390X: 0x80000016,
  LOONGARCH64: 0xc0000102,
} as const;

/** arch/x86/include/uapi/asm/unistd.h: every x32 syscall number carries this bit. */
export const X32_SYSCALL_BIT = 0x40000000;

export interface AbiDescriptor {
  name: AbiName;
  /** The value the kernel puts in seccomp_data.arch for a syscall made through this ABI. */
  auditArch: number;
  /**
   * Register width. A 32-bit ABI's syscalls read only the low word of each argument, so only that is
   * judged. Do not assume the high word is zero: through int 0x80 from 64-bit code, seccomp_data can
   * carry the registers' high halves (a test probes exactly that).
   */
  bits: 32 | 64;
  /**
   * Which argument of clone(2) holds the flags. Policies speak of clone(flags, stack, ...) as on
   * x86_64; s390 swaps the first two (arch/s390: clone(stack, flags, ...)).
   */
  cloneFlagsArg: 0 | 1;
}

export const ABIS: Readonly<Record<AbiName, AbiDescriptor>> = {
  x86_64: { name: 'x86_64', auditArch: AUDIT_ARCH.X86_64, bits: 64, cloneFlagsArg: 0 },
  // x32 shares x86_64's audit arch and 64-bit registers; only the number's bit 30 tells it apart.
  x32: { name: 'x32', auditArch: AUDIT_ARCH.X86_64, bits: 64, cloneFlagsArg: 0 },
  i386: { name: 'i386', auditArch: AUDIT_ARCH.I386, bits: 32, cloneFlagsArg: 0 },
  aarch64: { name: 'aarch64', auditArch: AUDIT_ARCH.AARCH64, bits: 64, cloneFlagsArg: 0 },
  arm: { name: 'arm', auditArch: AUDIT_ARCH.ARM, bits: 32, cloneFlagsArg: 0 },
  riscv64: { name: 'riscv64', auditArch: AUDIT_ARCH.RISCV64, bits: 64, cloneFlagsArg: 0 },
  ppc64le: { name: 'ppc64le', auditArch: AUDIT_ARCH.PPC64LE, bits: 64, cloneFlagsArg: 0 },
  s390x: { name: 's390x', auditArch: AUDIT_ARCH.S390X, bits: 64, cloneFlagsArg: 1 },
  loongarch64: { name: 'loongarch64', auditArch: AUDIT_ARCH.LOONGARCH64, bits: 64, cloneFlagsArg: 0 },
};

export interface ArchDescriptor {
  name: ArchName;
  /** Byte order of the machine: of struct sock_filter in the .bpf file and of seccomp_data's words. */
  endian: Endian;
  /** The ABIs a process on this kernel can enter through; the native one first. */
  abis: readonly AbiName[];
  /** Node's process.arch for this target. */
  nodeArch: string;
  /** What `uname -m` (os.machine()) says on a kernel of this arch. */
  machines: readonly string[];
}

export const ARCHES: Readonly<Record<ArchName, ArchDescriptor>> = {
  x86_64: { name: 'x86_64', endian: 'little', abis: ['x86_64', 'x32', 'i386'], nodeArch: 'x64', machines: ['x86_64', 'amd64'] },
  aarch64: { name: 'aarch64', endian: 'little', abis: ['aarch64', 'arm'], nodeArch: 'arm64', machines: ['aarch64', 'arm64', 'aarch64_be'] },
  arm: { name: 'arm', endian: 'little', abis: ['arm'], nodeArch: 'arm', machines: ['armv7l', 'armv6l', 'armv8l', 'arm'] },
  i386: { name: 'i386', endian: 'little', abis: ['i386'], nodeArch: 'ia32', machines: ['i386', 'i486', 'i586', 'i686'] },
  riscv64: { name: 'riscv64', endian: 'little', abis: ['riscv64'], nodeArch: 'riscv64', machines: ['riscv64'] },
  ppc64le: { name: 'ppc64le', endian: 'little', abis: ['ppc64le'], nodeArch: 'ppc64', machines: ['ppc64le'] },
  s390x: { name: 's390x', endian: 'big', abis: ['s390x'], nodeArch: 's390x', machines: ['s390x'] },
  loongarch64: { name: 'loongarch64', endian: 'little', abis: ['loongarch64'], nodeArch: 'loong64', machines: ['loongarch64'] },
};

export function isArchName(name: string): name is ArchName {
  return (ARCH_NAMES as readonly string[]).includes(name);
}

export function isAbiName(name: string): name is AbiName {
  return (ABI_NAMES as readonly string[]).includes(name);
}

/** Which of an arch's ABIs a (seccomp_data.arch, nr) pair belongs to, or undefined for a foreign arch value. */
export function abiOf(arch: ArchDescriptor, auditArch: number, nr: number): AbiName | undefined {
  const candidates = arch.abis.filter((a) => ABIS[a].auditArch === auditArch >>> 0);
  if (candidates.length <= 1) return candidates[0];
  // Only x86_64 and x32 share an audit arch.
  return (nr & X32_SYSCALL_BIT) !== 0 ? 'x32' : 'x86_64';
}

/** Audit arch names for the disassembly. */
export function auditArchName(value: number): string | undefined {
  for (const [name, v] of Object.entries(AUDIT_ARCH)) if (v === value >>> 0) return `ARCH_${name}`;
  return undefined;
}
