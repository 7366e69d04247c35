# minimal: Blocks debugging other processes, keyrings, eBPF, perf, userfaultfd, mounts, new namespaces, kernel modules, kexec and reboot
# ABIs loongarch64; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch loongarch64 (little-endian), 42 instructions
0000: A = arch
0001: if (A == ARCH_LOONGARCH64) goto 0003 else goto 0002
0002: return KILL_PROCESS
0003: A = nr
0004: if (A >= setns) goto 0020 else goto 0005
0005: if (A >= ptrace) goto 0013 else goto 0006
0006: if (A >= unshare) goto 0010 else goto 0007
0007: if (A >= umount2) goto 0009 else goto 0008
0008: if (A == ioctl) goto 0035 else goto 0039
0009: if (A >= nfsservctl) goto 0039 else goto 0040
0010: if (A >= kexec_load) goto 0012 else goto 0011
0011: if (A == unshare) goto 0040 else goto 0039
0012: if (A >= timer_create) goto 0039 else goto 0040
0013: if (A >= clone) goto 0018 else goto 0014
0014: if (A >= setregid) goto 0017 else goto 0015
0015: if (A >= reboot) goto 0040 else goto 0016
0016: if (A == ptrace) goto 0040 else goto 0039
0017: if (A >= add_key) goto 0040 else goto 0039
0018: if (A == clone) goto 0037 else goto 0019
0019: if (A == perf_event_open) goto 0040 else goto 0039
0020: if (A >= 0x127) goto 0028 else goto 0021
0021: if (A >= execveat) goto 0026 else goto 0022
0022: if (A >= sched_setattr) goto 0025 else goto 0023
0023: if (A >= finit_module) goto 0040 else goto 0024
0024: if (A == setns) goto 0040 else goto 0039
0025: if (A == bpf) goto 0040 else goto 0039
0026: if (A == userfaultfd) goto 0040 else goto 0027
0027: if (A == kexec_file_load) goto 0040 else goto 0039
0028: if (A >= mount_setattr) goto 0033 else goto 0029
0029: if (A >= clone3) goto 0032 else goto 0030
0030: if (A >= pidfd_open) goto 0039 else goto 0031
0031: if (A >= open_tree) goto 0041 else goto 0039
0032: if (A == clone3) goto 0041 else goto 0039
0033: if (A == mount_setattr) goto 0041 else goto 0034
0034: if (A == open_tree_attr) goto 0041 else goto 0039
0035: A = args[1].lo
0036: if (A == 0xaa00) goto 0040 else goto 0039
0037: A = args[0].lo
0038: if (A & 0x10000000) goto 0040 else goto 0039
0039: return ALLOW
0040: return ERRNO(EPERM)
0041: return ERRNO(ENOSYS)
