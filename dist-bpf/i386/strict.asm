# strict: minimal, plus io_uring, TIOCSTI/TIOCLINUX, odd personalities, other processes' memory, raw I/O, clock, swap, quota, obsolete and CPU-emulation syscalls
# ABIs i386; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch i386 (little-endian), 122 instructions
0000: A = arch
0001: if (A == ARCH_I386) goto 0003 else goto 0002
0002: return KILL_PROCESS
0003: A = nr
0004: if (A >= personality) goto 0055 else goto 0005
0005: if (A >= settimeofday) goto 0031 else goto 0006
0006: if (A >= brk) goto 0020 else goto 0007
0007: if (A >= oldfstat) goto 0014 else goto 0008
0008: if (A >= setuid) goto 0012 else goto 0009
0009: if (A >= lseek) goto 0011 else goto 0010
0010: if (A >= break) goto 0120 else goto 0119
0011: if (A >= mount) goto 0121 else goto 0119
0012: if (A >= alarm) goto 0119 else goto 0013
0013: if (A >= stime) goto 0121 else goto 0119
0014: if (A >= ftime) goto 0018 else goto 0015
0015: if (A >= stty) goto 0017 else goto 0016
0016: if (A == oldfstat) goto 0120 else goto 0119
0017: if (A >= access) goto 0119 else goto 0120
0018: if (A >= prof) goto 0120 else goto 0019
0019: if (A == ftime) goto 0120 else goto 0119
0020: if (A >= ulimit) goto 0026 else goto 0021
0021: if (A >= fcntl) goto 0025 else goto 0022
0022: if (A >= lock) goto 0024 else goto 0023
0023: if (A >= acct) goto 0121 else goto 0119
0024: if (A == ioctl) goto 0101 else goto 0120
0025: if (A == mpx) goto 0120 else goto 0119
0026: if (A >= dup2) goto 0029 else goto 0027
0027: if (A == umask) goto 0119 else goto 0028
0028: if (A == chroot) goto 0121 else goto 0120
0029: if (A >= setreuid) goto 0119 else goto 0030
0030: if (A >= sgetmask) goto 0120 else goto 0119
0031: if (A >= iopl) goto 0043 else goto 0032
0032: if (A >= profil) goto 0038 else goto 0033
0033: if (A >= uselib) goto 0036 else goto 0034
0034: if (A == settimeofday) goto 0121 else goto 0035
0035: if (A == oldlstat) goto 0120 else goto 0119
0036: if (A >= readdir) goto 0119 else goto 0037
0037: if (A == uselib) goto 0120 else goto 0121
0038: if (A >= syslog) goto 0041 else goto 0039
0039: if (A == profil) goto 0120 else goto 0040
0040: if (A == ioperm) goto 0121 else goto 0119
0041: if (A >= olduname) goto 0120 else goto 0042
0042: if (A == syslog) goto 0121 else goto 0119
0043: if (A >= setdomainname) goto 0050 else goto 0044
0044: if (A >= swapoff) goto 0048 else goto 0045
0045: if (A >= vm86old) goto 0047 else goto 0046
0046: if (A == iopl) goto 0121 else goto 0120
0047: if (A == wait4) goto 0119 else goto 0121
0048: if (A >= clone) goto 0107 else goto 0049
0049: if (A == swapoff) goto 0121 else goto 0119
0050: if (A >= create_module) goto 0053 else goto 0051
0051: if (A >= mprotect) goto 0119 else goto 0052
0052: if (A >= modify_ldt) goto 0121 else goto 0119
0053: if (A >= bdflush) goto 0120 else goto 0054
0054: if (A >= getpgid) goto 0119 else goto 0121
0055: if (A >= move_pages) goto 0079 else goto 0056
0056: if (A >= epoll_create) goto 0071 else goto 0057
0057: if (A >= nfsservctl) goto 0065 else goto 0058
0058: if (A >= mlock) goto 0063 else goto 0059
0059: if (A >= setfsuid) goto 0062 else goto 0060
0060: if (A == personality) goto 0109 else goto 0061
0061: if (A == afs_syscall) goto 0120 else goto 0109
0062: if (A == _sysctl) goto 0120 else goto 0119
0063: if (A >= poll) goto 0119 else goto 0064
0064: if (A >= vm86) goto 0121 else goto 0119
0065: if (A >= pivot_root) goto 0069 else goto 0066
0066: if (A >= getpmsg) goto 0068 else goto 0067
0067: if (A == nfsservctl) goto 0120 else goto 0119
0068: if (A >= vfork) goto 0119 else goto 0120
0069: if (A >= lookup_dcookie) goto 0121 else goto 0070
0070: if (A == pivot_root) goto 0121 else goto 0119
0071: if (A >= add_key) goto 0075 else goto 0072
0072: if (A == clock_settime) goto 0121 else goto 0073
0073: if (A == vserver) goto 0120 else goto 0074
0074: if (A == kexec_load) goto 0121 else goto 0119
0075: if (A >= openat) goto 0078 else goto 0076
0076: if (A >= migrate_pages) goto 0121 else goto 0077
0077: if (A >= ioprio_set) goto 0119 else goto 0121
0078: if (A == unshare) goto 0121 else goto 0119
0079: if (A >= clock_settime64) goto 0091 else goto 0080
0080: if (A >= syncfs) goto 0086 else goto 0081
0081: if (A >= fanotify_init) goto 0084 else goto 0082
0082: if (A == move_pages) goto 0121 else goto 0083
0083: if (A == perf_event_open) goto 0121 else goto 0119
0084: if (A >= open_by_handle_at) goto 0121 else goto 0085
0085: if (A >= prlimit64) goto 0119 else goto 0121
0086: if (A >= execveat) goto 0090 else goto 0087
0087: if (A >= sched_setattr) goto 0089 else goto 0088
0088: if (A >= setns) goto 0121 else goto 0119
0089: if (A == bpf) goto 0121 else goto 0119
0090: if (A == userfaultfd) goto 0121 else goto 0119
0091: if (A >= faccessat2) goto 0098 else goto 0092
0092: if (A >= clone3) goto 0096 else goto 0093
0093: if (A >= io_uring_setup) goto 0095 else goto 0094
0094: if (A >= clock_getres_time64) goto 0119 else goto 0121
0095: if (A == pidfd_open) goto 0119 else goto 0120
0096: if (A >= pidfd_getfd) goto 0121 else goto 0097
0097: if (A == clone3) goto 0120 else goto 0119
0098: if (A == mount_setattr) goto 0120 else goto 0099
0099: if (A == quotactl_fd) goto 0121 else goto 0100
0100: if (A == open_tree_attr) goto 0120 else goto 0119
0101: A = args[1].lo
0102: if (A == 0x5412) goto 0121 else goto 0103
0103: A = args[1].lo
0104: if (A == 0x541c) goto 0121 else goto 0105
0105: A = args[1].lo
0106: if (A == 0xaa00) goto 0121 else goto 0119
0107: A = args[0].lo
0108: if (A & 0x10000000) goto 0121 else goto 0119
0109: A = args[0].lo
0110: if (A == 0) goto 0119 else goto 0111
0111: A = args[0].lo
0112: if (A == 8) goto 0119 else goto 0113
0113: A = args[0].lo
0114: if (A == 0x20000) goto 0119 else goto 0115
0115: A = args[0].lo
0116: if (A == 0x20008) goto 0119 else goto 0117
0117: A = args[0].lo
0118: if (A == 0xffffffff) goto 0119 else goto 0121
0119: return ALLOW
0120: return ERRNO(ENOSYS)
0121: return ERRNO(EPERM)
