// The one error type the runtime and the CLI throw for anything the user can fix: each carries a code
// (for programs) and a message that says what is wrong and, where there is one, what to do about it.

export type SandboxErrorCode =
  /** Not Linux, or a CPU architecture no filter is shipped for. */
  | 'unsupported-platform'
  | 'unsupported-arch'
  /** A seccomp setting that is none of true, false, "off", a preset, a .bpf or a .toml path. */
  | 'bad-setting'
  | 'no-such-preset'
  | 'filter-not-found'
  /** A .bpf file the kernel would refuse (or that is for another arch). */
  | 'invalid-filter'
  /** A .toml profile with a problem (the message has file:line). */
  | 'profile-error'
  | 'config-error'
  | 'bwrap-missing'
  | 'command-not-found'
  /** The command exists but cannot be executed (a directory, no x bit). */
  | 'command-not-executable'
  /** bwrap could not create the sandbox (user namespaces, seccomp, mounts). */
  | 'bwrap-failed'
  | 'usage';

export class SandboxError extends Error {
  override name = 'SandboxError';
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    /** A suggestion printed on its own line after the message. */
    readonly hint?: string,
  ) {
    super(message);
  }
}

export function isSandboxError(e: unknown): e is SandboxError {
  return e instanceof SandboxError;
}
