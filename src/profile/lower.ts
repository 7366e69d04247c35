// ResolvedProfile → Policy for one arch: constants take that arch's values, and each argument's
// width comes from the syscall's own prototype unless the condition says :32 or :64.

import type { ArchName } from '../arch.js';
import type { Condition, Policy, SyscallRule } from '../compile/policy.js';
import type { ConditionExpr, ValueExpr } from './condition-syntax.js';
import { constantValue } from './constants.js';
import { ProfileError } from './errors.js';
import type { Origin, ResolvedProfile } from './resolve.js';

/**
 * Arguments the kernel declares as int or unsigned int, so only their low word counts (libc may leave
 * the high word dirty: CVE-2019-10063 was a TIOCSTI filter that compared all 64 bits).
 */
const INT_ARGS: Readonly<Record<string, readonly number[]>> = {
  ioctl: [0, 1],
  socket: [0, 1, 2],
  socketpair: [0, 1, 2],
  personality: [0],
  prctl: [0],
  fcntl: [0, 1],
  setns: [0, 1],
  kill: [0, 1],
  tgkill: [0, 1, 2],
  bpf: [0, 2],
  keyctl: [0],
  open: [1],
  openat: [0, 2],
  setsockopt: [0, 1, 2],
  getsockopt: [0, 1, 2],
};

export function argumentWidth(syscall: string, arg: number): 32 | 64 {
  return INT_ARGS[syscall]?.includes(arg) ? 32 : 64;
}

export function profileToPolicy(profile: ResolvedProfile, arch: ArchName): Policy {
  const syscalls = new Map<string, SyscallRule>();
  for (const [name, entry] of profile.syscalls) {
    const otherwise = entry.otherwise?.action ?? profile.defaultAction;
    if (entry.rules.length === 0) {
      syscalls.set(name, { action: otherwise });
      continue;
    }
    syscalls.set(name, {
      rules: entry.rules.map((r) => ({ when: r.when.map((c) => lowerCondition(c, name, arch, r.origin)), action: r.action })),
      otherwise,
    });
  }
  return { defaultAction: profile.defaultAction, syscalls };
}

function lowerCondition(c: ConditionExpr, syscall: string, arch: ArchName, origin: Origin): Condition {
  const width = c.width ?? argumentWidth(syscall, c.arg);
  const value = resolveValue(c.value, arch, origin, c.text);
  const cond: Condition = { arg: c.arg, op: c.op, value, width };
  if (c.mask) cond.mask = resolveValue(c.mask, arch, origin, c.text);
  const limit = width === 32 ? 0xffffffffn : (1n << 64n) - 1n;
  for (const [what, v] of [['value', cond.value], ['mask', cond.mask]] as const) {
    if (v !== undefined && v > limit) {
      throw new ProfileError(origin.file, origin.line, `"${c.text}" for ${syscall}: the ${what} 0x${v.toString(16)} does not fit a ${width}-bit argument`);
    }
  }
  return cond;
}

function resolveValue(expr: ValueExpr, arch: ArchName, origin: Origin, text: string): bigint {
  let v = 0n;
  for (const term of expr) {
    if (typeof term === 'bigint') v |= term;
    else {
      const c = constantValue(term, arch);
      if (c === undefined) throw new ProfileError(origin.file, origin.line, `"${text}": ${term} has no value on ${arch}`);
      v |= c;
    }
  }
  return v;
}
