# strict: minimal, plus io_uring, TIOCSTI/TIOCLINUX, odd personalities, other processes' memory, raw I/O, clock, swap, quota, obsolete and CPU-emulation syscalls
# ABIs arm; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch arm (little-endian), 90 instructions
0000: A = arch
0001: if (A == ARCH_ARM) goto 0003 else goto 0002
0002: return KILL_PROCESS
0003: A = nr
0004: if (A >= clock_settime) goto 0036 else goto 0005
0005: if (A >= swapoff) goto 0021 else goto 0006
0006: if (A >= dup2) goto 0015 else goto 0007
0007: if (A >= 0x35) goto 0012 else goto 0008
0008: if (A >= ptrace) goto 0010 else goto 0009
0009: if (A == mount) goto 0088 else goto 0087
0010: if (A >= acct) goto 0088 else goto 0011
0011: if (A == ptrace) goto 0088 else goto 0087
0012: if (A == ioctl) goto 0069 else goto 0013
0013: if (A == chroot) goto 0088 else goto 0014
0014: if (A == ustat) goto 0089 else goto 0087
0015: if (A >= 0x59) goto 0019 else goto 0016
0016: if (A >= uselib) goto 0018 else goto 0017
0017: if (A == settimeofday) goto 0088 else goto 0087
0018: if (A == uselib) goto 0089 else goto 0088
0019: if (A == syslog) goto 0088 else goto 0020
0020: if (A == vhangup) goto 0089 else goto 0087
0021: if (A >= personality) goto 0029 else goto 0022
0022: if (A >= init_module) goto 0026 else goto 0023
0023: if (A == swapoff) goto 0088 else goto 0024
0024: if (A == clone) goto 0075 else goto 0025
0025: if (A == adjtimex) goto 0088 else goto 0087
0026: if (A >= getpgid) goto 0028 else goto 0027
0027: if (A == 0x82) goto 0087 else goto 0088
0028: if (A >= bdflush) goto 0089 else goto 0087
0029: if (A >= setresgid) goto 0034 else goto 0030
0030: if (A >= mlock) goto 0033 else goto 0031
0031: if (A >= _sysctl) goto 0089 else goto 0032
0032: if (A == personality) goto 0077 else goto 0087
0033: if (A == nfsservctl) goto 0089 else goto 0087
0034: if (A == pivot_root) goto 0088 else goto 0035
0035: if (A == lookup_dcookie) goto 0088 else goto 0087
0036: if (A >= sched_setattr) goto 0055 else goto 0037
0037: if (A >= getcpu) goto 0048 else goto 0038
0038: if (A >= vserver) goto 0044 else goto 0039
0039: if (A >= mq_open) goto 0042 else goto 0040
0040: if (A >= pciconfig_iobase) goto 0088 else goto 0041
0041: if (A == clock_settime) goto 0088 else goto 0087
0042: if (A >= semtimedop) goto 0087 else goto 0043
0043: if (A >= add_key) goto 0088 else goto 0087
0044: if (A >= set_robust_list) goto 0047 else goto 0045
0045: if (A >= unshare) goto 0088 else goto 0046
0046: if (A == vserver) goto 0089 else goto 0087
0047: if (A == move_pages) goto 0088 else goto 0087
0048: if (A >= fanotify_init) goto 0051 else goto 0049
0049: if (A == kexec_load) goto 0088 else goto 0050
0050: if (A == perf_event_open) goto 0088 else goto 0087
0051: if (A >= syncfs) goto 0054 else goto 0052
0052: if (A >= open_by_handle_at) goto 0088 else goto 0053
0053: if (A >= prlimit64) goto 0087 else goto 0088
0054: if (A >= setns) goto 0088 else goto 0087
0055: if (A >= pidfd_open) goto 0063 else goto 0056
0056: if (A >= migrate_pages) goto 0059 else goto 0057
0057: if (A == bpf) goto 0088 else goto 0058
0058: if (A == userfaultfd) goto 0088 else goto 0087
0059: if (A >= clock_getres_time64) goto 0062 else goto 0060
0060: if (A >= clock_settime64) goto 0088 else goto 0061
0061: if (A >= 0x192) goto 0087 else goto 0088
0062: if (A >= io_uring_setup) goto 0089 else goto 0087
0063: if (A >= mount_setattr) goto 0066 else goto 0064
0064: if (A == clone3) goto 0089 else goto 0065
0065: if (A == pidfd_getfd) goto 0088 else goto 0087
0066: if (A == mount_setattr) goto 0089 else goto 0067
0067: if (A == quotactl_fd) goto 0088 else goto 0068
0068: if (A == open_tree_attr) goto 0089 else goto 0087
0069: A = args[1].lo
0070: if (A == 0x5412) goto 0088 else goto 0071
0071: A = args[1].lo
0072: if (A == 0x541c) goto 0088 else goto 0073
0073: A = args[1].lo
0074: if (A == 0xaa00) goto 0088 else goto 0087
0075: A = args[0].lo
0076: if (A & 0x10000000) goto 0088 else goto 0087
0077: A = args[0].lo
0078: if (A == 0) goto 0087 else goto 0079
0079: A = args[0].lo
0080: if (A == 8) goto 0087 else goto 0081
0081: A = args[0].lo
0082: if (A == 0x20000) goto 0087 else goto 0083
0083: A = args[0].lo
0084: if (A == 0x20008) goto 0087 else goto 0085
0085: A = args[0].lo
0086: if (A == 0xffffffff) goto 0087 else goto 0088
0087: return ALLOW
0088: return ERRNO(EPERM)
0089: return ERRNO(ENOSYS)
