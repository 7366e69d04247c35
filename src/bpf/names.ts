// Names for the constants of a disassembly: audit arch values and syscall numbers, and back.
// A syscall number is named by the ABI its audit arch selects. x86_64 and x32 share one audit arch:
// a plain name there means the x86_64 syscall, and an x32 number (bit 30 set) is written `x32:name`.

import { ABI_NAMES, ABIS, AUDIT_ARCH, X32_SYSCALL_BIT, auditArchName, isAbiName, type AbiName } from '../arch.js';
import { syscallName, syscallNumber } from '../syscalls/index.js';

/** The ABI a plain syscall name refers to under an audit arch (x86_64 for AUDIT_ARCH_X86_64). */
export function plainAbi(auditArch: number): AbiName | undefined {
  const a = auditArch >>> 0;
  if (a === AUDIT_ARCH.X86_64) return 'x86_64';
  return ABI_NAMES.find((n) => ABIS[n].auditArch === a);
}

/** The ABI a syscall number belongs to under an audit arch. */
export function abiOfNumber(auditArch: number, nr: number): AbiName | undefined {
  if (auditArch >>> 0 === AUDIT_ARCH.X86_64) return (nr & X32_SYSCALL_BIT) !== 0 ? 'x32' : 'x86_64';
  return plainAbi(auditArch);
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Words the assembler reads as something other than a syscall name. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'A', 'X', 'nr', 'arch', 'len', 'mem', 'data', 'args', 'instruction_pointer', 'goto', 'if', 'else', 'return',
]);

/**
 * How to print syscall number `nr` compared under audit arch `auditArch`: `openat`, `x32:read`, or
 * undefined when no table names it (print the number then).
 */
export function syscallLabel(auditArch: number, nr: number): string | undefined {
  const abi = abiOfNumber(auditArch, nr);
  if (!abi) return undefined;
  const name = syscallName(abi, nr);
  if (!name || !IDENT.test(name) || RESERVED_WORDS.has(name) || name.startsWith('ARCH_')) return undefined;
  const text = abi === plainAbi(auditArch) ? name : `${abi}:${name}`;
  // Only print what reads back to the same number.
  return resolvePlainSyscall(auditArch, text) === nr >>> 0 || resolveQualifiedSyscall(text) === nr >>> 0 ? text : undefined;
}

/** `abi:name` → number; undefined if the ABI or the name is unknown or the text is not qualified. */
export function resolveQualifiedSyscall(text: string): number | undefined {
  const m = /^([A-Za-z0-9_]+):([A-Za-z_][A-Za-z0-9_]*)$/.exec(text);
  if (!m || !isAbiName(m[1])) return undefined;
  return syscallNumber(m[1], m[2]);
}

/** A plain syscall name under an audit arch → number. */
export function resolvePlainSyscall(auditArch: number, name: string): number | undefined {
  const abi = plainAbi(auditArch);
  return abi ? syscallNumber(abi, name) : undefined;
}

/** `ARCH_X86_64` for AUDIT_ARCH_X86_64 and so on. */
export function archLabel(value: number): string | undefined {
  return auditArchName(value);
}

/** `ARCH_X86_64` → AUDIT_ARCH_X86_64. */
export function resolveArchName(name: string): number | undefined {
  if (!name.startsWith('ARCH_')) return undefined;
  const key = name.slice(5);
  return Object.prototype.hasOwnProperty.call(AUDIT_ARCH, key) ? AUDIT_ARCH[key as keyof typeof AUDIT_ARCH] : undefined;
}
