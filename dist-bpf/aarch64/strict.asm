# strict: minimal, plus io_uring, TIOCSTI/TIOCLINUX, odd personalities, other processes' memory, raw I/O, clock, swap, quota, obsolete and CPU-emulation syscalls
# ABIs aarch64, arm; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch aarch64 (little-endian), 168 instructions
0000: A = arch
0001: if (A == ARCH_AARCH64) goto 0004 else goto 0002
0002: if (A == ARCH_ARM) goto 0081 else goto 0003
0003: return KILL_PROCESS
0004: A = nr
0005: if (A >= execve) goto 0033 else goto 0006
0006: if (A >= personality) goto 0019 else goto 0007
0007: if (A >= chroot) goto 0014 else goto 0008
0008: if (A >= ioprio_set) goto 0011 else goto 0009
0009: if (A == lookup_dcookie) goto 0078 else goto 0010
0010: if (A == ioctl) goto 0060 else goto 0079
0011: if (A >= nfsservctl) goto 0013 else goto 0012
0012: if (A >= umount2) goto 0078 else goto 0079
0013: if (A == nfsservctl) goto 0080 else goto 0079
0014: if (A >= quotactl) goto 0017 else goto 0015
0015: if (A == chroot) goto 0078 else goto 0016
0016: if (A == vhangup) goto 0080 else goto 0079
0017: if (A == quotactl) goto 0078 else goto 0018
0018: if (A == acct) goto 0078 else goto 0079
0019: if (A >= syslog) goto 0026 else goto 0020
0020: if (A >= kexec_load) goto 0023 else goto 0021
0021: if (A == personality) goto 0066 else goto 0022
0022: if (A == unshare) goto 0078 else goto 0079
0023: if (A >= clock_settime) goto 0025 else goto 0024
0024: if (A >= timer_create) goto 0079 else goto 0078
0025: if (A == clock_settime) goto 0078 else goto 0079
0026: if (A >= settimeofday) goto 0030 else goto 0027
0027: if (A >= reboot) goto 0029 else goto 0028
0028: if (A >= sched_setparam) goto 0079 else goto 0078
0029: if (A == reboot) goto 0078 else goto 0079
0030: if (A >= add_key) goto 0032 else goto 0031
0031: if (A >= getpid) goto 0079 else goto 0078
0032: if (A == clone) goto 0076 else goto 0078
0033: if (A >= execveat) goto 0048 else goto 0034
0034: if (A >= name_to_handle_at) goto 0042 else goto 0035
0035: if (A >= rt_tgsigqueueinfo) goto 0039 else goto 0036
0036: if (A >= mprotect) goto 0038 else goto 0037
0037: if (A >= swapon) goto 0078 else goto 0079
0038: if (A >= migrate_pages) goto 0078 else goto 0079
0039: if (A >= accept4) goto 0041 else goto 0040
0040: if (A == perf_event_open) goto 0078 else goto 0079
0041: if (A >= fanotify_init) goto 0078 else goto 0079
0042: if (A >= sendmmsg) goto 0045 else goto 0043
0043: if (A == name_to_handle_at) goto 0079 else goto 0044
0044: if (A == syncfs) goto 0079 else goto 0078
0045: if (A >= sched_setattr) goto 0047 else goto 0046
0046: if (A == sendmmsg) goto 0079 else goto 0078
0047: if (A == bpf) goto 0078 else goto 0079
0048: if (A >= close_range) goto 0055 else goto 0049
0049: if (A >= 0x127) goto 0052 else goto 0050
0050: if (A == userfaultfd) goto 0078 else goto 0051
0051: if (A == kexec_file_load) goto 0078 else goto 0079
0052: if (A >= pidfd_open) goto 0054 else goto 0053
0053: if (A >= io_uring_setup) goto 0080 else goto 0079
0054: if (A == clone3) goto 0080 else goto 0079
0055: if (A >= quotactl_fd) goto 0058 else goto 0056
0056: if (A == pidfd_getfd) goto 0078 else goto 0057
0057: if (A == mount_setattr) goto 0080 else goto 0079
0058: if (A == quotactl_fd) goto 0078 else goto 0059
0059: if (A == open_tree_attr) goto 0080 else goto 0079
0060: A = args[1].lo
0061: if (A == 0x5412) goto 0078 else goto 0062
0062: A = args[1].lo
0063: if (A == 0x541c) goto 0078 else goto 0064
0064: A = args[1].lo
0065: if (A == 0xaa00) goto 0078 else goto 0079
0066: A = args[0].lo
0067: if (A == 0) goto 0079 else goto 0068
0068: A = args[0].lo
0069: if (A == 8) goto 0079 else goto 0070
0070: A = args[0].lo
0071: if (A == 0x20000) goto 0079 else goto 0072
0072: A = args[0].lo
0073: if (A == 0x20008) goto 0079 else goto 0074
0074: A = args[0].lo
0075: if (A == 0xffffffff) goto 0079 else goto 0078
0076: A = args[0].lo
0077: if (A & 0x10000000) goto 0078 else goto 0079
0078: return ERRNO(EPERM)
0079: return ALLOW
0080: return ERRNO(ENOSYS)
0081: A = nr
0082: if (A >= clock_settime) goto 0114 else goto 0083
0083: if (A >= swapoff) goto 0099 else goto 0084
0084: if (A >= dup2) goto 0093 else goto 0085
0085: if (A >= 0x35) goto 0090 else goto 0086
0086: if (A >= ptrace) goto 0088 else goto 0087
0087: if (A == mount) goto 0166 else goto 0165
0088: if (A >= acct) goto 0166 else goto 0089
0089: if (A == ptrace) goto 0166 else goto 0165
0090: if (A == ioctl) goto 0147 else goto 0091
0091: if (A == chroot) goto 0166 else goto 0092
0092: if (A == ustat) goto 0167 else goto 0165
0093: if (A >= 0x59) goto 0097 else goto 0094
0094: if (A >= uselib) goto 0096 else goto 0095
0095: if (A == settimeofday) goto 0166 else goto 0165
0096: if (A == uselib) goto 0167 else goto 0166
0097: if (A == syslog) goto 0166 else goto 0098
0098: if (A == vhangup) goto 0167 else goto 0165
0099: if (A >= personality) goto 0107 else goto 0100
0100: if (A >= init_module) goto 0104 else goto 0101
0101: if (A == swapoff) goto 0166 else goto 0102
0102: if (A == clone) goto 0153 else goto 0103
0103: if (A == adjtimex) goto 0166 else goto 0165
0104: if (A >= getpgid) goto 0106 else goto 0105
0105: if (A == 0x82) goto 0165 else goto 0166
0106: if (A >= bdflush) goto 0167 else goto 0165
0107: if (A >= setresgid) goto 0112 else goto 0108
0108: if (A >= mlock) goto 0111 else goto 0109
0109: if (A >= _sysctl) goto 0167 else goto 0110
0110: if (A == personality) goto 0155 else goto 0165
0111: if (A == nfsservctl) goto 0167 else goto 0165
0112: if (A == pivot_root) goto 0166 else goto 0113
0113: if (A == lookup_dcookie) goto 0166 else goto 0165
0114: if (A >= sched_setattr) goto 0133 else goto 0115
0115: if (A >= getcpu) goto 0126 else goto 0116
0116: if (A >= vserver) goto 0122 else goto 0117
0117: if (A >= mq_open) goto 0120 else goto 0118
0118: if (A >= pciconfig_iobase) goto 0166 else goto 0119
0119: if (A == clock_settime) goto 0166 else goto 0165
0120: if (A >= semtimedop) goto 0165 else goto 0121
0121: if (A >= add_key) goto 0166 else goto 0165
0122: if (A >= set_robust_list) goto 0125 else goto 0123
0123: if (A >= unshare) goto 0166 else goto 0124
0124: if (A == vserver) goto 0167 else goto 0165
0125: if (A == move_pages) goto 0166 else goto 0165
0126: if (A >= fanotify_init) goto 0129 else goto 0127
0127: if (A == kexec_load) goto 0166 else goto 0128
0128: if (A == perf_event_open) goto 0166 else goto 0165
0129: if (A >= syncfs) goto 0132 else goto 0130
0130: if (A >= open_by_handle_at) goto 0166 else goto 0131
0131: if (A >= prlimit64) goto 0165 else goto 0166
0132: if (A >= setns) goto 0166 else goto 0165
0133: if (A >= pidfd_open) goto 0141 else goto 0134
0134: if (A >= migrate_pages) goto 0137 else goto 0135
0135: if (A == bpf) goto 0166 else goto 0136
0136: if (A == userfaultfd) goto 0166 else goto 0165
0137: if (A >= clock_getres_time64) goto 0140 else goto 0138
0138: if (A >= clock_settime64) goto 0166 else goto 0139
0139: if (A >= 0x192) goto 0165 else goto 0166
0140: if (A >= io_uring_setup) goto 0167 else goto 0165
0141: if (A >= mount_setattr) goto 0144 else goto 0142
0142: if (A == clone3) goto 0167 else goto 0143
0143: if (A == pidfd_getfd) goto 0166 else goto 0165
0144: if (A == mount_setattr) goto 0167 else goto 0145
0145: if (A == quotactl_fd) goto 0166 else goto 0146
0146: if (A == open_tree_attr) goto 0167 else goto 0165
0147: A = args[1].lo
0148: if (A == 0x5412) goto 0166 else goto 0149
0149: A = args[1].lo
0150: if (A == 0x541c) goto 0166 else goto 0151
0151: A = args[1].lo
0152: if (A == 0xaa00) goto 0166 else goto 0165
0153: A = args[0].lo
0154: if (A & 0x10000000) goto 0166 else goto 0165
0155: A = args[0].lo
0156: if (A == 0) goto 0165 else goto 0157
0157: A = args[0].lo
0158: if (A == 8) goto 0165 else goto 0159
0159: A = args[0].lo
0160: if (A == 0x20000) goto 0165 else goto 0161
0161: A = args[0].lo
0162: if (A == 0x20008) goto 0165 else goto 0163
0163: A = args[0].lo
0164: if (A == 0xffffffff) goto 0165 else goto 0166
0165: return ALLOW
0166: return ERRNO(EPERM)
0167: return ERRNO(ENOSYS)
