// Name ↔ number look-ups over the generated per-ABI tables (scripts/gen-syscalls.ts writes them).

import type { AbiName } from '../arch.js';
import type { SyscallTable } from './types.js';
import x86_64 from './x86_64.js';
import x32 from './x32.js';
import i386 from './i386.js';
import aarch64 from './aarch64.js';
import arm from './arm.js';
import riscv64 from './riscv64.js';
import ppc64le from './ppc64le.js';
import s390x from './s390x.js';
import loongarch64 from './loongarch64.js';

export type { SyscallTable } from './types.js';

export const SYSCALL_TABLES: Readonly<Record<AbiName, SyscallTable>> = {
  x86_64, x32, i386, aarch64, arm, riscv64, ppc64le, s390x, loongarch64,
};

const byNumber = new Map<AbiName, Map<number, string>>();

export function syscallNumber(abi: AbiName, name: string): number | undefined {
  const t = SYSCALL_TABLES[abi].syscalls;
  return Object.prototype.hasOwnProperty.call(t, name) ? t[name] : undefined;
}

export function syscallName(abi: AbiName, nr: number): string | undefined {
  let m = byNumber.get(abi);
  if (!m) {
    m = new Map(Object.entries(SYSCALL_TABLES[abi].syscalls).map(([n, v]) => [v, n]));
    byNumber.set(abi, m);
  }
  return m.get(nr >>> 0);
}

let allNames: ReadonlySet<string> | undefined;
/** Every syscall name some ABI knows. */
export function knownSyscallNames(): ReadonlySet<string> {
  allNames ??= new Set(Object.values(SYSCALL_TABLES).flatMap((t) => Object.keys(t.syscalls)));
  return allNames;
}

/** The kernel release the tables were generated from. */
export const KERNEL_TABLE_VERSION: string = x86_64.kernel;
