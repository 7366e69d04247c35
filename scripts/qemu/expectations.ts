// What each probe of test/qemu/probe.c must give on a real kernel: without a filter (the natural
// result, which the arguments make differ from the filters' errno) and under each shipped preset
// (what profiles/minimal.toml and strict.toml say). Independently of these tables, every filtered
// result is also compared with what the emulator says the shipped .bpf returns for that exact call.

/** Natural results as root in the test VM: invalid pids, fds, flags and commands the kernel checks first. */
export const NATURAL: Readonly<Record<string, string>> = {
  getpid: 'OK',
  ptrace: 'ESRCH', // PTRACE_ATTACH to pid -1
  keyctl: 'EINVAL', // KEYCTL_GET_KEYRING_ID of special id -100
  unshare: 'OK', // unshare(0)
  setns: 'EBADF', // fd 9999
  umount2: 'EINVAL', // flag 0x80000000
  clone: 'OK', // a fork; the child exits at once
  clone_newuser: 'OK', // root may create a user namespace
  clone3: 'EINVAL', // NULL, size 0
  open_tree: 'EINVAL', // invalid flags
  fsopen: 'EINVAL', // invalid flags
  bpf: 'EINVAL', // invalid command
  perf_event_open: 'EFAULT', // NULL attr
  userfaultfd: 'EINVAL', // invalid flags
  ioctl_uffd: 'EBADF', // USERFAULTFD_IOC_NEW on fd -1
  ioctl_uffd_hi: 'EBADF', // the same with garbage in the request's high word
  ioctl_tiocsti: 'EBADF', // TIOCSTI on fd -1
  io_uring_setup: 'EFAULT', // NULL params
  reboot: 'EINVAL', // no magic numbers
};

/** Probes that only 64-bit registers can carry (a garbage high word). */
export const WIDE_ONLY: ReadonlySet<string> = new Set(['ioctl_uffd_hi']);

type Expect = string | 'natural';

const MINIMAL: Readonly<Record<string, Expect>> = {
  getpid: 'natural',
  ptrace: 'EPERM',
  keyctl: 'EPERM',
  unshare: 'EPERM',
  setns: 'EPERM',
  umount2: 'EPERM',
  clone: 'natural',
  clone_newuser: 'EPERM',
  clone3: 'ENOSYS',
  open_tree: 'ENOSYS',
  fsopen: 'ENOSYS',
  bpf: 'EPERM',
  perf_event_open: 'EPERM',
  userfaultfd: 'EPERM',
  ioctl_uffd: 'EPERM',
  ioctl_uffd_hi: 'EPERM', // judged on the low 32 bits, as the kernel reads the request
  ioctl_tiocsti: 'natural',
  io_uring_setup: 'natural',
  reboot: 'EPERM',
};

/** Per preset, per probe: the errno the filter must give, or 'natural' (allowed). */
export const PRESET_EXPECT: Readonly<Record<string, Readonly<Record<string, Expect>>>> = {
  minimal: MINIMAL,
  strict: { ...MINIMAL, ioctl_tiocsti: 'EPERM', io_uring_setup: 'ENOSYS' },
};
