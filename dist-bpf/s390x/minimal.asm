# minimal: Blocks debugging other processes, keyrings, eBPF, perf, userfaultfd, mounts, new namespaces, kernel modules, kexec and reboot
# ABIs s390x; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch s390x (big-endian), 45 instructions
0000: A = arch
0001: if (A == ARCH_S390X) goto 0003 else goto 0002
0002: return KILL_PROCESS
0003: A = nr
0004: if (A >= perf_event_open) goto 0023 else goto 0005
0005: if (A >= clone) goto 0014 else goto 0006
0006: if (A >= 0x35) goto 0012 else goto 0007
0007: if (A >= ptrace) goto 0010 else goto 0008
0008: if (A >= 0x17) goto 0042 else goto 0009
0009: if (A >= mount) goto 0043 else goto 0042
0010: if (A >= umount2) goto 0043 else goto 0011
0011: if (A == ptrace) goto 0043 else goto 0042
0012: if (A == ioctl) goto 0038 else goto 0013
0013: if (A == reboot) goto 0043 else goto 0042
0014: if (A >= mincore) goto 0019 else goto 0015
0015: if (A >= get_kernel_syms) goto 0018 else goto 0016
0016: if (A >= create_module) goto 0043 else goto 0017
0017: if (A == clone) goto 0040 else goto 0042
0018: if (A == pivot_root) goto 0043 else goto 0042
0019: if (A >= unshare) goto 0022 else goto 0020
0020: if (A >= waitid) goto 0042 else goto 0021
0021: if (A >= kexec_load) goto 0043 else goto 0042
0022: if (A == unshare) goto 0043 else goto 0042
0023: if (A >= kexec_file_load) goto 0031 else goto 0024
0024: if (A >= sched_setattr) goto 0029 else goto 0025
0025: if (A >= process_vm_readv) goto 0028 else goto 0026
0026: if (A >= setns) goto 0043 else goto 0027
0027: if (A == perf_event_open) goto 0043 else goto 0042
0028: if (A == finit_module) goto 0043 else goto 0042
0029: if (A == bpf) goto 0043 else goto 0030
0030: if (A == userfaultfd) goto 0043 else goto 0042
0031: if (A >= close_range) goto 0036 else goto 0032
0032: if (A >= pidfd_open) goto 0035 else goto 0033
0033: if (A >= open_tree) goto 0044 else goto 0034
0034: if (A == kexec_file_load) goto 0043 else goto 0042
0035: if (A == clone3) goto 0044 else goto 0042
0036: if (A == mount_setattr) goto 0044 else goto 0037
0037: if (A == open_tree_attr) goto 0044 else goto 0042
0038: A = args[1].lo
0039: if (A == 0xaa00) goto 0043 else goto 0042
0040: A = args[1].lo
0041: if (A & 0x10000000) goto 0043 else goto 0042
0042: return ALLOW
0043: return ERRNO(EPERM)
0044: return ERRNO(ENOSYS)
