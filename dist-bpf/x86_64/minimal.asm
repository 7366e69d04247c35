# minimal: Blocks debugging other processes, keyrings, eBPF, perf, userfaultfd, mounts, new namespaces, kernel modules, kexec and reboot
# ABIs x86_64, x32, i386; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch x86_64 (little-endian), 121 instructions
0000: A = arch
0001: if (A == ARCH_X86_64) goto 0004 else goto 0002
0002: if (A == ARCH_I386) goto 0080 else goto 0003
0003: return KILL_PROCESS
0004: A = nr
0005: if (A & 0x40000000) goto 0041 else goto 0006
0006: if (A >= set_robust_list) goto 0022 else goto 0007
0007: if (A >= swapon) goto 0015 else goto 0008
0008: if (A >= ptrace) goto 0011 else goto 0009
0009: if (A == ioctl) goto 0037 else goto 0010
0010: if (A == clone) goto 0039 else goto 0077
0011: if (A >= _sysctl) goto 0014 else goto 0012
0012: if (A >= pivot_root) goto 0078 else goto 0013
0013: if (A == ptrace) goto 0078 else goto 0077
0014: if (A >= mount) goto 0078 else goto 0077
0015: if (A >= kexec_load) goto 0019 else goto 0016
0016: if (A >= create_module) goto 0018 else goto 0017
0017: if (A == reboot) goto 0078 else goto 0077
0018: if (A >= get_kernel_syms) goto 0077 else goto 0078
0019: if (A >= ioprio_set) goto 0021 else goto 0020
0020: if (A == waitid) goto 0077 else goto 0078
0021: if (A == unshare) goto 0078 else goto 0077
0022: if (A >= membarrier) goto 0030 else goto 0023
0023: if (A >= finit_module) goto 0026 else goto 0024
0024: if (A == perf_event_open) goto 0078 else goto 0025
0025: if (A == setns) goto 0078 else goto 0077
0026: if (A >= execveat) goto 0029 else goto 0027
0027: if (A >= kexec_file_load) goto 0078 else goto 0028
0028: if (A == finit_module) goto 0078 else goto 0077
0029: if (A == userfaultfd) goto 0078 else goto 0077
0030: if (A >= mount_setattr) goto 0035 else goto 0031
0031: if (A >= clone3) goto 0034 else goto 0032
0032: if (A >= pidfd_open) goto 0077 else goto 0033
0033: if (A >= open_tree) goto 0079 else goto 0077
0034: if (A == clone3) goto 0079 else goto 0077
0035: if (A == mount_setattr) goto 0079 else goto 0036
0036: if (A == open_tree_attr) goto 0079 else goto 0077
0037: A = args[1].lo
0038: if (A == 0xaa00) goto 0078 else goto 0077
0039: A = args[0].lo
0040: if (A & 0x10000000) goto 0078 else goto 0077
0041: if (A >= x32:sched_setattr) goto 0059 else goto 0042
0042: if (A >= 0x400000b1) goto 0050 else goto 0043
0043: if (A >= x32:mount) goto 0046 else goto 0044
0044: if (A == x32:clone) goto 0073 else goto 0045
0045: if (A == x32:pivot_root) goto 0078 else goto 0077
0046: if (A >= x32:sethostname) goto 0049 else goto 0047
0047: if (A >= x32:reboot) goto 0078 else goto 0048
0048: if (A >= x32:swapon) goto 0077 else goto 0078
0049: if (A >= x32:init_module) goto 0078 else goto 0077
0050: if (A >= x32:perf_event_open) goto 0055 else goto 0051
0051: if (A >= x32:unshare) goto 0054 else goto 0052
0052: if (A >= x32:ioprio_set) goto 0077 else goto 0053
0053: if (A >= x32:add_key) goto 0078 else goto 0077
0054: if (A == x32:unshare) goto 0078 else goto 0077
0055: if (A >= x32:getcpu) goto 0058 else goto 0056
0056: if (A >= x32:setns) goto 0078 else goto 0057
0057: if (A == x32:perf_event_open) goto 0078 else goto 0077
0058: if (A == x32:finit_module) goto 0078 else goto 0077
0059: if (A >= x32:quotactl_fd) goto 0068 else goto 0060
0060: if (A >= x32:open_tree) goto 0065 else goto 0061
0061: if (A >= x32:userfaultfd) goto 0064 else goto 0062
0062: if (A >= 0x40000142) goto 0077 else goto 0063
0063: if (A >= x32:kexec_file_load) goto 0078 else goto 0077
0064: if (A == x32:userfaultfd) goto 0078 else goto 0077
0065: if (A >= x32:close_range) goto 0067 else goto 0066
0066: if (A == x32:pidfd_open) goto 0077 else goto 0079
0067: if (A == x32:mount_setattr) goto 0079 else goto 0077
0068: if (A >= x32:ptrace) goto 0071 else goto 0069
0069: if (A == x32:open_tree_attr) goto 0079 else goto 0070
0070: if (A == x32:ioctl) goto 0075 else goto 0077
0071: if (A == x32:ptrace) goto 0078 else goto 0072
0072: if (A == x32:kexec_load) goto 0078 else goto 0077
0073: A = args[0].lo
0074: if (A & 0x10000000) goto 0078 else goto 0077
0075: A = args[1].lo
0076: if (A == 0xaa00) goto 0078 else goto 0077
0077: return ALLOW
0078: return ERRNO(EPERM)
0079: return ERRNO(ENOSYS)
0080: A = nr
0081: if (A >= unshare) goto 0099 else goto 0082
0082: if (A >= clone) goto 0091 else goto 0083
0083: if (A >= lock) goto 0089 else goto 0084
0084: if (A >= ptrace) goto 0087 else goto 0085
0085: if (A >= setuid) goto 0118 else goto 0086
0086: if (A >= mount) goto 0119 else goto 0118
0087: if (A >= umount2) goto 0119 else goto 0088
0088: if (A == ptrace) goto 0119 else goto 0118
0089: if (A == ioctl) goto 0114 else goto 0090
0090: if (A == reboot) goto 0119 else goto 0118
0091: if (A >= mincore) goto 0096 else goto 0092
0092: if (A >= get_kernel_syms) goto 0095 else goto 0093
0093: if (A >= create_module) goto 0119 else goto 0094
0094: if (A == clone) goto 0116 else goto 0118
0095: if (A == pivot_root) goto 0119 else goto 0118
0096: if (A >= add_key) goto 0098 else goto 0097
0097: if (A == kexec_load) goto 0119 else goto 0118
0098: if (A >= ioprio_set) goto 0118 else goto 0119
0099: if (A >= userfaultfd) goto 0107 else goto 0100
0100: if (A >= process_vm_readv) goto 0105 else goto 0101
0101: if (A >= recvmmsg) goto 0104 else goto 0102
0102: if (A >= perf_event_open) goto 0119 else goto 0103
0103: if (A == unshare) goto 0119 else goto 0118
0104: if (A == setns) goto 0119 else goto 0118
0105: if (A == finit_module) goto 0119 else goto 0106
0106: if (A == bpf) goto 0119 else goto 0118
0107: if (A >= close_range) goto 0112 else goto 0108
0108: if (A >= pidfd_open) goto 0111 else goto 0109
0109: if (A >= open_tree) goto 0120 else goto 0110
0110: if (A == userfaultfd) goto 0119 else goto 0118
0111: if (A == clone3) goto 0120 else goto 0118
0112: if (A == mount_setattr) goto 0120 else goto 0113
0113: if (A == open_tree_attr) goto 0120 else goto 0118
0114: A = args[1].lo
0115: if (A == 0xaa00) goto 0119 else goto 0118
0116: A = args[0].lo
0117: if (A & 0x10000000) goto 0119 else goto 0118
0118: return ALLOW
0119: return ERRNO(EPERM)
0120: return ERRNO(ENOSYS)
