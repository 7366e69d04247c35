// What it takes to boot each architecture's Debian kernel under qemu-system and probe its filters:
// the Debian kernel package, the qemu machine, the serial console, the cross compilers, and the ABI
// gates the probe must report. One entry per target of src/arch.ts.

import type { AbiName, ArchName } from '../../src/arch.js';

export interface Toolchain {
  /** The C compiler command. */
  cc: string;
  /** Flags besides -static -O2 -Wall. */
  flags: string[];
  /** Debian packages that provide it (compiler and static libc). */
  packages: string[];
  /** ELF e_machine the output must have (a check that the right compiler ran). */
  elfMachine: number;
}

/** An ABI gate the probe reports: its label in the serial output and the ABI it stands for. */
export interface Gate {
  label: string;
  abi: AbiName;
  /** How the probe enters the kernel through it, for the report. */
  how: string;
}

export interface QemuTarget {
  arch: ArchName;
  /** Why this target cannot be run from Debian's packages, when it cannot. */
  unavailable?: string;
  /** dpkg's architecture name. */
  debArch: string;
  /** The Debian suite the kernel comes from. */
  suite: string;
  /** The metapackage naming the current kernel (its first linux-image-<abi> dependency is fetched). */
  kernelMeta: string;
  /** Kernel image inside the package's /boot. */
  kernelImage: RegExp;
  qemu: {
    binary: string;
    package: string;
    /** Machine, CPU and memory (the serial console, kernel, initrd and -append are added). */
    args: string[];
    console: string;
    /** Extra kernel command-line words. */
    append: string[];
  };
  /** CONFIG_* options that must be =y in the kernel's config for this boot to work. */
  kernelConfig: string[];
  /** The /init probe. */
  probe: Toolchain;
  /** Probes of compat ABIs, run by /init as /probes/<label>. */
  compat: { label: string; toolchain: Toolchain }[];
  /** Every ABI gate a successful boot reports. */
  gates: Gate[];
  /** Seconds before a hung boot is killed. */
  timeoutSec: number;
}

const EM = { X86_64: 62, I386: 3, AARCH64: 183, ARM: 40, S390: 22, PPC64: 21, RISCV: 243, LOONGARCH: 258 } as const;

const hostGcc: Toolchain = { cc: 'gcc', flags: ['-no-pie'], packages: ['gcc', 'libc6-dev'], elfMachine: EM.X86_64 };
// gcc -m32 with the 32-bit libc of gcc-12-multilib. Not the gcc-multilib metapackage: it Conflicts with
// every Debian cross compiler (its /usr/include/asm symlink), so the x86 asm/ headers are found with
// -idirafter instead (they serve __i386__ and __x86_64__ alike).
const hostGcc32: Toolchain = {
  cc: 'gcc',
  flags: ['-m32', '-no-pie', '-idirafter', '/usr/include/x86_64-linux-gnu'],
  packages: ['gcc', 'gcc-12-multilib'],
  elfMachine: EM.I386,
};
const armhf: Toolchain = {
  cc: 'arm-linux-gnueabihf-gcc', flags: [], packages: ['gcc-arm-linux-gnueabihf', 'libc6-dev-armhf-cross'], elfMachine: EM.ARM,
};

/** Options every boot relies on: seccomp filters, an initramfs in gzip, /proc. */
const COMMON_CONFIG = ['CONFIG_SECCOMP_FILTER', 'CONFIG_BLK_DEV_INITRD', 'CONFIG_RD_GZIP', 'CONFIG_PROC_FS'];

export const TARGETS: Readonly<Record<ArchName, QemuTarget>> = {
  x86_64: {
    arch: 'x86_64',
    debArch: 'amd64',
    suite: 'bookworm',
    kernelMeta: 'linux-image-amd64',
    kernelImage: /^vmlinuz-/,
    qemu: {
      binary: 'qemu-system-x86_64',
      package: 'qemu-system-x86',
      args: ['-M', 'pc', '-cpu', 'max', '-m', '512'],
      console: 'ttyS0',
      // Debian builds x32 in but leaves it off unless asked (its patch adds syscall.x32=): turn it on
      // so x32 probes reach real syscalls; the filter must refuse them either way.
      append: ['syscall.x32=y'],
    },
    kernelConfig: [...COMMON_CONFIG, 'CONFIG_SERIAL_8250_CONSOLE', 'CONFIG_IA32_EMULATION'],
    probe: hostGcc,
    compat: [{ label: 'i386', toolchain: hostGcc32 }],
    gates: [
      { label: 'x86_64', abi: 'x86_64', how: 'syscall' },
      { label: 'x32', abi: 'x32', how: 'syscall with __X32_SYSCALL_BIT' },
      { label: 'i386/int80', abi: 'i386', how: 'int 0x80 from the 64-bit probe' },
      { label: 'i386', abi: 'i386', how: 'a 32-bit probe (gcc -m32)' },
    ],
    timeoutSec: 180,
  },
  aarch64: {
    arch: 'aarch64',
    debArch: 'arm64',
    suite: 'bookworm',
    kernelMeta: 'linux-image-arm64',
    kernelImage: /^vmlinuz-/,
    qemu: {
      binary: 'qemu-system-aarch64',
      package: 'qemu-system-arm',
      // cortex-a57 runs AArch32 at EL0 (the arm32 compat probe) and, unlike -cpu max, has no pointer
      // authentication to slow TCG down.
      args: ['-M', 'virt', '-cpu', 'cortex-a57', '-m', '512'],
      console: 'ttyAMA0',
      append: [],
    },
    kernelConfig: [...COMMON_CONFIG, 'CONFIG_SERIAL_AMBA_PL011_CONSOLE', 'CONFIG_COMPAT'],
    probe: {
      cc: 'aarch64-linux-gnu-gcc', flags: [], packages: ['gcc-aarch64-linux-gnu', 'libc6-dev-arm64-cross'], elfMachine: EM.AARCH64,
    },
    compat: [{ label: 'arm', toolchain: armhf }],
    gates: [
      { label: 'aarch64', abi: 'aarch64', how: 'svc' },
      { label: 'arm', abi: 'arm', how: 'a 32-bit probe (arm-linux-gnueabihf) on AArch32 EL0' },
    ],
    timeoutSec: 180,
  },
  arm: {
    arch: 'arm',
    debArch: 'armhf',
    suite: 'bookworm',
    kernelMeta: 'linux-image-armmp',
    kernelImage: /^vmlinuz-/,
    qemu: {
      binary: 'qemu-system-arm',
      package: 'qemu-system-arm',
      // The armmp kernel is not LPAE: keep the virt machine's devices below 4 GiB.
      args: ['-M', 'virt,highmem=off', '-cpu', 'cortex-a15', '-m', '512'],
      console: 'ttyAMA0',
      append: [],
    },
    kernelConfig: [...COMMON_CONFIG, 'CONFIG_SERIAL_AMBA_PL011_CONSOLE', 'CONFIG_ARCH_VIRT'],
    probe: armhf,
    compat: [],
    gates: [{ label: 'arm', abi: 'arm', how: 'svc' }],
    timeoutSec: 180,
  },
  i386: {
    arch: 'i386',
    debArch: 'i386',
    suite: 'bookworm',
    kernelMeta: 'linux-image-686',
    kernelImage: /^vmlinuz-/,
    qemu: {
      binary: 'qemu-system-i386',
      package: 'qemu-system-x86',
      args: ['-M', 'pc', '-cpu', 'max', '-m', '512'],
      console: 'ttyS0',
      append: [],
    },
    kernelConfig: [...COMMON_CONFIG, 'CONFIG_SERIAL_8250_CONSOLE'],
    probe: hostGcc32,
    compat: [],
    gates: [{ label: 'i386', abi: 'i386', how: 'int 0x80 / vDSO from a 32-bit kernel' }],
    timeoutSec: 180,
  },
  s390x: {
    arch: 's390x',
    debArch: 's390x',
    suite: 'bookworm',
    kernelMeta: 'linux-image-s390x',
    kernelImage: /^vmlinuz-/,
    qemu: {
      binary: 'qemu-system-s390x',
      package: 'qemu-system-misc',
      args: ['-M', 's390-ccw-virtio', '-cpu', 'max', '-m', '512'],
      console: 'ttysclp0',
      append: [],
    },
    kernelConfig: [...COMMON_CONFIG, 'CONFIG_SCLP_CONSOLE'],
    probe: {
      cc: 's390x-linux-gnu-gcc', flags: [], packages: ['gcc-s390x-linux-gnu', 'libc6-dev-s390x-cross'], elfMachine: EM.S390,
    },
    compat: [],
    gates: [{ label: 's390x', abi: 's390x', how: 'svc (clone flags in argument 1)' }],
    timeoutSec: 240,
  },
  ppc64le: {
    arch: 'ppc64le',
    debArch: 'ppc64el',
    suite: 'bookworm',
    kernelMeta: 'linux-image-powerpc64le',
    kernelImage: /^vmlinux-/,
    qemu: {
      binary: 'qemu-system-ppc64',
      package: 'qemu-system-ppc',
      // VOF (qemu's minimal Open Firmware) instead of SLOF: the kernel is loaded directly, faster.
      // The cap-* settings only silence warnings: TCG has none of those hardware mitigations.
      args: ['-M', 'pseries,x-vof=on,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off', '-cpu', 'power9', '-m', '1024'],
      console: 'hvc0',
      append: [],
    },
    kernelConfig: [...COMMON_CONFIG, 'CONFIG_HVC_CONSOLE'],
    probe: {
      cc: 'powerpc64le-linux-gnu-gcc', flags: [], packages: ['gcc-powerpc64le-linux-gnu', 'libc6-dev-ppc64el-cross'], elfMachine: EM.PPC64,
    },
    compat: [],
    gates: [{ label: 'ppc64le', abi: 'ppc64le', how: 'sc' }],
    timeoutSec: 240,
  },
  riscv64: {
    arch: 'riscv64',
    debArch: 'riscv64',
    // bookworm has no riscv64 port; riscv64 became an official Debian architecture with trixie (13).
    suite: 'trixie',
    kernelMeta: 'linux-image-riscv64',
    kernelImage: /^vmlinux-|^vmlinuz-/,
    qemu: {
      binary: 'qemu-system-riscv64',
      package: 'qemu-system-misc',
      args: ['-M', 'virt', '-cpu', 'rv64', '-m', '512', '-bios', 'default'],
      console: 'ttyS0',
      append: [],
    },
    kernelConfig: [...COMMON_CONFIG, 'CONFIG_SERIAL_8250_CONSOLE'],
    probe: {
      cc: 'riscv64-linux-gnu-gcc', flags: [], packages: ['gcc-riscv64-linux-gnu', 'libc6-dev-riscv64-cross'], elfMachine: EM.RISCV,
    },
    compat: [],
    gates: [{ label: 'riscv64', abi: 'riscv64', how: 'ecall' }],
    timeoutSec: 240,
  },
  loongarch64: {
    arch: 'loongarch64',
    unavailable:
      'Debian has no loong64 kernel or cross compiler to use: loong64 is a debian-ports architecture (unstable only; ' +
      'neither bookworm nor trixie on the Debian mirror has loong64 packages), and bookworm has no ' +
      'gcc-loongarch64-linux-gnu (its qemu-system-misc does have qemu-system-loongarch64)',
    debArch: 'loong64',
    suite: 'bookworm',
    kernelMeta: 'linux-image-loong64',
    kernelImage: /^vmlinuz-/,
    qemu: { binary: 'qemu-system-loongarch64', package: 'qemu-system-misc', args: ['-M', 'virt', '-m', '1024'], console: 'ttyS0', append: [] },
    kernelConfig: COMMON_CONFIG,
    probe: { cc: 'loongarch64-linux-gnu-gcc', flags: [], packages: ['gcc-loongarch64-linux-gnu'], elfMachine: EM.LOONGARCH },
    compat: [],
    gates: [{ label: 'loongarch64', abi: 'loongarch64', how: 'syscall' }],
    timeoutSec: 240,
  },
};

/** The Debian packages a target needs on the host: qemu and every compiler. */
export function hostPackages(t: QemuTarget): string[] {
  return [...new Set([t.qemu.package, ...t.probe.packages, ...t.compat.flatMap((c) => c.toolchain.packages)])];
}
