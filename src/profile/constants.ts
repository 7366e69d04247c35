// Symbolic constants a profile's argument conditions may name. Most are the same on every target; an
// ioctl number built with _IO/_IOR/_IOW is not: powerpc encodes _IOC's direction differently (none = 1,
// read = 2, write = 4, at bit 29), so its USERFAULTFD_IOC_NEW differs. (Its TIOC* numbers are the
// same plain 0x54xx values as everyone else's: arch/powerpc/include/uapi/asm/ioctls.h.)

import type { ArchName } from '../arch.js';

const COMMON: Readonly<Record<string, bigint>> = {
  // clone(2) flags (include/uapi/linux/sched.h)
  CSIGNAL: 0x000000ffn,
  CLONE_VM: 0x00000100n,
  CLONE_FS: 0x00000200n,
  CLONE_FILES: 0x00000400n,
  CLONE_SIGHAND: 0x00000800n,
  CLONE_PIDFD: 0x00001000n,
  CLONE_PTRACE: 0x00002000n,
  CLONE_VFORK: 0x00004000n,
  CLONE_PARENT: 0x00008000n,
  CLONE_THREAD: 0x00010000n,
  CLONE_NEWNS: 0x00020000n,
  CLONE_SYSVSEM: 0x00040000n,
  CLONE_SETTLS: 0x00080000n,
  CLONE_PARENT_SETTID: 0x00100000n,
  CLONE_CHILD_CLEARTID: 0x00200000n,
  CLONE_DETACHED: 0x00400000n,
  CLONE_UNTRACED: 0x00800000n,
  CLONE_CHILD_SETTID: 0x01000000n,
  CLONE_NEWCGROUP: 0x02000000n,
  CLONE_NEWUTS: 0x04000000n,
  CLONE_NEWIPC: 0x08000000n,
  CLONE_NEWUSER: 0x10000000n,
  CLONE_NEWPID: 0x20000000n,
  CLONE_NEWNET: 0x40000000n,
  CLONE_IO: 0x80000000n,
  CLONE_NEWTIME: 0x00000080n, // only in unshare(2) and clone3's flags
  // Terminal ioctls (asm-generic/ioctls.h)
  TIOCSTI: 0x5412n,
  TIOCLINUX: 0x541cn,
  TIOCSCTTY: 0x540en,
  TIOCSETD: 0x5423n,
  // userfaultfd's device ioctl: _IO(0xAA, 0x00)
  USERFAULTFD_IOC_NEW: 0xaa00n,
  // personality(2) (include/uapi/linux/personality.h)
  PER_LINUX: 0x0000n,
  PER_LINUX32: 0x0008n,
  UNAME26: 0x0020000n,
  ADDR_NO_RANDOMIZE: 0x0040000n,
  FDPIC_FUNCPTRS: 0x0080000n,
  MMAP_PAGE_ZERO: 0x0100000n,
  ADDR_COMPAT_LAYOUT: 0x0200000n,
  READ_IMPLIES_EXEC: 0x0400000n,
  ADDR_LIMIT_32BIT: 0x0800000n,
  SHORT_INODE: 0x1000000n,
  WHOLE_SECONDS: 0x2000000n,
  STICKY_TIMEOUTS: 0x4000000n,
  ADDR_LIMIT_3GB: 0x8000000n,
  PER_QUERY: 0xffffffffn, // personality(0xffffffff) reads the current value
  // Address families (include/linux/socket.h)
  AF_UNSPEC: 0n,
  AF_UNIX: 1n,
  AF_LOCAL: 1n,
  AF_INET: 2n,
  AF_AX25: 3n,
  AF_IPX: 4n,
  AF_APPLETALK: 5n,
  AF_NETROM: 6n,
  AF_BRIDGE: 7n,
  AF_ATMPVC: 8n,
  AF_X25: 9n,
  AF_INET6: 10n,
  AF_ROSE: 11n,
  AF_DECnet: 12n,
  AF_NETBEUI: 13n,
  AF_SECURITY: 14n,
  AF_KEY: 15n,
  AF_NETLINK: 16n,
  AF_PACKET: 17n,
  AF_ECONET: 19n,
  AF_ATMSVC: 20n,
  AF_RDS: 21n,
  AF_IRDA: 23n,
  AF_PPPOX: 24n,
  AF_WANPIPE: 25n,
  AF_LLC: 26n,
  AF_IB: 27n,
  AF_MPLS: 28n,
  AF_CAN: 29n,
  AF_TIPC: 30n,
  AF_BLUETOOTH: 31n,
  AF_IUCV: 32n,
  AF_RXRPC: 33n,
  AF_ISDN: 34n,
  AF_PHONET: 35n,
  AF_IEEE802154: 36n,
  AF_CAIF: 37n,
  AF_ALG: 38n,
  AF_NFC: 39n,
  AF_VSOCK: 40n,
  AF_KCM: 41n,
  AF_QIPCRTR: 42n,
  AF_SMC: 43n,
  AF_XDP: 44n,
  AF_MCTP: 45n,
  // Socket types (asm-generic; the same on every target here)
  SOCK_STREAM: 1n,
  SOCK_DGRAM: 2n,
  SOCK_RAW: 3n,
  SOCK_RDM: 4n,
  SOCK_SEQPACKET: 5n,
  SOCK_PACKET: 10n,
  SOCK_NONBLOCK: 0o4000n,
  SOCK_CLOEXEC: 0o2000000n,
  // prctl(2) options that profiles commonly name
  PR_SET_MM: 35n,
  PR_SET_PTRACER: 0x59616d61n,
};

/** Where powerpc's value differs (arch/powerpc/include/uapi/asm/ioctls.h, asm/ioctl.h). */
const POWERPC: Readonly<Record<string, bigint>> = {
  USERFAULTFD_IOC_NEW: 0x2000aa00n, // _IO(0xAA, 0x00) with _IOC_NONE = 1 << 29
};

export function constantValue(name: string, arch: ArchName): bigint | undefined {
  if (arch === 'ppc64le' && Object.prototype.hasOwnProperty.call(POWERPC, name)) return POWERPC[name];
  return Object.prototype.hasOwnProperty.call(COMMON, name) ? COMMON[name] : undefined;
}

export function constantNames(): string[] {
  return Object.keys(COMMON);
}
