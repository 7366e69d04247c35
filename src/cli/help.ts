// Help texts, one per command. Loaded only for --help and usage errors.

export const MAIN_HELP = `sandbox: run a command in a bubblewrap sandbox, optionally under a seccomp filter

Usage:
  sandbox [OPTIONS] -- CMD [ARGS...]
  sandbox COMMAND [OPTIONS]

Options (for running a command):
  --seccomp SETTING   minimal | strict | PRESET | FILE.bpf | FILE.toml | off
                      (default: the config file's setting; with none, no filter: it is opt-in)
  --config FILE       read this config file instead of ./sandbox.toml or
                      $XDG_CONFIG_HOME/sandbox/config.toml
  --no-config         read no config file
  --network           share the host's network (the default)
  --no-network        a private network namespace with loopback only
  --bind DIR          make DIR writable inside too (repeatable)
  -h, --help          this help
  -V, --version       the version

The sandbox: the root file system read-only, the current directory writable, private /tmp, /dev
and /proc, new user, pid, ipc, uts and cgroup namespaces, killed with its parent, the working
directory and environment kept, stdin/stdout/stderr and the terminal shared. The exit status is
the command's (128+N if it died of signal N); SIGINT, SIGTERM, SIGHUP and SIGQUIT reach it.

Commands:
  build PROFILE.toml [--arch A] -o OUT.bpf   compile a profile to a filter
  disasm FILE.bpf|PRESET [--arch A]          print a filter as readable text
  explain [PRESET|PROFILE.toml]              what a preset blocks, why, and what it breaks
  check [--seccomp SETTING]                  probe the filter from inside a sandbox
  list                                       presets and architectures
  help [COMMAND]                             help for a command

Examples:
  sandbox --seccomp minimal -- make -j8
  sandbox --seccomp strict --no-network -- python3 untrusted.py
  sandbox --seccomp ./my-profile.toml --bind ~/.cache -- npm test
  sandbox explain minimal
  sandbox check --seccomp strict

Exit status: the command's; 125 when sandbox itself fails (bad option, config or filter, bwrap
missing or unable to build the sandbox), 126 when the command cannot be executed, 127 when it is
not found, 2 for a usage error.
`;

export const COMMAND_HELP: Record<string, string> = {
  build: `sandbox build: compile a TOML profile into a seccomp filter (struct sock_filter[]) for bwrap

Usage:
  sandbox build PROFILE.toml [--arch ARCH] -o OUT.bpf [--asm OUT.asm]

Options:
  --arch ARCH       the target: x86_64, aarch64, arm, i386, riscv64, ppc64le, s390x, loongarch64
                    (default: this machine's)
  -o, --output OUT  where to write the filter ("-" for stdout)
  --asm FILE        also write the disassembly

Examples:
  sandbox build my-profile.toml -o my-profile.bpf
  sandbox build my-profile.toml --arch aarch64 -o arm64.bpf --asm arm64.asm
  sandbox --seccomp ./my-profile.bpf -- make
`,
  disasm: `sandbox disasm: print a seccomp filter as readable text

Usage:
  sandbox disasm FILE.bpf|PRESET [--arch ARCH]

Options:
  --arch ARCH   the arch the filter is for: its byte order and syscall names (default: this machine's)

The filter is also checked as the kernel would; the exit status is 1 if it would not load.

Examples:
  sandbox disasm minimal
  sandbox disasm my-profile.bpf --arch aarch64
`,
  explain: `sandbox explain: each syscall a preset or profile blocks, why, and what it breaks

Usage:
  sandbox explain [PRESET|PROFILE.toml]     (default: minimal)

Examples:
  sandbox explain
  sandbox explain strict
  sandbox explain ./my-profile.toml
`,
  check: `sandbox check: run probes inside a sandbox and show what the filter does

Usage:
  sandbox check [--seccomp SETTING] [--config FILE | --no-config]

Shows whether a filter is active (the Seccomp line of /proc/self/status inside the sandbox), then
calls each syscall the filter blocks on this machine's native ABI with harmless arguments (through
python3's ctypes, when python3 is installed) and prints the errno it returned next to the one the
filter should return; then runs strace, unshare and perf, where installed. The setting comes from
--seccomp, else the config file, else the minimal preset. Exit status 1 if anything differs.

Examples:
  sandbox check
  sandbox check --seccomp strict
  sandbox check --seccomp ./my-profile.bpf
`,
  list: `sandbox list: the presets and architectures this package ships filters for

Usage:
  sandbox list
`,
  help: `sandbox help: help for a command

Usage:
  sandbox help [COMMAND]
`,
};
