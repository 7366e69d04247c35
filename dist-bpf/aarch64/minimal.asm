# minimal: Blocks debugging other processes, keyrings, eBPF, perf, userfaultfd, mounts, new namespaces, kernel modules, kexec and reboot
# ABIs aarch64, arm; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch aarch64 (little-endian), 82 instructions
0000: A = arch
0001: if (A == ARCH_AARCH64) goto 0004 else goto 0002
0002: if (A == ARCH_ARM) goto 0043 else goto 0003
0003: return KILL_PROCESS
0004: A = nr
0005: if (A >= setns) goto 0021 else goto 0006
0006: if (A >= ptrace) goto 0014 else goto 0007
0007: if (A >= unshare) goto 0011 else goto 0008
0008: if (A >= umount2) goto 0010 else goto 0009
0009: if (A == ioctl) goto 0036 else goto 0040
0010: if (A >= nfsservctl) goto 0040 else goto 0041
0011: if (A >= kexec_load) goto 0013 else goto 0012
0012: if (A == unshare) goto 0041 else goto 0040
0013: if (A >= timer_create) goto 0040 else goto 0041
0014: if (A >= clone) goto 0019 else goto 0015
0015: if (A >= setregid) goto 0018 else goto 0016
0016: if (A >= reboot) goto 0041 else goto 0017
0017: if (A == ptrace) goto 0041 else goto 0040
0018: if (A >= add_key) goto 0041 else goto 0040
0019: if (A == clone) goto 0038 else goto 0020
0020: if (A == perf_event_open) goto 0041 else goto 0040
0021: if (A >= 0x127) goto 0029 else goto 0022
0022: if (A >= execveat) goto 0027 else goto 0023
0023: if (A >= sched_setattr) goto 0026 else goto 0024
0024: if (A >= finit_module) goto 0041 else goto 0025
0025: if (A == setns) goto 0041 else goto 0040
0026: if (A == bpf) goto 0041 else goto 0040
0027: if (A == userfaultfd) goto 0041 else goto 0028
0028: if (A == kexec_file_load) goto 0041 else goto 0040
0029: if (A >= mount_setattr) goto 0034 else goto 0030
0030: if (A >= clone3) goto 0033 else goto 0031
0031: if (A >= pidfd_open) goto 0040 else goto 0032
0032: if (A >= open_tree) goto 0042 else goto 0040
0033: if (A == clone3) goto 0042 else goto 0040
0034: if (A == mount_setattr) goto 0042 else goto 0035
0035: if (A == open_tree_attr) goto 0042 else goto 0040
0036: A = args[1].lo
0037: if (A == 0xaa00) goto 0041 else goto 0040
0038: A = args[0].lo
0039: if (A & 0x10000000) goto 0041 else goto 0040
0040: return ALLOW
0041: return ERRNO(EPERM)
0042: return ERRNO(ENOSYS)
0043: A = nr
0044: if (A >= utimensat) goto 0061 else goto 0045
0045: if (A >= clone) goto 0052 else goto 0046
0046: if (A >= 0x35) goto 0050 else goto 0047
0047: if (A == mount) goto 0079 else goto 0048
0048: if (A == ptrace) goto 0079 else goto 0049
0049: if (A == umount2) goto 0079 else goto 0080
0050: if (A == ioctl) goto 0075 else goto 0051
0051: if (A == reboot) goto 0079 else goto 0080
0052: if (A >= add_key) goto 0057 else goto 0053
0053: if (A >= 0x82) goto 0056 else goto 0054
0054: if (A >= init_module) goto 0079 else goto 0055
0055: if (A == clone) goto 0077 else goto 0080
0056: if (A == pivot_root) goto 0079 else goto 0080
0057: if (A >= set_robust_list) goto 0060 else goto 0058
0058: if (A >= unshare) goto 0079 else goto 0059
0059: if (A >= semtimedop) goto 0080 else goto 0079
0060: if (A == kexec_load) goto 0079 else goto 0080
0061: if (A >= kexec_file_load) goto 0068 else goto 0062
0062: if (A >= sched_setattr) goto 0066 else goto 0063
0063: if (A == perf_event_open) goto 0079 else goto 0064
0064: if (A == setns) goto 0079 else goto 0065
0065: if (A == finit_module) goto 0079 else goto 0080
0066: if (A == bpf) goto 0079 else goto 0067
0067: if (A == userfaultfd) goto 0079 else goto 0080
0068: if (A >= close_range) goto 0073 else goto 0069
0069: if (A >= pidfd_open) goto 0072 else goto 0070
0070: if (A >= open_tree) goto 0081 else goto 0071
0071: if (A == kexec_file_load) goto 0079 else goto 0080
0072: if (A == clone3) goto 0081 else goto 0080
0073: if (A == mount_setattr) goto 0081 else goto 0074
0074: if (A == open_tree_attr) goto 0081 else goto 0080
0075: A = args[1].lo
0076: if (A == 0xaa00) goto 0079 else goto 0080
0077: A = args[0].lo
0078: if (A & 0x10000000) goto 0079 else goto 0080
0079: return ERRNO(EPERM)
0080: return ALLOW
0081: return ERRNO(ENOSYS)
