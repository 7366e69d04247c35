import type { AbiName } from '../arch.js';

/** One ABI's syscall numbers, as generated from the kernel's own .tbl files. */
export interface SyscallTable {
  abi: AbiName;
  /** Kernel release the table was read from, e.g. "6.18". */
  kernel: string;
  /** The .tbl file(s) and their sha256, for provenance. */
  sources: readonly { file: string; sha256: string }[];
  /** The ABI tags selected from the .tbl and the offset added to each number. */
  tags: readonly string[];
  offset: number;
  /** name → number, including the offset (x32 numbers carry bit 30). */
  syscalls: Readonly<Record<string, number>>;
  /** Names the kernel defines but does not implement for this ABI (calling them gives ENOSYS). */
  notImplemented: readonly string[];
}
