// The SandboxError a call throws (the test fails if it throws nothing, or something else).
import { expect } from 'vitest';
import { SandboxError } from '../../src/runtime/errors.js';

export function failure(f: () => unknown): SandboxError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(SandboxError);
    return e as SandboxError;
  }
  throw new Error('expected a SandboxError');
}

export async function asyncFailure(p: Promise<unknown> | (() => unknown)): Promise<SandboxError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(SandboxError);
    return e as SandboxError;
  }
  throw new Error('expected a SandboxError');
}
