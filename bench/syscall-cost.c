/*
 * Syscall cost probe for bench/syscall-cost.ts: times syscalls inside whatever sandbox (and seccomp
 * filter) it is started in.
 *
 *   syscall-cost [--cpu N] OP ITERATIONS [OP ITERATIONS]...
 *
 * --cpu N pins the probe (and so the children it forks) to CPU N first: on a small shared machine a
 * process and its children that stay on one CPU give much steadier fork and clone timings.
 *
 * For each pair, in order: a warm-up of ITERATIONS/10 calls (at least one), then ITERATIONS calls
 * timed with clock_gettime(CLOCK_MONOTONIC) (the vDSO: no syscall of its own). One line per pair:
 *
 *   OP NS_PER_OP RESULT
 *
 * RESULT is what the last call returned: OK, or the errno's name (ioctl on /dev/null gives ENOTTY;
 * ptrace gives ESRCH without a filter and the filter's EPERM under one).
 *
 * Operations:
 *   getppid  raw syscall(SYS_getppid): allowed and unconditioned in every preset
 *   ioctl    ioctl(/dev/null, FIONREAD): ioctl has conditions in every preset, so the filter runs
 *   fork     fork() (glibc: clone without CLONE_NEWUSER) and waitpid; the child _exit(0)s
 *   clone    raw syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0) and waitpid
 *   ptrace   ptrace(PTRACE_ATTACH, -1): blocked by every preset
 * Exit status 2: bad usage; 3: an operation failed in a way that makes its timing meaningless.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int devnull = -1;

/* Each operation returns 0 or an errno value. */

static int op_getppid(void) {
  long r = syscall(SYS_getppid);
  return r < 0 ? errno : 0;
}

static int op_ioctl(void) {
  int n = 0;
  return ioctl(devnull, FIONREAD, &n) < 0 ? errno : 0;
}

static int reap(pid_t pid) {
  int status;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      perror("waitpid");
      exit(3);
    }
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fprintf(stderr, "child %d did not exit with 0 (status %#x)\n", (int)pid, status);
    exit(3);
  }
  return 0;
}

static int op_fork(void) {
  pid_t pid = fork();
  if (pid == 0) _exit(0);
  if (pid < 0) {
    perror("fork");
    exit(3);
  }
  return reap(pid);
}

static int op_clone(void) {
  /* No new stack: like fork, the child runs on a copy-on-write copy of this one. */
  long pid = syscall(SYS_clone, (unsigned long)SIGCHLD, 0UL, 0UL, 0UL, 0UL);
  if (pid == 0) syscall(SYS_exit_group, 0);
  if (pid < 0) {
    perror("clone");
    exit(3);
  }
  return reap((pid_t)pid);
}

static int op_ptrace(void) {
  return syscall(SYS_ptrace, (long)PTRACE_ATTACH, -1L, 0L, 0L) < 0 ? errno : 0;
}

static const struct {
  const char *name;
  int (*run)(void);
} OPS[] = {
  {"getppid", op_getppid},
  {"ioctl", op_ioctl},
  {"fork", op_fork},
  {"clone", op_clone},
  {"ptrace", op_ptrace},
};

static double now_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void usage(void) {
  fprintf(stderr, "usage: syscall-cost [--cpu N] OP ITERATIONS [OP ITERATIONS]...\nOP: getppid ioctl fork clone ptrace\n");
  exit(2);
}

int main(int argc, char **argv) {
  int first = 1;
  if (argc > 2 && strcmp(argv[1], "--cpu") == 0) {
    char *end;
    long cpu = strtol(argv[2], &end, 10);
    if (*end || cpu < 0 || cpu >= CPU_SETSIZE) usage();
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET((int)cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) < 0) {
      perror("sched_setaffinity");
      return 3;
    }
    first = 3;
  }
  if (argc - first < 2 || (argc - first) % 2 != 0) usage();
  devnull = open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (devnull < 0) {
    perror("/dev/null");
    return 3;
  }
  for (int a = first; a < argc; a += 2) {
    int (*run)(void) = NULL;
    for (size_t i = 0; i < sizeof OPS / sizeof OPS[0]; i++)
      if (strcmp(argv[a], OPS[i].name) == 0) run = OPS[i].run;
    char *end;
    long n = strtol(argv[a + 1], &end, 10);
    if (!run || *end || n < 1) usage();

    long warm = n / 10 > 0 ? n / 10 : 1;
    int err = 0;
    for (long i = 0; i < warm; i++) err = run();
    double t0 = now_ns();
    for (long i = 0; i < n; i++) err = run();
    double t1 = now_ns();
    printf("%s %.2f %s\n", argv[a], (t1 - t0) / (double)n, err ? strerrorname_np(err) : "OK");
    fflush(stdout);
  }
  return 0;
}
