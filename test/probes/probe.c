/*
 * Issues syscalls by number with harmless arguments, each in a child process of its own, and prints
 * one line per probe:
 *
 *   <probe> <ret> <OK|errno name|SIG<n>> <syscall> <arg0> … <arg5>
 *
 * (the arguments as the kernel's seccomp_data sees them, in hex), so a test can work out what a
 * policy says about exactly that call. The arguments are chosen so that, without a filter, the call
 * fails with an errno other than the filters' (or succeeds) and does nothing: these probes run as
 * root, some with every capability. Nothing here writes, mounts, loads or reboots anything.
 *
 * Build modes (the same probes through each syscall ABI of an x86_64 kernel):
 *   gcc probe.c                      native numbers (<sys/syscall.h>)
 *   gcc -m32 probe.c                 i386 numbers through the vDSO / int 0x80 (an i386 process)
 *   gcc -DPROBE_X32 probe.c          x32 numbers (bit 30 set) from a 64-bit process
 *   gcc -DPROBE_INT80 -static -no-pie probe.c
 *                                    i386 numbers through `int $0x80` from a 64-bit process
 * Usage: probe [NAME...]   (no names: every probe); probe --list
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(PROBE_X32)
#ifndef __X32_SYSCALL_BIT
#define __X32_SYSCALL_BIT 0x40000000
#endif
#include <asm/unistd_x32.h>
#define ABI "x32"
#elif defined(PROBE_INT80)
#include <asm/unistd_32.h>
#define ABI "i386-int80"
#else
#include <sys/syscall.h>
#if defined(__x86_64__)
#define ABI "x86_64"
#elif defined(__i386__)
#define ABI "i386"
#else
#define ABI "native"
#endif
#endif

/* Numbers newer than the build machine's headers: the same on every x86 ABI (plus x32's bit). */
#if defined(PROBE_X32)
#define NR_BASE 0x40000000
#else
#define NR_BASE 0
#endif
#ifndef __NR_open_tree_attr
#define __NR_open_tree_attr (NR_BASE + 467)
#endif

typedef unsigned long long u64;

static u64 cur_args[6];

#if defined(PROBE_INT80)
/* The i386 entry from a 64-bit process: arguments are the low 32 bits of the registers. */
static long raw(long nr, u64 a, u64 b, u64 c, u64 d, u64 e, u64 f) {
	long ret;
	/* The sixth argument goes in ebp; carry it in r8 so the compiler never picks rbp for it. */
	register u64 sixth __asm__("r8") = f;
	__asm__ volatile("push %%rbp\n\tmov %%r8, %%rbp\n\tint $0x80\n\tpop %%rbp"
			 : "=a"(ret)
			 : "a"(nr), "b"(a), "c"(b), "d"(c), "S"(d), "D"(e), "r"(sixth)
			 : "memory", "r9", "r10", "r11");
	ret = (int)ret; /* the i386 entry returns a 32-bit value */
	if (ret < 0 && ret > -4096) { errno = (int)-ret; return -1; }
	return ret;
}
#else
static long raw(long nr, u64 a, u64 b, u64 c, u64 d, u64 e, u64 f) {
	/* syscall() is variadic over longs: pass each argument as one register-sized word. */
	typedef unsigned long w;
	return syscall(nr, (w)a, (w)b, (w)c, (w)d, (w)e, (w)f);
}
#endif

/* Records the arguments (as seccomp sees them) and makes the call. */
#define CALL(nr, a, b, c, d, e, f) call((nr), (u64)(uintptr_t)(a), (u64)(uintptr_t)(b), (u64)(uintptr_t)(c), \
					 (u64)(uintptr_t)(d), (u64)(uintptr_t)(e), (u64)(uintptr_t)(f))
static long call(long nr, u64 a, u64 b, u64 c, u64 d, u64 e, u64 f) {
#if defined(PROBE_INT80) || defined(__i386__)
	u64 m = 0xffffffffULL; /* a 32-bit ABI has no high words */
#else
	u64 m = ~0ULL;
#endif
	cur_args[0] = a & m; cur_args[1] = b & m; cur_args[2] = c & m;
	cur_args[3] = d & m; cur_args[4] = e & m; cur_args[5] = f & m;
	return raw(nr, a, b, c, d, e, f);
}

static int devnull = -1;

#define CLONE_NEWUSER_ 0x10000000UL
#define SIGCHLD_ 17UL

/* A fork-like clone: the child exits at once. clone's flags are its first argument on x86. */
static long clone_probe(unsigned long flags) {
	long pid = CALL(
#if defined(PROBE_X32) || defined(PROBE_INT80)
		__NR_clone,
#else
		SYS_clone,
#endif
		flags | SIGCHLD_, 0, 0, 0, 0, 0);
	if (pid == 0) _exit(0);
	if (pid > 0) { waitpid((pid_t)pid, NULL, 0); return 0; }
	return pid;
}

struct probe {
	const char *name;
	const char *syscall;
	long (*fn)(void);
};

/* Each probe: the name, the syscall (as profiles name it), the call. */
#define PROBE(name, sc, ...) static long probe_##name(void) { return CALL(__VA_ARGS__); }
#define ENTRY(name, sc) { #name, sc, probe_##name }

#if defined(__NR_getpid)
PROBE(getpid, "getpid", __NR_getpid, 0, 0, 0, 0, 0, 0)
#endif
/* PTRACE_ATTACH to pid -1: ESRCH. */
PROBE(ptrace, "ptrace", __NR_ptrace, 16, -1, 0, 0, 0, 0)
/* KEYCTL_GET_KEYRING_ID of an invalid special id: EINVAL. */
PROBE(keyctl, "keyctl", __NR_keyctl, 0, -100, 0, 0, 0, 0)
/* add_key/request_key with a NULL type: EFAULT. */
PROBE(add_key, "add_key", __NR_add_key, 0, 0, 0, 0, -1, 0)
PROBE(request_key, "request_key", __NR_request_key, 0, 0, 0, 0, 0, 0)
/* An invalid bpf command: EINVAL. */
PROBE(bpf, "bpf", __NR_bpf, -1, 0, 0, 0, 0, 0)
/* perf_event_open with a NULL attr: EFAULT. */
PROBE(perf_event_open, "perf_event_open", __NR_perf_event_open, 0, 0, -1, -1, 0, 0)
/* UFFD_USER_MODE_ONLY (allowed to everyone) plus an invalid flag: EINVAL. */
PROBE(userfaultfd, "userfaultfd", __NR_userfaultfd, 0x40000001, 0, 0, 0, 0, 0)
/* mount with a NULL target: EFAULT. */
PROBE(mount, "mount", __NR_mount, 0, 0, 0, 0, 0, 0)
/* umount2 with an invalid flag: EINVAL, checked first. */
PROBE(umount2, "umount2", __NR_umount2, "/", 0x80000000u, 0, 0, 0, 0)
#if defined(__NR_umount)
PROBE(umount, "umount", __NR_umount, "/nonexistent-probe-path", 0, 0, 0, 0, 0)
#endif
/* pivot_root with NULL paths: EFAULT with CAP_SYS_ADMIN, EPERM without. */
PROBE(pivot_root, "pivot_root", __NR_pivot_root, 0, 0, 0, 0, 0, 0)
/* unshare(0) does nothing and succeeds. */
PROBE(unshare, "unshare", __NR_unshare, 0, 0, 0, 0, 0, 0)
/* setns on a closed descriptor: EBADF. */
PROBE(setns, "setns", __NR_setns, 9999, 0, 0, 0, 0, 0)
/* clone3 with size 0: EINVAL. */
PROBE(clone3, "clone3", __NR_clone3, 0, 0, 0, 0, 0, 0)
/* The new mount API with invalid descriptors or names. */
PROBE(fsopen, "fsopen", __NR_fsopen, "no-such-filesystem-probe", 0, 0, 0, 0, 0)
PROBE(fsconfig, "fsconfig", __NR_fsconfig, -1, 0, 0, 0, 0, 0)
PROBE(fsmount, "fsmount", __NR_fsmount, -1, 0, 0, 0, 0, 0)
PROBE(fspick, "fspick", __NR_fspick, -1, "", 0, 0, 0, 0)
PROBE(move_mount, "move_mount", __NR_move_mount, -1, "", -1, "", 0, 0)
PROBE(open_tree, "open_tree", __NR_open_tree, -1, "", 0, 0, 0, 0)
PROBE(open_tree_attr, "open_tree_attr", __NR_open_tree_attr, -1, "", 0, 0, 0, 0)
PROBE(mount_setattr, "mount_setattr", __NR_mount_setattr, -1, 0, 0, 0, 0, 0)
/* Module calls with NULL images and names: EPERM without CAP_SYS_MODULE, EFAULT/EBADF with it. */
#if defined(__NR_create_module)
PROBE(create_module, "create_module", __NR_create_module, 0, 0, 0, 0, 0, 0)
#endif
PROBE(init_module, "init_module", __NR_init_module, 0, 0, 0, 0, 0, 0)
PROBE(finit_module, "finit_module", __NR_finit_module, -1, "", 0, 0, 0, 0)
PROBE(delete_module, "delete_module", __NR_delete_module, 0, 0, 0, 0, 0, 0)
/* kexec with invalid flags / descriptors: EINVAL/EBADF with CAP_SYS_BOOT, EPERM without. */
PROBE(kexec_load, "kexec_load", __NR_kexec_load, 0, 0, 0, 0xdead0000u, 0, 0)
#if defined(__NR_kexec_file_load)
PROBE(kexec_file_load, "kexec_file_load", __NR_kexec_file_load, -1, -1, 0, 0, 0, 0)
#endif
/* reboot without the magic numbers: EINVAL with CAP_SYS_BOOT, EPERM without. Never reboots. */
PROBE(reboot, "reboot", __NR_reboot, 0, 0, 0, 0, 0, 0)

/* ioctls on /dev/null, which has none of them: ENOTTY. Never on a terminal. */
static char ioctl_byte = 'x';
static long probe_ioctl_devnull(void) { return CALL(__NR_ioctl, devnull, 0x541B /* FIONREAD */, &ioctl_byte, 0, 0, 0); }
static long probe_ioctl_userfaultfd(void) { return CALL(__NR_ioctl, devnull, 0xAA00, 0, 0, 0, 0); }
static long probe_ioctl_tiocsti(void) { return CALL(__NR_ioctl, devnull, 0x5412, &ioctl_byte, 0, 0, 0); }
#if !defined(__i386__)
/* The same request with garbage in the high word, which the kernel ignores (CVE-2019-10063). Through
 * int 0x80 from a 64-bit process the register keeps its high half, and seccomp_data may show it. */
static long probe_ioctl_tiocsti_hiword(void) { return CALL(__NR_ioctl, devnull, 0xdeadbeef00005412ULL, &ioctl_byte, 0, 0, 0); }
#endif
static long probe_ioctl_tioclinux(void) { return CALL(__NR_ioctl, devnull, 0x541C, &ioctl_byte, 0, 0, 0); }

static long probe_clone(void) { return clone_probe(0); }
static long probe_clone_newuser(void) { return clone_probe(CLONE_NEWUSER_); }

/* strict's extras */
/* io_uring_setup with 0 entries: EINVAL. */
PROBE(io_uring_setup, "io_uring_setup", __NR_io_uring_setup, 0, 0, 0, 0, 0, 0)
/* personality(0xffffffff) only reads; READ_IMPLIES_EXEC succeeds without a filter (in this child only). */
PROBE(personality_query, "personality", __NR_personality, 0xffffffffu, 0, 0, 0, 0, 0)
PROBE(personality_read_implies_exec, "personality", __NR_personality, 0x0400000, 0, 0, 0, 0, 0)
/* process_vm_readv with invalid flags: EINVAL. */
PROBE(process_vm_readv, "process_vm_readv", __NR_process_vm_readv, 1, 0, 0, 0, 0, 1)
PROBE(pidfd_getfd, "pidfd_getfd", __NR_pidfd_getfd, -1, 0, 0, 0, 0, 0)
/* kcmp of pid 0: ESRCH. */
PROBE(kcmp, "kcmp", __NR_kcmp, 0, 0, 99, 0, 0, 0)
/* chroot into a path that does not exist: ENOENT. */
PROBE(chroot, "chroot", __NR_chroot, "/nonexistent-probe-path", 0, 0, 0, 0, 0)
/* swapon/swapoff with NULL paths: EPERM without CAP_SYS_ADMIN, EFAULT with it. */
PROBE(swapon, "swapon", __NR_swapon, 0, 0, 0, 0, 0, 0)
PROBE(swapoff, "swapoff", __NR_swapoff, 0, 0, 0, 0, 0, 0)
#if defined(__NR_iopl)
/* iopl level 4 does not exist: EINVAL. */
PROBE(iopl, "iopl", __NR_iopl, 4, 0, 0, 0, 0, 0)
#endif
#if defined(__NR_ioperm)
/* ioperm of zero ports: EINVAL. */
PROBE(ioperm, "ioperm", __NR_ioperm, 0, 0, 0, 0, 0, 0)
#endif
/* clock_settime of an invalid clock: EINVAL. adjtimex with NULL: EFAULT. */
PROBE(clock_settime, "clock_settime", __NR_clock_settime, 99, 0, 0, 0, 0, 0)
PROBE(adjtimex, "adjtimex", __NR_adjtimex, 0, 0, 0, 0, 0, 0)
/* acct of a file that does not exist: EPERM without CAP_SYS_PACCT, ENOENT with it. */
PROBE(acct, "acct", __NR_acct, "/nonexistent-probe-path/acct", 0, 0, 0, 0, 0)
/* syslog with an invalid action: EINVAL. */
PROBE(syslog, "syslog", __NR_syslog, 99, 0, 0, 0, 0, 0)
/* open_by_handle_at with a bad descriptor: EPERM without CAP_DAC_READ_SEARCH, EBADF with it. */
PROBE(open_by_handle_at, "open_by_handle_at", __NR_open_by_handle_at, -1, 0, 0, 0, 0, 0)
#if defined(__NR_modify_ldt)
/* modify_ldt with an unknown function: ENOSYS. */
PROBE(modify_ldt, "modify_ldt", __NR_modify_ldt, 99, 0, 0, 0, 0, 0)
#endif
/* sysfs with an unknown option: EINVAL. */
#if defined(__NR_sysfs)
PROBE(sysfs, "sysfs", __NR_sysfs, 99, 0, 0, 0, 0, 0)
#endif
/* move_pages of zero pages of this process: succeeds and does nothing. */
PROBE(move_pages, "move_pages", __NR_move_pages, 0, 0, 0, 0, 0, 0)
/* lookup_dcookie is gone from current kernels: ENOSYS. */
#if defined(__NR_lookup_dcookie)
PROBE(lookup_dcookie, "lookup_dcookie", __NR_lookup_dcookie, 0, 0, 0, 0, 0, 0)
#endif
/* socket(AF_INET, SOCK_DGRAM) and socket(AF_UNIX, SOCK_STREAM), for the no-network example. */
#if defined(__NR_socket)
PROBE(socket_inet, "socket", __NR_socket, 2, 2, 0, 0, 0, 0)
PROBE(socket_unix, "socket", __NR_socket, 1, 1, 0, 0, 0, 0)
#endif

static const struct probe probes[] = {
#if defined(__NR_getpid)
	ENTRY(getpid, "getpid"),
#endif
	ENTRY(ptrace, "ptrace"),
	ENTRY(keyctl, "keyctl"),
	ENTRY(add_key, "add_key"),
	ENTRY(request_key, "request_key"),
	ENTRY(bpf, "bpf"),
	ENTRY(perf_event_open, "perf_event_open"),
	ENTRY(userfaultfd, "userfaultfd"),
	{ "ioctl_devnull", "ioctl", probe_ioctl_devnull },
	{ "ioctl_userfaultfd", "ioctl", probe_ioctl_userfaultfd },
	{ "ioctl_tiocsti", "ioctl", probe_ioctl_tiocsti },
#if !defined(__i386__)
	{ "ioctl_tiocsti_hiword", "ioctl", probe_ioctl_tiocsti_hiword },
#endif
	{ "ioctl_tioclinux", "ioctl", probe_ioctl_tioclinux },
	ENTRY(mount, "mount"),
	ENTRY(umount2, "umount2"),
#if defined(__NR_umount)
	ENTRY(umount, "umount"),
#endif
	ENTRY(pivot_root, "pivot_root"),
	ENTRY(unshare, "unshare"),
	ENTRY(setns, "setns"),
	{ "clone", "clone", probe_clone },
	{ "clone_newuser", "clone", probe_clone_newuser },
	ENTRY(clone3, "clone3"),
	ENTRY(fsopen, "fsopen"),
	ENTRY(fsconfig, "fsconfig"),
	ENTRY(fsmount, "fsmount"),
	ENTRY(fspick, "fspick"),
	ENTRY(move_mount, "move_mount"),
	ENTRY(open_tree, "open_tree"),
	ENTRY(open_tree_attr, "open_tree_attr"),
	ENTRY(mount_setattr, "mount_setattr"),
#if defined(__NR_create_module)
	ENTRY(create_module, "create_module"),
#endif
	ENTRY(init_module, "init_module"),
	ENTRY(finit_module, "finit_module"),
	ENTRY(delete_module, "delete_module"),
	ENTRY(kexec_load, "kexec_load"),
#if defined(__NR_kexec_file_load)
	ENTRY(kexec_file_load, "kexec_file_load"),
#endif
	ENTRY(reboot, "reboot"),
	ENTRY(io_uring_setup, "io_uring_setup"),
	ENTRY(personality_query, "personality"),
	ENTRY(personality_read_implies_exec, "personality"),
	ENTRY(process_vm_readv, "process_vm_readv"),
	ENTRY(pidfd_getfd, "pidfd_getfd"),
	ENTRY(kcmp, "kcmp"),
	ENTRY(chroot, "chroot"),
	ENTRY(swapon, "swapon"),
	ENTRY(swapoff, "swapoff"),
#if defined(__NR_iopl)
	ENTRY(iopl, "iopl"),
#endif
#if defined(__NR_ioperm)
	ENTRY(ioperm, "ioperm"),
#endif
	ENTRY(clock_settime, "clock_settime"),
	ENTRY(adjtimex, "adjtimex"),
	ENTRY(acct, "acct"),
	ENTRY(syslog, "syslog"),
	ENTRY(open_by_handle_at, "open_by_handle_at"),
#if defined(__NR_modify_ldt)
	ENTRY(modify_ldt, "modify_ldt"),
#endif
#if defined(__NR_sysfs)
	ENTRY(sysfs, "sysfs"),
#endif
	ENTRY(move_pages, "move_pages"),
#if defined(__NR_lookup_dcookie)
	ENTRY(lookup_dcookie, "lookup_dcookie"),
#endif
#if defined(__NR_socket)
	ENTRY(socket_inet, "socket"),
	ENTRY(socket_unix, "socket"),
#endif
};

/* Runs one probe in a child; the child prints its line. A child killed by a signal is reported too. */
static void run(const struct probe *p) {
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) { perror("probe: fork"); exit(1); }
	if (pid == 0) {
		errno = 0;
		long r = p->fn();
		int e = errno;
		const char *res = r < 0 ? (strerrorname_np(e) ? strerrorname_np(e) : "E?") : "OK";
		printf("%s %ld %s %s", p->name, r, res, p->syscall);
		for (int i = 0; i < 6; i++) printf(" 0x%llx", cur_args[i]);
		printf("\n");
		fflush(stdout);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status)) printf("%s -1 SIG%d %s\n", p->name, WTERMSIG(status), p->syscall);
}

int main(int argc, char **argv) {
	size_t n = sizeof probes / sizeof probes[0];
	devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (devnull < 0) { perror("probe: /dev/null"); return 1; }
	if (argc == 2 && strcmp(argv[1], "--list") == 0) {
		for (size_t i = 0; i < n; i++) printf("%s %s\n", probes[i].name, probes[i].syscall);
		return 0;
	}
	printf("# abi %s\n", ABI);
	if (argc == 1) {
		for (size_t i = 0; i < n; i++) run(&probes[i]);
		return 0;
	}
	for (int a = 1; a < argc; a++) {
		size_t i;
		for (i = 0; i < n && strcmp(probes[i].name, argv[a]) != 0; i++) {}
		if (i == n) { fprintf(stderr, "probe: unknown probe %s\n", argv[a]); return 2; }
		run(&probes[i]);
	}
	return 0;
}
