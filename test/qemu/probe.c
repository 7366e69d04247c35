/*
 * The probe of the qemu-system tests (docs/qemu.md). One source, cross-compiled statically for each
 * target with Debian's cross gcc; every syscall number comes from that target's own headers
 * (<sys/syscall.h>'s SYS_*; on x86_64 also the i386 and x32 tables of <asm/unistd_32.h> and
 * <asm/unistd_x32.h>, which scripts/qemu/probes.ts turns into nr-x86-compat.h).
 *
 * As /init (pid 1) of a throwaway VM it:
 *   1. mounts /proc, prints "BOOT ..." (kernel release, machine);
 *   2. runs every probe binary of the initramfs (/init itself and /probes/<abi>: the arm32 probe on
 *      aarch64, the i386 one on x86_64) as a child with "--run": once without a filter (the natural
 *      result), then once per /filters/<preset>.bpf, in a child that sets no_new_privs, loads the
 *      filter with seccomp(SECCOMP_SET_MODE_FILTER) and execs the probe (the filter is inherited);
 *   3. loads each /foreign/<name>.bpf (a filter for other audit arches) in a child that then calls
 *      getpid, and prints "FOREIGN filter=<name> nr=<n> result=KILLED:SIGSYS" (or EXIT:<status>);
 *   4. prints one line per probe and ABI gate:
 *        PROBE abi=<abi> probe=<name> sys=<syscall> nr=<n> args=<hex,...> natural=<R> <preset>=<R>...
 *      where R is OK, an errno name (EPERM), KILLED:<signal>, NORESULT or MISSING;
 *   5. prints "DONE" and powers the machine off (pid 1 never loads a filter: minimal blocks reboot).
 *
 * With "--run" it issues the probes through each of its ABI gates (the native syscall instruction;
 * on x86_64 also int 0x80 with i386 numbers and syscall with x32 numbers) and writes, per probe,
 *   C <abi> <probe> <sys> <nr> <args>     before the call (so a kill is attributed)
 *   R <abi> <probe> <result>              after it
 * and "S <seccomp mode>" from /proc/self/status.
 *
 * Every argument is harmless without a filter and makes the natural result differ from the
 * filters' errno (or succeed): an invalid pid, fd, flag, command or magic number that the kernel
 * checks before doing anything. Clones exit at once in the child.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#if defined(__x86_64__) && defined(__ILP32__)
#error "x32 is probed from the x86_64 build, not built on its own"
#elif defined(__x86_64__)
#define NATIVE_ABI "x86_64"
#include "nr-x86-compat.h" /* I386_NR_* and X32_NR_*: generated from this toolchain's headers */
#elif defined(__i386__)
#define NATIVE_ABI "i386"
#elif defined(__aarch64__)
#define NATIVE_ABI "aarch64"
#elif defined(__arm__)
#define NATIVE_ABI "arm"
#elif defined(__s390x__)
#define NATIVE_ABI "s390x"
#elif defined(__powerpc64__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NATIVE_ABI "ppc64le"
#elif defined(__riscv) && __riscv_xlen == 64
#define NATIVE_ABI "riscv64"
#elif defined(__loongarch64)
#define NATIVE_ABI "loongarch64"
#else
#error "unknown target"
#endif

#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif
/* linux/userfaultfd.h: _IO(USERFAULTFD_IOC, 0x00); _IO is the target's own encoding (ppc differs). */
#ifndef USERFAULTFD_IOC_NEW
#define USERFAULTFD_IOC_NEW _IO(0xAA, 0x00)
#endif

/* A value placed in the high word of a 64-bit register, where the kernel reads only the low 32 bits. */
#define HIGH_GARBAGE 0xdead000000000000ull

/* The syscalls the probes use, numbered per ABI. */
struct nrs {
	long getpid, ptrace, keyctl, unshare, setns, umount2, clone, clone3, open_tree, fsopen, bpf,
		perf_event_open, userfaultfd, ioctl, io_uring_setup, reboot;
};
#define NRS(P) { P##getpid, P##ptrace, P##keyctl, P##unshare, P##setns, P##umount2, P##clone, \
	P##clone3, P##open_tree, P##fsopen, P##bpf, P##perf_event_open, P##userfaultfd, P##ioctl, \
	P##io_uring_setup, P##reboot }

static const struct nrs native_nrs = NRS(SYS_);

/* An ABI gate: how a probe enters the kernel. Returns the raw result: a value, or -errno. */
struct gate {
	const char *abi;
	long (*enter)(long nr, const unsigned long a[6]);
	const struct nrs *nr;
	/* The registers carry 64 bits (so a probe can put garbage in a high word). */
	int wide;
	/* Where clone(2) takes its flags: argument 1 on s390, 0 elsewhere. */
	int clone_flags_arg;
};

static long enter_native(long nr, const unsigned long a[6]) {
	long r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	return r == -1 ? -errno : r;
}

#if defined(__s390x__)
#define CLONE_FLAGS_ARG 1 /* arch/s390: clone(stack, flags, parent_tid, child_tid, tls) */
#else
#define CLONE_FLAGS_ARG 0
#endif
#if defined(__LP64__)
#define NATIVE_WIDE 1
#else
#define NATIVE_WIDE 0
#endif

#if defined(__x86_64__)
static const struct nrs i386_nrs = NRS(I386_NR_);
static const struct nrs x32_nrs = NRS(X32_NR_);

/* The i386 ABI from a 64-bit process: int 0x80, number in eax, arguments in ebx ecx edx esi edi ebp. */
static long enter_int80(long nr, const unsigned long a[6]) {
	long ret;
	unsigned long a5 = a[5];
	/* ebp may be the frame pointer: swap the sixth argument in and back out around the call. */
	__asm__ volatile("xchg %[a5], %%rbp\n\tint $0x80\n\txchg %[a5], %%rbp"
		: "=a"(ret), [a5] "+r"(a5)
		: "a"(nr), "b"(a[0]), "c"(a[1]), "d"(a[2]), "S"(a[3]), "D"(a[4])
		: "memory", "cc", "r8", "r9", "r10", "r11");
	/* The i386 entry returns a 32-bit value in eax. */
	return (long)(int)ret;
}

static const struct gate gates[] = {
	{ "x86_64", enter_native, &native_nrs, 1, 0 },
	/* x32: the syscall instruction with __X32_SYSCALL_BIT in the number (X32_NR_* include it). */
	{ "x32", enter_native, &x32_nrs, 1, 0 },
	{ "i386/int80", enter_int80, &i386_nrs, 1, 0 },
};
#else
static const struct gate gates[] = {
	{ NATIVE_ABI, enter_native, &native_nrs, NATIVE_WIDE, CLONE_FLAGS_ARG },
};
#endif

enum {
	P_GETPID, P_PTRACE, P_KEYCTL, P_UNSHARE, P_SETNS, P_UMOUNT2, P_CLONE, P_CLONE_NEWUSER, P_CLONE3,
	P_OPEN_TREE, P_FSOPEN, P_BPF, P_PERF_EVENT_OPEN, P_USERFAULTFD, P_IOCTL_UFFD, P_IOCTL_UFFD_HI,
	P_IOCTL_TIOCSTI, P_IO_URING_SETUP, P_REBOOT, P_COUNT
};

struct call {
	const char *probe, *sys;
	long nr;
	unsigned long a[6];
	int is_clone;
};

static const char root_path[] = "/";

/* Fills in probe p as issued through gate g; 0 when the probe does not apply to that gate. */
static int describe(const struct gate *g, int p, struct call *c) {
	memset(c, 0, sizeof *c);
	/* 32-bit arguments as a 32-bit program passes them: -1 is 0xffffffff, not sign-extended. */
	const unsigned long m1 = 0xffffffffu;
	const struct nrs *n = g->nr;
	switch (p) {
	case P_GETPID: c->probe = "getpid"; c->sys = "getpid"; c->nr = n->getpid; break;
	case P_PTRACE: /* PTRACE_ATTACH to pid -1: ESRCH */
		c->probe = "ptrace"; c->sys = "ptrace"; c->nr = n->ptrace;
		c->a[0] = 16; c->a[1] = m1; break;
	case P_KEYCTL: /* KEYCTL_GET_KEYRING_ID of the invalid special id -100: EINVAL */
		c->probe = "keyctl"; c->sys = "keyctl"; c->nr = n->keyctl;
		c->a[0] = 0; c->a[1] = (unsigned long)-100 & m1; break;
	case P_UNSHARE: /* unshare(0) does nothing: OK */
		c->probe = "unshare"; c->sys = "unshare"; c->nr = n->unshare; break;
	case P_SETNS: /* a closed descriptor: EBADF */
		c->probe = "setns"; c->sys = "setns"; c->nr = n->setns; c->a[0] = 9999; break;
	case P_UMOUNT2: /* an invalid flag, checked first: EINVAL */
		c->probe = "umount2"; c->sys = "umount2"; c->nr = n->umount2;
		c->a[0] = (unsigned long)root_path; c->a[1] = 0x80000000u; break;
	case P_CLONE: /* a fork: OK */
	case P_CLONE_NEWUSER: /* a fork into a new user namespace: OK as root without a filter */
		c->probe = p == P_CLONE ? "clone" : "clone_newuser"; c->sys = "clone"; c->nr = n->clone;
		c->a[g->clone_flags_arg] = SIGCHLD | (p == P_CLONE_NEWUSER ? CLONE_NEWUSER : 0);
		c->is_clone = 1; break;
	case P_CLONE3: /* a NULL, zero-sized struct clone_args: EINVAL */
		c->probe = "clone3"; c->sys = "clone3"; c->nr = n->clone3; break;
	case P_OPEN_TREE: /* invalid flags, checked first: EINVAL */
		c->probe = "open_tree"; c->sys = "open_tree"; c->nr = n->open_tree;
		c->a[0] = m1; c->a[1] = (unsigned long)root_path; c->a[2] = m1; break;
	case P_FSOPEN: /* invalid flags: EINVAL */
		c->probe = "fsopen"; c->sys = "fsopen"; c->nr = n->fsopen; c->a[1] = m1; break;
	case P_BPF: /* an invalid command: EINVAL */
		c->probe = "bpf"; c->sys = "bpf"; c->nr = n->bpf; c->a[0] = m1; break;
	case P_PERF_EVENT_OPEN: /* a NULL attr: EFAULT */
		c->probe = "perf_event_open"; c->sys = "perf_event_open"; c->nr = n->perf_event_open;
		c->a[2] = m1; c->a[3] = m1; break;
	case P_USERFAULTFD: /* invalid flags: EINVAL */
		c->probe = "userfaultfd"; c->sys = "userfaultfd"; c->nr = n->userfaultfd; c->a[0] = m1; break;
	case P_IOCTL_UFFD: /* /dev/userfaultfd's USERFAULTFD_IOC_NEW on fd -1: EBADF */
		c->probe = "ioctl_uffd"; c->sys = "ioctl"; c->nr = n->ioctl;
		c->a[0] = m1; c->a[1] = USERFAULTFD_IOC_NEW; break;
	case P_IOCTL_UFFD_HI: /* the same with garbage in the high word, which the kernel ignores */
		if (!g->wide) return 0;
		c->probe = "ioctl_uffd_hi"; c->sys = "ioctl"; c->nr = n->ioctl;
		c->a[0] = m1; c->a[1] = (unsigned long)(HIGH_GARBAGE | USERFAULTFD_IOC_NEW); break;
	case P_IOCTL_TIOCSTI: /* TIOCSTI on fd -1: EBADF (strict refuses it) */
		c->probe = "ioctl_tiocsti"; c->sys = "ioctl"; c->nr = n->ioctl;
		c->a[0] = m1; c->a[1] = TIOCSTI; break;
	case P_IO_URING_SETUP: /* a NULL params: EFAULT (strict refuses it) */
		c->probe = "io_uring_setup"; c->sys = "io_uring_setup"; c->nr = n->io_uring_setup;
		c->a[0] = 1; break;
	case P_REBOOT: /* no magic numbers: EINVAL, checked before anything happens */
		c->probe = "reboot"; c->sys = "reboot"; c->nr = n->reboot; break;
	default: return 0;
	}
	return 1;
}

static void put_result(const char *abi, const char *probe, long r, int ok_if_positive) {
	if (r < 0 && r > -4096) {
		const char *name = strerrorname_np((int)-r);
		if (name) printf("R %s %s %s\n", abi, probe, name);
		else printf("R %s %s E%ld\n", abi, probe, -r);
	} else if (ok_if_positive && r <= 0) {
		printf("R %s %s BAD:%ld\n", abi, probe, r);
	} else {
		printf("R %s %s OK\n", abi, probe);
	}
	fflush(stdout);
}

static void issue(const struct gate *g, const struct call *c) {
	printf("C %s %s %s %ld", g->abi, c->probe, c->sys, c->nr);
	for (int i = 0; i < 6; i++) printf("%c%lx", i ? ',' : ' ', c->a[i]);
	printf("\n");
	fflush(stdout);
	long r = g->enter(c->nr, c->a);
	if (c->is_clone) {
		if (r == 0) _exit(0); /* the child */
		if (r > 0) waitpid((pid_t)r, NULL, 0);
	} else if (r >= 0 && strcmp(c->sys, "getpid") != 0 && strcmp(c->sys, "unshare") != 0) {
		close((int)r); /* no probe should succeed with a descriptor, but never leak one */
	}
	put_result(g->abi, c->probe, r, strcmp(c->sys, "getpid") == 0);
}

static int seccomp_mode(void) {
	FILE *f = fopen("/proc/self/status", "r");
	if (!f) return -1;
	char line[256];
	int mode = -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "Seccomp: %d", &mode) == 1) break;
	fclose(f);
	return mode;
}

static int run_probes(void) {
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("S %d\n", seccomp_mode());
	for (size_t gi = 0; gi < sizeof gates / sizeof gates[0]; gi++)
		for (int p = 0; p < P_COUNT; p++) {
			struct call c;
			if (describe(&gates[gi], p, &c)) issue(&gates[gi], &c);
		}
	return 0;
}

/* ---- pid 1 ---- */

#define MAX_RUNS 8
#define MAX_ENTRIES 96

struct entry {
	char abi[24], probe[32], sys[32], args[160], result[MAX_RUNS][32];
	long nr;
	int seen[MAX_RUNS];
};

static struct entry entries[MAX_ENTRIES];
static int n_entries;
static char run_names[MAX_RUNS][32];
static int n_runs;

static struct entry *entry_for(const char *abi, const char *probe) {
	for (int i = 0; i < n_entries; i++)
		if (!strcmp(entries[i].abi, abi) && !strcmp(entries[i].probe, probe)) return &entries[i];
	if (n_entries == MAX_ENTRIES) return NULL;
	struct entry *e = &entries[n_entries++];
	memset(e, 0, sizeof *e);
	snprintf(e->abi, sizeof e->abi, "%s", abi);
	snprintf(e->probe, sizeof e->probe, "%s", probe);
	return e;
}

static int read_file(const char *path, char **data, size_t *len) {
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) return -errno;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	for (;;) {
		if (n == cap) buf = realloc(buf, cap *= 2);
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0) { if (errno == EINTR) continue; int e = errno; close(fd); free(buf); return -e; }
		if (r == 0) break;
		n += (size_t)r;
	}
	close(fd);
	*data = buf;
	*len = n;
	return 0;
}

/*
 * Runs `binary --run` in a child, with the filter at filter_path loaded first (NULL: none), and
 * files its results under run index `run`. Prints what went wrong, if anything.
 */
static void spawn_run(const char *binary, const char *label, const char *filter_path, int run) {
	char *filter = NULL;
	size_t filter_len = 0;
	if (filter_path) {
		int e = read_file(filter_path, &filter, &filter_len);
		if (e < 0 || filter_len == 0 || filter_len % 8 != 0 || filter_len / 8 > BPF_MAXINSNS) {
			printf("ERROR binary=%s filter=%s cannot read a filter: %s, %zu bytes\n", label, run_names[run],
				e < 0 ? strerrorname_np(-e) : "ok", filter_len);
			free(filter);
			return;
		}
	}
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0) { printf("ERROR pipe: %s\n", strerrorname_np(errno)); free(filter); return; }
	pid_t pid = fork();
	if (pid < 0) { printf("ERROR fork: %s\n", strerrorname_np(errno)); free(filter); return; }
	if (pid == 0) {
		dup2(fds[1], 1);
		if (filter) {
			struct sock_fprog prog = { .len = (unsigned short)(filter_len / 8), .filter = (struct sock_filter *)filter };
			if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) { dprintf(1, "L no_new_privs %s\n", strerrorname_np(errno)); _exit(120); }
			if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) { dprintf(1, "L seccomp %s\n", strerrorname_np(errno)); _exit(121); }
			dprintf(1, "L ok %zu\n", filter_len / 8);
		}
		char *argv[] = { (char *)binary, "--run", NULL };
		char *envp[] = { NULL };
		execve(binary, argv, envp);
		dprintf(1, "X %s\n", strerrorname_np(errno));
		_exit(122);
	}
	close(fds[1]);
	char *out = NULL;
	size_t cap = 0, n = 0;
	for (;;) {
		if (n + 1 >= cap) out = realloc(out, cap = cap ? cap * 2 : 8192);
		ssize_t r = read(fds[0], out + n, cap - n - 1);
		if (r < 0 && errno == EINTR) continue;
		if (r <= 0) break;
		n += (size_t)r;
	}
	close(fds[0]);
	out[n] = 0;
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}

	struct entry *pending = NULL;
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n")) {
		char a[32], b[32], c[32], d[160];
		long nr;
		if (line[0] == 'C' && sscanf(line, "C %23s %31s %31s %ld %159s", a, b, c, &nr, d) == 5) {
			pending = entry_for(a, b);
			if (!pending) continue;
			snprintf(pending->sys, sizeof pending->sys, "%s", c);
			snprintf(pending->args, sizeof pending->args, "%s", d);
			pending->nr = nr;
			pending->seen[run] = 1;
			snprintf(pending->result[run], sizeof pending->result[run], "NORESULT");
		} else if (line[0] == 'R' && sscanf(line, "R %23s %31s %31s", a, b, c) == 3) {
			struct entry *e = entry_for(a, b);
			if (e) snprintf(e->result[run], sizeof e->result[run], "%s", c);
			pending = NULL;
		} else if (line[0] == 'S') {
			printf("SECCOMP binary=%s run=%s mode=%s\n", label, run_names[run], line + 2);
		} else if (line[0] == 'L') {
			printf("LOAD binary=%s filter=%s result=%s\n", label, run_names[run], line + 2);
		} else if (line[0] == 'X') {
			printf("ERROR binary=%s run=%s execve: %s\n", label, run_names[run], line + 2);
		}
	}
	if (WIFSIGNALED(status)) {
		const char *sig = sigabbrev_np(WTERMSIG(status));
		if (pending) snprintf(pending->result[run], sizeof pending->result[run], "KILLED:SIG%s", sig ? sig : "?");
		printf("EXIT binary=%s run=%s signal=SIG%s\n", label, run_names[run], sig ? sig : "?");
	} else if (WEXITSTATUS(status) != 0) {
		printf("EXIT binary=%s run=%s status=%d\n", label, run_names[run], WEXITSTATUS(status));
	}
	free(out);
	free(filter);
}

/*
 * Loads a filter built for another architecture (its audit arch is not ours) and makes one syscall:
 * the filter must kill the process (SIGSYS) before it returns.
 */
static void foreign_run(const char *name, const char *path) {
	char *filter = NULL;
	size_t len = 0;
	int e = read_file(path, &filter, &len);
	if (e < 0 || len == 0 || len % 8 != 0) {
		printf("ERROR foreign=%s cannot read the filter: %s\n", name, e < 0 ? strerrorname_np(-e) : "bad length");
		free(filter);
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		struct sock_fprog prog = { .len = (unsigned short)(len / 8), .filter = (struct sock_filter *)filter };
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) _exit(120);
		if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) _exit(121);
		syscall(SYS_getpid);
		_exit(0);
	}
	int status = 0;
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
	if (pid < 0) printf("ERROR foreign=%s fork: %s\n", name, strerrorname_np(errno));
	else if (WIFSIGNALED(status)) printf("FOREIGN filter=%s nr=%ld result=KILLED:SIG%s\n", name, (long)SYS_getpid, sigabbrev_np(WTERMSIG(status)) ?: "?");
	else printf("FOREIGN filter=%s nr=%ld result=EXIT:%d\n", name, (long)SYS_getpid, WEXITSTATUS(status));
	free(filter);
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The sorted names of a directory's regular files. */
static int list_dir(const char *dir, char names[][64], int max) {
	DIR *d = opendir(dir);
	if (!d) return 0;
	char *tmp[16];
	int n = 0;
	struct dirent *de;
	while ((de = readdir(d)) && n < max && n < 16)
		if (de->d_name[0] != '.') tmp[n++] = strdup(de->d_name);
	closedir(d);
	qsort(tmp, (size_t)n, sizeof tmp[0], by_name);
	for (int i = 0; i < n; i++) { snprintf(names[i], 64, "%s", tmp[i]); free(tmp[i]); }
	return n;
}

static void power_off(void) {
	printf("DONE\n");
	fflush(stdout);
	/* Let the serial port send everything before the machine goes: powering off does not wait. */
	tcdrain(STDOUT_FILENO);
	sync();
	reboot(RB_POWER_OFF);
	/* Should not return; if it does, exiting pid 1 panics the kernel and panic=-1 + -no-reboot end qemu. */
	printf("ERROR reboot(RB_POWER_OFF): %s\n", strerrorname_np(errno));
	fflush(stdout);
	_exit(1);
}

static int init_main(void) {
	setvbuf(stdout, NULL, _IOLBF, 0);
	mkdir("/proc", 0555);
	if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0)
		printf("ERROR mount /proc: %s\n", strerrorname_np(errno));
	struct utsname u;
	uname(&u);
	/* The leading newline ends whatever firmware or kernel output left unterminated on the console. */
	printf("\nBOOT abi=%s release=%s machine=%s\n", NATIVE_ABI, u.release, u.machine);

	char filters[8][64], compat[8][64];
	int n_filters = list_dir("/filters", filters, MAX_RUNS - 1);
	int n_compat = list_dir("/probes", compat, 4);
	snprintf(run_names[n_runs++], sizeof run_names[0], "natural");
	for (int f = 0; f < n_filters; f++) {
		char *dot = strrchr(filters[f], '.');
		snprintf(run_names[n_runs++], sizeof run_names[0], "%.*s", dot ? (int)(dot - filters[f]) : 31, filters[f]);
	}
	/* The native probe, then each compat probe: /probes/<abi>. */
	for (int b = -1; b < n_compat; b++) {
		char binary[640], label[64];
		if (b < 0) { snprintf(binary, sizeof binary, "/init"); snprintf(label, sizeof label, "%s", NATIVE_ABI); }
		else { snprintf(binary, sizeof binary, "/probes/%s", compat[b]); snprintf(label, sizeof label, "%s", compat[b]); }
		spawn_run(binary, label, NULL, 0);
		for (int f = 0; f < n_filters; f++) {
			char path[640];
			snprintf(path, sizeof path, "/filters/%s", filters[f]);
			spawn_run(binary, label, path, f + 1);
		}
	}
	char foreign[4][64];
	int n_foreign = list_dir("/foreign", foreign, 4);
	for (int f = 0; f < n_foreign; f++) {
		char path[640], name[64];
		snprintf(path, sizeof path, "/foreign/%s", foreign[f]);
		char *dot = strrchr(foreign[f], '.');
		snprintf(name, sizeof name, "%.*s", dot ? (int)(dot - foreign[f]) : 63, foreign[f]);
		foreign_run(name, path);
	}
	for (int i = 0; i < n_entries; i++) {
		struct entry *e = &entries[i];
		printf("PROBE abi=%s probe=%s sys=%s nr=%ld args=%s", e->abi, e->probe, e->sys, e->nr, e->args);
		for (int r = 0; r < n_runs; r++)
			printf(" %s=%s", run_names[r], e->seen[r] || e->result[r][0] ? e->result[r] : "MISSING");
		printf("\n");
	}
	power_off();
	return 0;
}

int main(int argc, char **argv) {
	if (argc > 1 && strcmp(argv[1], "--run") == 0) return run_probes();
	if (getpid() == 1) return init_main();
	fprintf(stderr, "usage: %s --run (or run as /init of the test VM)\n", argv[0]);
	return 2;
}
