# strict: minimal, plus io_uring, TIOCSTI/TIOCLINUX, odd personalities, other processes' memory, raw I/O, clock, swap, quota, obsolete and CPU-emulation syscalls
# ABIs x86_64, x32, i386; unknown arches: KILL_PROCESS; syscall tables: Linux 6.18
# sandbox-seccomp BPF, arch x86_64 (little-endian), 284 instructions
0000: A = arch
0001: if (A == ARCH_X86_64) goto 0004 else goto 0002
0002: if (A == ARCH_I386) goto 0165 else goto 0003
0003: return KILL_PROCESS
0004: A = nr
0005: if (A & 0x40000000) goto 0081 else goto 0006
0006: if (A >= waitid) goto 0033 else goto 0007
0007: if (A >= prctl) goto 0021 else goto 0008
0008: if (A >= uselib) goto 0014 else goto 0009
0009: if (A >= ptrace) goto 0012 else goto 0010
0010: if (A == ioctl) goto 0063 else goto 0011
0011: if (A == clone) goto 0069 else goto 0162
0012: if (A == ptrace) goto 0163 else goto 0013
0013: if (A == syslog) goto 0163 else goto 0162
0014: if (A >= getpriority) goto 0018 else goto 0015
0015: if (A >= statfs) goto 0017 else goto 0016
0016: if (A == personality) goto 0071 else goto 0164
0017: if (A == sysfs) goto 0164 else goto 0162
0018: if (A >= modify_ldt) goto 0020 else goto 0019
0019: if (A == vhangup) goto 0164 else goto 0162
0020: if (A == _sysctl) goto 0164 else goto 0163
0021: if (A >= gettid) goto 0028 else goto 0022
0022: if (A >= acct) goto 0025 else goto 0023
0023: if (A == adjtimex) goto 0163 else goto 0024
0024: if (A == chroot) goto 0163 else goto 0162
0025: if (A >= iopl) goto 0027 else goto 0026
0026: if (A >= sethostname) goto 0162 else goto 0163
0027: if (A >= nfsservctl) goto 0164 else goto 0163
0028: if (A >= clock_gettime) goto 0031 else goto 0029
0029: if (A == lookup_dcookie) goto 0163 else goto 0030
0030: if (A == clock_settime) goto 0163 else goto 0162
0031: if (A == vserver) goto 0164 else goto 0032
0032: if (A == kexec_load) goto 0163 else goto 0162
0033: if (A >= process_vm_readv) goto 0049 else goto 0034
0034: if (A >= perf_event_open) goto 0042 else goto 0035
0035: if (A >= unshare) goto 0040 else goto 0036
0036: if (A >= migrate_pages) goto 0039 else goto 0037
0037: if (A >= ioprio_set) goto 0162 else goto 0038
0038: if (A == waitid) goto 0162 else goto 0163
0039: if (A == migrate_pages) goto 0163 else goto 0162
0040: if (A == unshare) goto 0163 else goto 0041
0041: if (A == move_pages) goto 0163 else goto 0162
0042: if (A >= open_by_handle_at) goto 0046 else goto 0043
0043: if (A >= fanotify_init) goto 0045 else goto 0044
0044: if (A == recvmmsg) goto 0162 else goto 0163
0045: if (A >= prlimit64) goto 0162 else goto 0163
0046: if (A >= setns) goto 0048 else goto 0047
0047: if (A >= syncfs) goto 0162 else goto 0163
0048: if (A == getcpu) goto 0162 else goto 0163
0049: if (A >= close_range) goto 0058 else goto 0050
0050: if (A >= membarrier) goto 0055 else goto 0051
0051: if (A >= execveat) goto 0054 else goto 0052
0052: if (A >= kexec_file_load) goto 0163 else goto 0053
0053: if (A >= sched_setattr) goto 0162 else goto 0163
0054: if (A == userfaultfd) goto 0163 else goto 0162
0055: if (A >= pidfd_open) goto 0057 else goto 0056
0056: if (A >= io_uring_setup) goto 0164 else goto 0162
0057: if (A == clone3) goto 0164 else goto 0162
0058: if (A >= quotactl_fd) goto 0061 else goto 0059
0059: if (A == pidfd_getfd) goto 0163 else goto 0060
0060: if (A == mount_setattr) goto 0164 else goto 0162
0061: if (A == quotactl_fd) goto 0163 else goto 0062
0062: if (A == open_tree_attr) goto 0164 else goto 0162
0063: A = args[1].lo
0064: if (A == 0x5412) goto 0163 else goto 0065
0065: A = args[1].lo
0066: if (A == 0x541c) goto 0163 else goto 0067
0067: A = args[1].lo
0068: if (A == 0xaa00) goto 0163 else goto 0162
0069: A = args[0].lo
0070: if (A & 0x10000000) goto 0163 else goto 0162
0071: A = args[0].lo
0072: if (A == 0) goto 0162 else goto 0073
0073: A = args[0].lo
0074: if (A == 8) goto 0162 else goto 0075
0075: A = args[0].lo
0076: if (A == 0x20000) goto 0162 else goto 0077
0077: A = args[0].lo
0078: if (A == 0x20008) goto 0162 else goto 0079
0079: A = args[0].lo
0080: if (A == 0xffffffff) goto 0162 else goto 0163
0081: if (A >= 0x40000111) goto 0114 else goto 0082
0082: if (A >= x32:sethostname) goto 0098 else goto 0083
0083: if (A >= x32:getpriority) goto 0091 else goto 0084
0084: if (A >= x32:personality) goto 0087 else goto 0085
0085: if (A == x32:clone) goto 0144 else goto 0086
0086: if (A == x32:syslog) goto 0163 else goto 0162
0087: if (A >= x32:statfs) goto 0090 else goto 0088
0088: if (A == x32:personality) goto 0146 else goto 0089
0089: if (A == x32:ustat) goto 0164 else goto 0146
0090: if (A == x32:sysfs) goto 0164 else goto 0162
0091: if (A >= x32:setrlimit) goto 0096 else goto 0092
0092: if (A >= 0x4000009c) goto 0095 else goto 0093
0093: if (A >= x32:modify_ldt) goto 0163 else goto 0094
0094: if (A == x32:vhangup) goto 0164 else goto 0162
0095: if (A == x32:adjtimex) goto 0163 else goto 0162
0096: if (A == x32:setrlimit) goto 0162 else goto 0097
0097: if (A == x32:sync) goto 0162 else goto 0163
0098: if (A >= x32:lookup_dcookie) goto 0107 else goto 0099
0099: if (A >= x32:quotactl) goto 0104 else goto 0100
0100: if (A >= x32:init_module) goto 0103 else goto 0101
0101: if (A >= 0x400000ae) goto 0162 else goto 0102
0102: if (A >= x32:iopl) goto 0163 else goto 0162
0103: if (A >= 0x400000b1) goto 0162 else goto 0163
0104: if (A >= x32:getpmsg) goto 0106 else goto 0105
0105: if (A == 0x400000b4) goto 0162 else goto 0163
0106: if (A >= x32:gettid) goto 0162 else goto 0164
0107: if (A >= x32:ioprio_set) goto 0112 else goto 0108
0108: if (A >= x32:clock_gettime) goto 0111 else goto 0109
0109: if (A >= x32:clock_settime) goto 0163 else goto 0110
0110: if (A == x32:lookup_dcookie) goto 0163 else goto 0162
0111: if (A >= x32:add_key) goto 0163 else goto 0162
0112: if (A == x32:migrate_pages) goto 0163 else goto 0113
0113: if (A == x32:unshare) goto 0163 else goto 0162
0114: if (A >= x32:close_range) goto 0131 else goto 0115
0115: if (A >= x32:kcmp) goto 0123 else goto 0116
0116: if (A >= x32:open_by_handle_at) goto 0120 else goto 0117
0117: if (A >= x32:fanotify_init) goto 0119 else goto 0118
0118: if (A == x32:perf_event_open) goto 0163 else goto 0162
0119: if (A >= x32:prlimit64) goto 0162 else goto 0163
0120: if (A >= x32:setns) goto 0122 else goto 0121
0121: if (A >= x32:syncfs) goto 0162 else goto 0163
0122: if (A == x32:setns) goto 0163 else goto 0162
0123: if (A >= x32:membarrier) goto 0128 else goto 0124
0124: if (A >= 0x40000142) goto 0127 else goto 0125
0125: if (A >= x32:kexec_file_load) goto 0163 else goto 0126
0126: if (A >= x32:sched_setattr) goto 0162 else goto 0163
0127: if (A == x32:userfaultfd) goto 0163 else goto 0162
0128: if (A >= x32:pidfd_open) goto 0130 else goto 0129
0129: if (A >= x32:io_uring_setup) goto 0164 else goto 0162
0130: if (A == x32:clone3) goto 0164 else goto 0162
0131: if (A >= x32:readv) goto 0138 else goto 0132
0132: if (A >= x32:landlock_create_ruleset) goto 0136 else goto 0133
0133: if (A == x32:pidfd_getfd) goto 0163 else goto 0134
0134: if (A == x32:mount_setattr) goto 0164 else goto 0135
0135: if (A == x32:quotactl_fd) goto 0163 else goto 0162
0136: if (A == x32:open_tree_attr) goto 0164 else goto 0137
0137: if (A == x32:ioctl) goto 0156 else goto 0162
0138: if (A >= x32:move_pages) goto 0141 else goto 0139
0139: if (A == x32:ptrace) goto 0163 else goto 0140
0140: if (A == x32:kexec_load) goto 0163 else goto 0162
0141: if (A >= x32:process_vm_readv) goto 0143 else goto 0142
0142: if (A == x32:move_pages) goto 0163 else goto 0162
0143: if (A >= x32:setsockopt) goto 0162 else goto 0163
0144: A = args[0].lo
0145: if (A & 0x10000000) goto 0163 else goto 0162
0146: A = args[0].lo
0147: if (A == 0) goto 0162 else goto 0148
0148: A = args[0].lo
0149: if (A == 8) goto 0162 else goto 0150
0150: A = args[0].lo
0151: if (A == 0x20000) goto 0162 else goto 0152
0152: A = args[0].lo
0153: if (A == 0x20008) goto 0162 else goto 0154
0154: A = args[0].lo
0155: if (A == 0xffffffff) goto 0162 else goto 0163
0156: A = args[1].lo
0157: if (A == 0x5412) goto 0163 else goto 0158
0158: A = args[1].lo
0159: if (A == 0x541c) goto 0163 else goto 0160
0160: A = args[1].lo
0161: if (A == 0xaa00) goto 0163 else goto 0162
0162: return ALLOW
0163: return ERRNO(EPERM)
0164: return ERRNO(ENOSYS)
0165: A = nr
0166: if (A >= personality) goto 0217 else goto 0167
0167: if (A >= settimeofday) goto 0193 else goto 0168
0168: if (A >= brk) goto 0182 else goto 0169
0169: if (A >= oldfstat) goto 0176 else goto 0170
0170: if (A >= setuid) goto 0174 else goto 0171
0171: if (A >= lseek) goto 0173 else goto 0172
0172: if (A >= break) goto 0282 else goto 0281
0173: if (A >= mount) goto 0283 else goto 0281
0174: if (A >= alarm) goto 0281 else goto 0175
0175: if (A >= stime) goto 0283 else goto 0281
0176: if (A >= ftime) goto 0180 else goto 0177
0177: if (A >= stty) goto 0179 else goto 0178
0178: if (A == oldfstat) goto 0282 else goto 0281
0179: if (A >= access) goto 0281 else goto 0282
0180: if (A >= prof) goto 0282 else goto 0181
0181: if (A == ftime) goto 0282 else goto 0281
0182: if (A >= ulimit) goto 0188 else goto 0183
0183: if (A >= fcntl) goto 0187 else goto 0184
0184: if (A >= lock) goto 0186 else goto 0185
0185: if (A >= acct) goto 0283 else goto 0281
0186: if (A == ioctl) goto 0263 else goto 0282
0187: if (A == mpx) goto 0282 else goto 0281
0188: if (A >= dup2) goto 0191 else goto 0189
0189: if (A == umask) goto 0281 else goto 0190
0190: if (A == chroot) goto 0283 else goto 0282
0191: if (A >= setreuid) goto 0281 else goto 0192
0192: if (A >= sgetmask) goto 0282 else goto 0281
0193: if (A >= iopl) goto 0205 else goto 0194
0194: if (A >= profil) goto 0200 else goto 0195
0195: if (A >= uselib) goto 0198 else goto 0196
0196: if (A == settimeofday) goto 0283 else goto 0197
0197: if (A == oldlstat) goto 0282 else goto 0281
0198: if (A >= readdir) goto 0281 else goto 0199
0199: if (A == uselib) goto 0282 else goto 0283
0200: if (A >= syslog) goto 0203 else goto 0201
0201: if (A == profil) goto 0282 else goto 0202
0202: if (A == ioperm) goto 0283 else goto 0281
0203: if (A >= olduname) goto 0282 else goto 0204
0204: if (A == syslog) goto 0283 else goto 0281
0205: if (A >= setdomainname) goto 0212 else goto 0206
0206: if (A >= swapoff) goto 0210 else goto 0207
0207: if (A >= vm86old) goto 0209 else goto 0208
0208: if (A == iopl) goto 0283 else goto 0282
0209: if (A == wait4) goto 0281 else goto 0283
0210: if (A >= clone) goto 0269 else goto 0211
0211: if (A == swapoff) goto 0283 else goto 0281
0212: if (A >= create_module) goto 0215 else goto 0213
0213: if (A >= mprotect) goto 0281 else goto 0214
0214: if (A >= modify_ldt) goto 0283 else goto 0281
0215: if (A >= bdflush) goto 0282 else goto 0216
0216: if (A >= getpgid) goto 0281 else goto 0283
0217: if (A >= move_pages) goto 0241 else goto 0218
0218: if (A >= epoll_create) goto 0233 else goto 0219
0219: if (A >= nfsservctl) goto 0227 else goto 0220
0220: if (A >= mlock) goto 0225 else goto 0221
0221: if (A >= setfsuid) goto 0224 else goto 0222
0222: if (A == personality) goto 0271 else goto 0223
0223: if (A == afs_syscall) goto 0282 else goto 0271
0224: if (A == _sysctl) goto 0282 else goto 0281
0225: if (A >= poll) goto 0281 else goto 0226
0226: if (A >= vm86) goto 0283 else goto 0281
0227: if (A >= pivot_root) goto 0231 else goto 0228
0228: if (A >= getpmsg) goto 0230 else goto 0229
0229: if (A == nfsservctl) goto 0282 else goto 0281
0230: if (A >= vfork) goto 0281 else goto 0282
0231: if (A >= lookup_dcookie) goto 0283 else goto 0232
0232: if (A == pivot_root) goto 0283 else goto 0281
0233: if (A >= add_key) goto 0237 else goto 0234
0234: if (A == clock_settime) goto 0283 else goto 0235
0235: if (A == vserver) goto 0282 else goto 0236
0236: if (A == kexec_load) goto 0283 else goto 0281
0237: if (A >= openat) goto 0240 else goto 0238
0238: if (A >= migrate_pages) goto 0283 else goto 0239
0239: if (A >= ioprio_set) goto 0281 else goto 0283
0240: if (A == unshare) goto 0283 else goto 0281
0241: if (A >= clock_settime64) goto 0253 else goto 0242
0242: if (A >= syncfs) goto 0248 else goto 0243
0243: if (A >= fanotify_init) goto 0246 else goto 0244
0244: if (A == move_pages) goto 0283 else goto 0245
0245: if (A == perf_event_open) goto 0283 else goto 0281
0246: if (A >= open_by_handle_at) goto 0283 else goto 0247
0247: if (A >= prlimit64) goto 0281 else goto 0283
0248: if (A >= execveat) goto 0252 else goto 0249
0249: if (A >= sched_setattr) goto 0251 else goto 0250
0250: if (A >= setns) goto 0283 else goto 0281
0251: if (A == bpf) goto 0283 else goto 0281
0252: if (A == userfaultfd) goto 0283 else goto 0281
0253: if (A >= faccessat2) goto 0260 else goto 0254
0254: if (A >= clone3) goto 0258 else goto 0255
0255: if (A >= io_uring_setup) goto 0257 else goto 0256
0256: if (A >= clock_getres_time64) goto 0281 else goto 0283
0257: if (A == pidfd_open) goto 0281 else goto 0282
0258: if (A >= pidfd_getfd) goto 0283 else goto 0259
0259: if (A == clone3) goto 0282 else goto 0281
0260: if (A == mount_setattr) goto 0282 else goto 0261
0261: if (A == quotactl_fd) goto 0283 else goto 0262
0262: if (A == open_tree_attr) goto 0282 else goto 0281
0263: A = args[1].lo
0264: if (A == 0x5412) goto 0283 else goto 0265
0265: A = args[1].lo
0266: if (A == 0x541c) goto 0283 else goto 0267
0267: A = args[1].lo
0268: if (A == 0xaa00) goto 0283 else goto 0281
0269: A = args[0].lo
0270: if (A & 0x10000000) goto 0283 else goto 0281
0271: A = args[0].lo
0272: if (A == 0) goto 0281 else goto 0273
0273: A = args[0].lo
0274: if (A == 8) goto 0281 else goto 0275
0275: A = args[0].lo
0276: if (A == 0x20000) goto 0281 else goto 0277
0277: A = args[0].lo
0278: if (A == 0x20008) goto 0281 else goto 0279
0279: A = args[0].lo
0280: if (A == 0xffffffff) goto 0281 else goto 0283
0281: return ALLOW
0282: return ERRNO(ENOSYS)
0283: return ERRNO(EPERM)
