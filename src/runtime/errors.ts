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

// The shipped CLI is a bundle (build/sandbox.cjs) with its own copy of this class, and it imports the
// rest of the package (config, profiles, the .bpf checker) from build/src on demand; a program may also
// end up with two copies of the package. So `instanceof SandboxError` goes by a registered symbol, not
// by the prototype chain: every copy recognises every other copy's errors.
const BRAND = Symbol.for('sandbox-seccomp.SandboxError');

export class SandboxError extends Error {
  override name = 'SandboxError';
  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    /** A suggestion printed on its own line after the message. */
    readonly hint?: string,
  ) {
    super(message);
    Object.defineProperty(this, BRAND, { value: true });
  }

  static override [Symbol.hasInstance](value: unknown): boolean {
    // Subclasses (the CLI's UsageError) keep the ordinary prototype check.
    if (this !== SandboxError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as { [BRAND]?: boolean })[BRAND] === true;
  }
}

export function isSandboxError(e: unknown): e is SandboxError {
  return e instanceof SandboxError;
}
