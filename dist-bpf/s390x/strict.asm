# strict: minimal, plus io_uring, TIOCSTI/TIOCLINUX, odd personalities, other processes' memory, raw I/O, clock, swap, quota, obsolete and CPU-emulation syscalls
# ABIs s390x; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch s390x (big-endian), 97 instructions
0000: A = arch
0001: if (A == ARCH_S390X) goto 0003 else goto 0002
0002: return KILL_PROCESS
0003: A = nr
0004: if (A >= getpmsg) goto 0040 else goto 0005
0005: if (A >= vhangup) goto 0025 else goto 0006
0006: if (A >= ustat) goto 0016 else goto 0007
0007: if (A >= acct) goto 0012 else goto 0008
0008: if (A >= ptrace) goto 0011 else goto 0009
0009: if (A >= 0x17) goto 0094 else goto 0010
0010: if (A >= mount) goto 0095 else goto 0094
0011: if (A == ptrace) goto 0095 else goto 0094
0012: if (A >= fcntl) goto 0015 else goto 0013
0013: if (A == 0x35) goto 0094 else goto 0014
0014: if (A == ioctl) goto 0076 else goto 0095
0015: if (A == chroot) goto 0095 else goto 0094
0016: if (A >= swapon) goto 0021 else goto 0017
0017: if (A >= 0x50) goto 0020 else goto 0018
0018: if (A >= settimeofday) goto 0095 else goto 0019
0019: if (A == ustat) goto 0096 else goto 0094
0020: if (A == uselib) goto 0096 else goto 0094
0021: if (A >= setitimer) goto 0024 else goto 0022
0022: if (A >= syslog) goto 0095 else goto 0023
0023: if (A >= readdir) goto 0094 else goto 0095
0024: if (A == lookup_dcookie) goto 0095 else goto 0094
0025: if (A >= bdflush) goto 0034 else goto 0026
0026: if (A >= setdomainname) goto 0031 else goto 0027
0027: if (A >= sysinfo) goto 0030 else goto 0028
0028: if (A >= swapoff) goto 0095 else goto 0029
0029: if (A >= 0x71) goto 0094 else goto 0096
0030: if (A == clone) goto 0082 else goto 0094
0031: if (A >= create_module) goto 0033 else goto 0032
0032: if (A == adjtimex) goto 0095 else goto 0094
0033: if (A >= getpgid) goto 0094 else goto 0095
0034: if (A >= mlock) goto 0038 else goto 0035
0035: if (A >= 0x8a) goto 0037 else goto 0036
0036: if (A == personality) goto 0084 else goto 0096
0037: if (A == _sysctl) goto 0096 else goto 0094
0038: if (A == query_module) goto 0095 else goto 0039
0039: if (A == nfsservctl) goto 0096 else goto 0094
0040: if (A >= kcmp) goto 0060 else goto 0041
0041: if (A >= unshare) goto 0051 else goto 0042
0042: if (A >= clock_gettime) goto 0047 else goto 0043
0043: if (A >= mincore) goto 0046 else goto 0044
0044: if (A >= pivot_root) goto 0095 else goto 0045
0045: if (A >= vfork) goto 0094 else goto 0096
0046: if (A == clock_settime) goto 0095 else goto 0094
0047: if (A >= migrate_pages) goto 0050 else goto 0048
0048: if (A >= waitid) goto 0094 else goto 0049
0049: if (A >= kexec_load) goto 0095 else goto 0094
0050: if (A == migrate_pages) goto 0095 else goto 0094
0051: if (A >= prlimit64) goto 0056 else goto 0052
0052: if (A >= getcpu) goto 0055 else goto 0053
0053: if (A >= move_pages) goto 0095 else goto 0054
0054: if (A == unshare) goto 0095 else goto 0094
0055: if (A >= perf_event_open) goto 0095 else goto 0094
0056: if (A >= setns) goto 0059 else goto 0057
0057: if (A >= syncfs) goto 0094 else goto 0058
0058: if (A >= open_by_handle_at) goto 0095 else goto 0094
0059: if (A == s390_runtime_instr) goto 0094 else goto 0095
0060: if (A >= clone3) goto 0069 else goto 0061
0061: if (A >= membarrier) goto 0066 else goto 0062
0062: if (A >= execveat) goto 0065 else goto 0063
0063: if (A >= bpf) goto 0095 else goto 0064
0064: if (A >= sched_setattr) goto 0094 else goto 0095
0065: if (A == userfaultfd) goto 0095 else goto 0094
0066: if (A >= io_uring_setup) goto 0068 else goto 0067
0067: if (A == kexec_file_load) goto 0095 else goto 0094
0068: if (A == pidfd_open) goto 0094 else goto 0096
0069: if (A >= quotactl_fd) goto 0074 else goto 0070
0070: if (A >= faccessat2) goto 0073 else goto 0071
0071: if (A >= pidfd_getfd) goto 0095 else goto 0072
0072: if (A == clone3) goto 0096 else goto 0094
0073: if (A == mount_setattr) goto 0096 else goto 0094
0074: if (A == quotactl_fd) goto 0095 else goto 0075
0075: if (A == open_tree_attr) goto 0096 else goto 0094
0076: A = args[1].lo
0077: if (A == 0x5412) goto 0095 else goto 0078
0078: A = args[1].lo
0079: if (A == 0x541c) goto 0095 else goto 0080
0080: A = args[1].lo
0081: if (A == 0xaa00) goto 0095 else goto 0094
0082: A = args[1].lo
0083: if (A & 0x10000000) goto 0095 else goto 0094
0084: A = args[0].lo
0085: if (A == 0) goto 0094 else goto 0086
0086: A = args[0].lo
0087: if (A == 8) goto 0094 else goto 0088
0088: A = args[0].lo
0089: if (A == 0x20000) goto 0094 else goto 0090
0090: A = args[0].lo
0091: if (A == 0x20008) goto 0094 else goto 0092
0092: A = args[0].lo
0093: if (A == 0xffffffff) goto 0094 else goto 0095
0094: return ALLOW
0095: return ERRNO(EPERM)
0096: return ERRNO(ENOSYS)
