# strict: minimal, plus io_uring, TIOCSTI/TIOCLINUX, odd personalities, other processes' memory, raw I/O, clock, swap, quota, obsolete and CPU-emulation syscalls
# ABIs ppc64le; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch ppc64le (little-endian), 120 instructions
0000: A = arch
0001: if (A == ARCH_PPC64LE) goto 0003 else goto 0002
0002: return KILL_PROCESS
0003: A = nr
0004: if (A >= setfsuid) goto 0054 else goto 0005
0005: if (A >= getgroups) goto 0031 else goto 0006
0006: if (A >= acct) goto 0020 else goto 0007
0007: if (A >= pause) goto 0015 else goto 0008
0008: if (A >= setuid) goto 0012 else goto 0009
0009: if (A >= lseek) goto 0011 else goto 0010
0010: if (A >= break) goto 0118 else goto 0117
0011: if (A >= mount) goto 0119 else goto 0117
0012: if (A >= alarm) goto 0014 else goto 0013
0013: if (A >= stime) goto 0119 else goto 0117
0014: if (A == oldfstat) goto 0118 else goto 0117
0015: if (A >= sync) goto 0019 else goto 0016
0016: if (A >= access) goto 0018 else goto 0017
0017: if (A >= stty) goto 0118 else goto 0117
0018: if (A == ftime) goto 0118 else goto 0117
0019: if (A == prof) goto 0118 else goto 0117
0020: if (A >= umask) goto 0026 else goto 0021
0021: if (A >= mpx) goto 0025 else goto 0022
0022: if (A == lock) goto 0118 else goto 0023
0023: if (A == ioctl) goto 0099 else goto 0024
0024: if (A == fcntl) goto 0117 else goto 0119
0025: if (A == setpgid) goto 0117 else goto 0118
0026: if (A >= sgetmask) goto 0029 else goto 0027
0027: if (A == chroot) goto 0119 else goto 0028
0028: if (A == ustat) goto 0118 else goto 0117
0029: if (A >= settimeofday) goto 0119 else goto 0030
0030: if (A >= setreuid) goto 0117 else goto 0118
0031: if (A >= vhangup) goto 0043 else goto 0032
0032: if (A >= statfs) goto 0038 else goto 0033
0033: if (A >= swapon) goto 0036 else goto 0034
0034: if (A == oldlstat) goto 0118 else goto 0035
0035: if (A == uselib) goto 0118 else goto 0117
0036: if (A >= profil) goto 0118 else goto 0037
0037: if (A >= readdir) goto 0117 else goto 0119
0038: if (A >= setitimer) goto 0041 else goto 0039
0039: if (A == ioperm) goto 0119 else goto 0040
0040: if (A == syslog) goto 0119 else goto 0117
0041: if (A == olduname) goto 0118 else goto 0042
0042: if (A == iopl) goto 0119 else goto 0117
0043: if (A >= modify_ldt) goto 0049 else goto 0044
0044: if (A >= sysinfo) goto 0048 else goto 0045
0045: if (A == vm86) goto 0119 else goto 0046
0046: if (A == wait4) goto 0117 else goto 0047
0047: if (A == swapoff) goto 0119 else goto 0118
0048: if (A == clone) goto 0105 else goto 0117
0049: if (A >= bdflush) goto 0053 else goto 0050
0050: if (A >= create_module) goto 0052 else goto 0051
0051: if (A >= mprotect) goto 0117 else goto 0119
0052: if (A >= getpgid) goto 0117 else goto 0119
0053: if (A == personality) goto 0107 else goto 0118
0054: if (A >= getcpu) goto 0076 else goto 0055
0055: if (A >= 0xe2) goto 0066 else goto 0056
0056: if (A >= getpmsg) goto 0060 else goto 0057
0057: if (A == _sysctl) goto 0118 else goto 0058
0058: if (A == query_module) goto 0119 else goto 0059
0059: if (A == nfsservctl) goto 0118 else goto 0117
0060: if (A >= pivot_root) goto 0064 else goto 0061
0061: if (A >= pciconfig_read) goto 0063 else goto 0062
0062: if (A >= vfork) goto 0117 else goto 0118
0063: if (A >= multiplexer) goto 0117 else goto 0119
0064: if (A >= tuxcall) goto 0118 else goto 0065
0065: if (A == pivot_root) goto 0119 else goto 0117
0066: if (A >= kexec_load) goto 0070 else goto 0067
0067: if (A == lookup_dcookie) goto 0119 else goto 0068
0068: if (A == clock_settime) goto 0119 else goto 0069
0069: if (A == migrate_pages) goto 0119 else goto 0117
0070: if (A >= unshare) goto 0074 else goto 0071
0071: if (A >= spu_run) goto 0073 else goto 0072
0072: if (A >= waitid) goto 0117 else goto 0119
0073: if (A >= pselect6) goto 0117 else goto 0119
0074: if (A >= move_pages) goto 0119 else goto 0075
0075: if (A == unshare) goto 0119 else goto 0117
0076: if (A >= membarrier) goto 0088 else goto 0077
0077: if (A >= open_by_handle_at) goto 0083 else goto 0078
0078: if (A >= preadv) goto 0081 else goto 0079
0079: if (A == subpage_prot) goto 0119 else goto 0080
0080: if (A == perf_event_open) goto 0119 else goto 0117
0081: if (A >= prlimit64) goto 0117 else goto 0082
0082: if (A >= fanotify_init) goto 0119 else goto 0117
0083: if (A >= bpf) goto 0087 else goto 0084
0084: if (A >= setns) goto 0086 else goto 0085
0085: if (A >= syncfs) goto 0117 else goto 0119
0086: if (A >= sched_setattr) goto 0117 else goto 0119
0087: if (A == execveat) goto 0117 else goto 0119
0088: if (A >= pidfd_getfd) goto 0094 else goto 0089
0089: if (A >= pidfd_open) goto 0093 else goto 0090
0090: if (A >= statx) goto 0092 else goto 0091
0091: if (A == kexec_file_load) goto 0119 else goto 0117
0092: if (A >= io_uring_setup) goto 0118 else goto 0117
0093: if (A == clone3) goto 0118 else goto 0117
0094: if (A >= landlock_create_ruleset) goto 0098 else goto 0095
0095: if (A >= mount_setattr) goto 0097 else goto 0096
0096: if (A == pidfd_getfd) goto 0119 else goto 0117
0097: if (A == quotactl_fd) goto 0119 else goto 0118
0098: if (A == open_tree_attr) goto 0118 else goto 0117
0099: A = args[1].lo
0100: if (A == 0x5412) goto 0119 else goto 0101
0101: A = args[1].lo
0102: if (A == 0x541c) goto 0119 else goto 0103
0103: A = args[1].lo
0104: if (A == 0x2000aa00) goto 0119 else goto 0117
0105: A = args[0].lo
0106: if (A & 0x10000000) goto 0119 else goto 0117
0107: A = args[0].lo
0108: if (A == 0) goto 0117 else goto 0109
0109: A = args[0].lo
0110: if (A == 8) goto 0117 else goto 0111
0111: A = args[0].lo
0112: if (A == 0x20000) goto 0117 else goto 0113
0113: A = args[0].lo
0114: if (A == 0x20008) goto 0117 else goto 0115
0115: A = args[0].lo
0116: if (A == 0xffffffff) goto 0117 else goto 0119
0117: return ALLOW
0118: return ERRNO(ENOSYS)
0119: return ERRNO(EPERM)
