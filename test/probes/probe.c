/*
 * Issues syscalls by number with harmless arguments and prints one line per probe:
 *   <name> <return value> <errno name or OK>
 * The arguments are chosen so that, without a filter, the call fails with an errno other than the
 * filters' (or succeeds) and does nothing: these probes run as root.
 * Usage: probe NAME...   (no names: every probe)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef CLONE_NEWUSER
#define CLONE_NEWUSER 0x10000000
#endif

static long raw_clone(unsigned long flags) {
	/* A fork-like clone: the child exits at once. */
	long pid = syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
	if (pid == 0) _exit(0);
	if (pid > 0) waitpid((pid_t)pid, NULL, 0);
	return pid > 0 ? 0 : pid;
}

struct probe { const char *name; long (*call)(void); };

static long p_getpid(void) { return syscall(SYS_getpid) > 0 ? 0 : -1; }
/* PTRACE_ATTACH to pid -1: ESRCH without a filter. */
static long p_ptrace(void) { return syscall(SYS_ptrace, 16 /* PTRACE_ATTACH */, -1, 0, 0); }
/* KEYCTL_GET_KEYRING_ID of an invalid special id: EINVAL without a filter. */
static long p_keyctl(void) { return syscall(SYS_keyctl, 0, -100, 0, 0, 0); }
/* unshare(0) does nothing and succeeds without a filter. */
static long p_unshare(void) { return syscall(SYS_unshare, 0); }
/* setns on a closed descriptor: EBADF. */
static long p_setns(void) { return syscall(SYS_setns, 9999, 0); }
/* umount2 with an invalid flag: EINVAL, checked before anything else. */
static long p_umount2(void) { return syscall(SYS_umount2, "/", 0x80000000u); }
/* bpf with an invalid command: EINVAL (or EPERM when unprivileged bpf is off, so tests compare). */
static long p_bpf(void) { return syscall(SYS_bpf, -1, NULL, 0); }
static long p_clone(void) { return raw_clone(0); }
static long p_clone_newuser(void) { return raw_clone(CLONE_NEWUSER); }

static const struct probe probes[] = {
	{ "getpid", p_getpid },
	{ "ptrace", p_ptrace },
	{ "keyctl", p_keyctl },
	{ "unshare", p_unshare },
	{ "setns", p_setns },
	{ "umount2", p_umount2 },
	{ "bpf", p_bpf },
	{ "clone", p_clone },
	{ "clone_newuser", p_clone_newuser },
};

static void run(const struct probe *p) {
	errno = 0;
	long r = p->call();
	int e = errno;
	if (r < 0) printf("%s %ld %s\n", p->name, r, strerrorname_np(e) ? strerrorname_np(e) : "?");
	else printf("%s %ld OK\n", p->name, r);
	fflush(stdout);
}

int main(int argc, char **argv) {
	size_t n = sizeof probes / sizeof probes[0];
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
