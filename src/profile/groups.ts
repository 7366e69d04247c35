// Named groups of syscalls a profile can refer to as `@name`. Each group gathers every door to one
// capability, across all ABIs (a name an ABI lacks is skipped there), so that blocking the group
// closes the newer and the compat doors too.

export interface SyscallGroup {
  description: string;
  syscalls: readonly string[];
}

export const GROUPS: Readonly<Record<string, SyscallGroup>> = {
  mount: {
    description: 'mounting and unmounting, old and new mount API, changing the root',
    syscalls: [
      'mount', 'umount', 'umount2', 'pivot_root', 'chroot',
      'fsopen', 'fsconfig', 'fsmount', 'fspick', 'move_mount', 'open_tree', 'open_tree_attr', 'mount_setattr',
    ],
  },
  'new-mount-api': {
    description: 'the mount API of Linux 5.2+ (a second door to what mount(2) does)',
    syscalls: ['fsopen', 'fsconfig', 'fsmount', 'fspick', 'move_mount', 'open_tree', 'open_tree_attr', 'mount_setattr'],
  },
  namespace: {
    description: 'entering or creating namespaces without clone',
    syscalls: ['unshare', 'setns'],
  },
  module: {
    description: 'loading and unloading kernel modules',
    syscalls: ['init_module', 'finit_module', 'delete_module', 'create_module', 'query_module', 'get_kernel_syms'],
  },
  reboot: {
    description: 'rebooting, or booting another kernel',
    syscalls: ['reboot', 'kexec_load', 'kexec_file_load'],
  },
  swap: {
    description: 'enabling and disabling swap',
    syscalls: ['swapon', 'swapoff'],
  },
  'raw-io': {
    description: 'raw I/O port and PCI configuration access',
    syscalls: ['ioperm', 'iopl', 'pciconfig_iobase', 'pciconfig_read', 'pciconfig_write', 's390_pci_mmio_read', 's390_pci_mmio_write'],
  },
  clock: {
    description: 'setting the system clock',
    syscalls: ['adjtimex', 'clock_adjtime', 'clock_adjtime64', 'clock_settime', 'clock_settime64', 'settimeofday', 'stime'],
  },
  keyring: {
    description: 'the kernel keyring',
    syscalls: ['add_key', 'keyctl', 'request_key'],
  },
  debug: {
    description: "reading or changing another process's memory and registers",
    syscalls: ['ptrace', 'process_vm_readv', 'process_vm_writev', 'pidfd_getfd', 'kcmp'],
  },
  perf: {
    description: 'performance counters and kernel event tracing',
    syscalls: ['perf_event_open', 'lookup_dcookie'],
  },
  bpf: {
    description: 'eBPF programs and maps',
    syscalls: ['bpf'],
  },
  'io-uring': {
    description: 'io_uring, whose operations bypass seccomp entirely',
    syscalls: ['io_uring_setup', 'io_uring_enter', 'io_uring_register'],
  },
  'cpu-emulation': {
    description: 'running code in other CPU modes: vm86, LDT changes, endianness switch, SPU',
    syscalls: ['modify_ldt', 'vm86', 'vm86old', 'subpage_prot', 'switch_endian', 'spu_create', 'spu_run'],
  },
  obsolete: {
    description: 'syscalls no current libc or program uses (the old module calls are in @module)',
    syscalls: [
      '_sysctl', 'afs_syscall', 'bdflush', 'break', 'ftime', 'getpmsg', 'gtty',
      'idle', 'lock', 'mpx', 'nfsservctl', 'prof', 'profil', 'putpmsg', 'security', 'sgetmask',
      'ssetmask', 'stty', 'sysfs', 'tuxcall', 'ulimit', 'uselib', 'ustat', 'vserver', 'vhangup', 'oldfstat',
      'oldlstat', 'oldolduname', 'oldstat', 'olduname',
    ],
  },
  'kernel-info': {
    description: 'reading the kernel log and kernel symbol information',
    syscalls: ['syslog'],
  },
  quota: {
    description: 'disk quota control',
    syscalls: ['quotactl', 'quotactl_fd'],
  },
  'fanotify': {
    description: 'filesystem-wide event monitoring (needs CAP_SYS_ADMIN)',
    syscalls: ['fanotify_init', 'fanotify_mark'],
  },
  'handle-io': {
    description: 'opening files by handle, which sidesteps path checks (the "shocker" container escape)',
    syscalls: ['open_by_handle_at'],
  },
  'numa-admin': {
    description: "moving another process's pages between NUMA nodes",
    syscalls: ['move_pages', 'migrate_pages'],
  },
  userfaultfd: {
    description: 'userfaultfd, a tool for widening kernel race windows',
    syscalls: ['userfaultfd'],
  },
  acct: {
    description: 'process accounting',
    syscalls: ['acct'],
  },
  'memfd-secret': {
    description: 'secret memory areas the kernel itself cannot read',
    syscalls: ['memfd_secret'],
  },
};

export function groupNames(): string[] {
  return Object.keys(GROUPS).sort();
}
