# strict: minimal, plus io_uring, TIOCSTI/TIOCLINUX, odd personalities, other processes' memory, raw I/O, clock, swap, quota, obsolete and CPU-emulation syscalls
# ABIs riscv64; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch riscv64 (little-endian), 80 instructions
0000: A = arch
0001: if (A == ARCH_RISCV64) goto 0003 else goto 0002
0002: return KILL_PROCESS
0003: A = nr
0004: if (A >= execve) goto 0032 else goto 0005
0005: if (A >= personality) goto 0018 else goto 0006
0006: if (A >= chroot) goto 0013 else goto 0007
0007: if (A >= ioprio_set) goto 0010 else goto 0008
0008: if (A == lookup_dcookie) goto 0077 else goto 0009
0009: if (A == ioctl) goto 0059 else goto 0078
0010: if (A >= nfsservctl) goto 0012 else goto 0011
0011: if (A >= umount2) goto 0077 else goto 0078
0012: if (A == nfsservctl) goto 0079 else goto 0078
0013: if (A >= quotactl) goto 0016 else goto 0014
0014: if (A == chroot) goto 0077 else goto 0015
0015: if (A == vhangup) goto 0079 else goto 0078
0016: if (A == quotactl) goto 0077 else goto 0017
0017: if (A == acct) goto 0077 else goto 0078
0018: if (A >= syslog) goto 0025 else goto 0019
0019: if (A >= kexec_load) goto 0022 else goto 0020
0020: if (A == personality) goto 0065 else goto 0021
0021: if (A == unshare) goto 0077 else goto 0078
0022: if (A >= clock_settime) goto 0024 else goto 0023
0023: if (A >= timer_create) goto 0078 else goto 0077
0024: if (A == clock_settime) goto 0077 else goto 0078
0025: if (A >= settimeofday) goto 0029 else goto 0026
0026: if (A >= reboot) goto 0028 else goto 0027
0027: if (A >= sched_setparam) goto 0078 else goto 0077
0028: if (A == reboot) goto 0077 else goto 0078
0029: if (A >= add_key) goto 0031 else goto 0030
0030: if (A >= getpid) goto 0078 else goto 0077
0031: if (A == clone) goto 0075 else goto 0077
0032: if (A >= execveat) goto 0047 else goto 0033
0033: if (A >= name_to_handle_at) goto 0041 else goto 0034
0034: if (A >= rt_tgsigqueueinfo) goto 0038 else goto 0035
0035: if (A >= mprotect) goto 0037 else goto 0036
0036: if (A >= swapon) goto 0077 else goto 0078
0037: if (A >= migrate_pages) goto 0077 else goto 0078
0038: if (A >= accept4) goto 0040 else goto 0039
0039: if (A == perf_event_open) goto 0077 else goto 0078
0040: if (A >= fanotify_init) goto 0077 else goto 0078
0041: if (A >= sendmmsg) goto 0044 else goto 0042
0042: if (A == name_to_handle_at) goto 0078 else goto 0043
0043: if (A == syncfs) goto 0078 else goto 0077
0044: if (A >= sched_setattr) goto 0046 else goto 0045
0045: if (A == sendmmsg) goto 0078 else goto 0077
0046: if (A == bpf) goto 0077 else goto 0078
0047: if (A >= close_range) goto 0054 else goto 0048
0048: if (A >= 0x127) goto 0051 else goto 0049
0049: if (A == userfaultfd) goto 0077 else goto 0050
0050: if (A == kexec_file_load) goto 0077 else goto 0078
0051: if (A >= pidfd_open) goto 0053 else goto 0052
0052: if (A >= io_uring_setup) goto 0079 else goto 0078
0053: if (A == clone3) goto 0079 else goto 0078
0054: if (A >= quotactl_fd) goto 0057 else goto 0055
0055: if (A == pidfd_getfd) goto 0077 else goto 0056
0056: if (A == mount_setattr) goto 0079 else goto 0078
0057: if (A == quotactl_fd) goto 0077 else goto 0058
0058: if (A == open_tree_attr) goto 0079 else goto 0078
0059: A = args[1].lo
0060: if (A == 0x5412) goto 0077 else goto 0061
0061: A = args[1].lo
0062: if (A == 0x541c) goto 0077 else goto 0063
0063: A = args[1].lo
0064: if (A == 0xaa00) goto 0077 else goto 0078
0065: A = args[0].lo
0066: if (A == 0) goto 0078 else goto 0067
0067: A = args[0].lo
0068: if (A == 8) goto 0078 else goto 0069
0069: A = args[0].lo
0070: if (A == 0x20000) goto 0078 else goto 0071
0071: A = args[0].lo
0072: if (A == 0x20008) goto 0078 else goto 0073
0073: A = args[0].lo
0074: if (A == 0xffffffff) goto 0078 else goto 0077
0075: A = args[0].lo
0076: if (A & 0x10000000) goto 0077 else goto 0078
0077: return ERRNO(EPERM)
0078: return ALLOW
0079: return ERRNO(ENOSYS)
