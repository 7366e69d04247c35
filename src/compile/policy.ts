// The compiler's input, and its meaning: what the kernel should do with any syscall.
// Property tests compare the emulated program against `policyAction`, so this file is the spec.

import { ABIS, type AbiName } from '../arch.js';
import type { Action } from '../bpf/action.js';

export type CompareOp = 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'masked-eq';

/** One test of one syscall argument, on unsigned values. */
export interface Condition {
  /** Argument index 0..5, in the x86_64 order of the syscall's arguments (see AbiDescriptor.cloneFlagsArg). */
  arg: number;
  op: CompareOp;
  /** Compared against the argument; for masked-eq, against (argument & mask). */
  value: bigint;
  /** For masked-eq only. */
  mask?: bigint;
  /**
   * 32 for an argument the kernel reads as int or unsigned int (ioctl's request, socket's family):
   * only its low word is judged, since libc may leave garbage in the high word (CVE-2019-10063).
   * 64 (the default) judges both words.
   */
  width?: 32 | 64;
}

/** Conditions that must all hold for the action to apply. */
export interface ConditionalRule {
  when: Condition[];
  action: Action;
}

/** One action whatever the arguments, or rules tried in order with a fallback. */
export type SyscallRule =
  | { action: Action }
  | { rules: ConditionalRule[]; otherwise: Action };

export interface Policy {
  defaultAction: Action;
  /** By syscall name; names an ABI lacks are skipped for that ABI. */
  syscalls: ReadonlyMap<string, SyscallRule>;
}

export const MASK64 = (1n << 64n) - 1n;
export const MASK32 = 0xffffffffn;

/**
 * The argument value a condition is judged on: the low word only for an int-width argument or a
 * 32-bit ABI (whose registers have no high word), the whole 64 bits otherwise.
 */
export function judgedValue(abi: AbiName, cond: Condition, raw: bigint): bigint {
  const v = raw & MASK64;
  return ABIS[abi].bits === 32 || cond.width === 32 ? v & MASK32 : v;
}

/** Which seccomp_data argument a policy argument index reads on an ABI. */
export function argIndexOn(abi: AbiName, syscall: string, arg: number): number {
  if (syscall === 'clone' && ABIS[abi].cloneFlagsArg === 1 && (arg === 0 || arg === 1)) return 1 - arg;
  return arg;
}

export function conditionHolds(cond: Condition, value: bigint): boolean {
  switch (cond.op) {
    case 'eq': return value === cond.value;
    case 'ne': return value !== cond.value;
    case 'lt': return value < cond.value;
    case 'le': return value <= cond.value;
    case 'gt': return value > cond.value;
    case 'ge': return value >= cond.value;
    case 'masked-eq': return (value & (cond.mask ?? MASK64)) === cond.value;
  }
}

/** What the policy means for a syscall `name` made through `abi` with raw 64-bit `args` (as in seccomp_data). */
export function policyAction(policy: Policy, abi: AbiName, name: string | undefined, args: readonly bigint[]): Action {
  const rule = name === undefined ? undefined : policy.syscalls.get(name);
  if (!rule) return policy.defaultAction;
  if ('action' in rule) return rule.action;
  for (const r of rule.rules) {
    const holds = r.when.every((c) => conditionHolds(c, judgedValue(abi, c, args[argIndexOn(abi, name!, c.arg)] ?? 0n)));
    if (holds) return r.action;
  }
  return rule.otherwise;
}
