// The kernel's seccomp action cache (Linux 5.11+, kernel/seccomp.c): when a filter is attached, the
// kernel emulates it once per syscall number of the native and the compat arch with only `nr` and
// `arch` known (seccomp_is_const_allow). A syscall whose every path is decided by those two alone and
// ends in exactly SECCOMP_RET_ALLOW goes into a bitmap, and from then on skips the filter entirely.
//
// This is a port of that emulation, instruction for instruction: it follows LD|W|ABS of nr or arch,
// JEQ/JGE/JGT/JSET against a constant, AND with a constant, JA and RET K; anything else (an argument
// or instruction_pointer load, any X operand, any other ALU op, RET A, scratch memory...) ends the
// analysis with "not cacheable". Note what the kernel does with the bitmap (not modelled here):
//   - only numbers 0 .. NR_syscalls-1 of SECCOMP_ARCH_NATIVE and SECCOMP_ARCH_COMPAT have a bit, so x32
//     numbers (bit 30 set) are never cached, nor are arches other than those two;
//   - with several filters stacked, a syscall is cached only if every filter const-allows it.

import { AUDIT_ARCH } from '../arch.js';
import { type Insn } from './insn.js';
import * as op from './opcodes.js';

export interface ConstAllowOptions {
  /**
   * Model the hard-wired exception of newer kernels (6.14+, backported to 6.12.y stable): on x86_64,
   * the native `uretprobe` (335) and `uprobe` (336) syscalls are const-allowed whatever the filter
   * says, so no seccomp filter can block them there. Off by default: the analysis of the program itself.
   */
  uprobeException?: boolean;
}

const X86_64_UPROBE_SYSCALLS: ReadonlySet<number> = new Set([335 /* uretprobe */, 336 /* uprobe */]);

const LD_W_ABS = op.BPF_LD | op.BPF_W | op.BPF_ABS;
const RET_K = op.BPF_RET | op.BPF_K;
const JA = op.BPF_JMP | op.BPF_JA;
const JEQ_K = op.BPF_JMP | op.BPF_JEQ | op.BPF_K;
const JGE_K = op.BPF_JMP | op.BPF_JGE | op.BPF_K;
const JGT_K = op.BPF_JMP | op.BPF_JGT | op.BPF_K;
const JSET_K = op.BPF_JMP | op.BPF_JSET | op.BPF_K;
const AND_K = op.BPF_ALU | op.BPF_AND | op.BPF_K;

/**
 * Whether the kernel's action cache treats syscall `nr` under `auditArch` as always allowed by this
 * filter (seccomp_is_const_allow). Meant for a checked program; on any other it never throws but the
 * answer means little (running off the end gives false, as in the kernel).
 */
export function isConstAllow(insns: readonly Insn[], nr: number, auditArch: number, opts: ConstAllowOptions = {}): boolean {
  const sdNr = nr >>> 0;
  const sdArch = auditArch >>> 0;
  if (opts.uprobeException && sdArch === AUDIT_ARCH.X86_64 && X86_64_UPROBE_SYSCALLS.has(sdNr)) return true;

  let reg = 0;
  for (let pc = 0; pc < insns.length; pc++) {
    const { code, jt, jf } = insns[pc];
    const k = insns[pc].k >>> 0;
    switch (code) {
      case LD_W_ABS:
        if (k === op.OFFSET_NR) reg = sdNr;
        else if (k === op.OFFSET_ARCH) reg = sdArch;
        else return false; // not a constant: an argument or the instruction pointer
        break;
      case RET_K:
        return k === op.SECCOMP_RET_ALLOW; // exactly ALLOW: ALLOW with data bits set does not count
      case JA:
        pc += k;
        break;
      case JEQ_K:
        pc += reg === k ? jt : jf;
        break;
      case JGE_K:
        pc += reg >= k ? jt : jf;
        break;
      case JGT_K:
        pc += reg > k ? jt : jf;
        break;
      case JSET_K:
        pc += (reg & k) !== 0 ? jt : jf;
        break;
      case AND_K:
        reg = (reg & k) >>> 0;
        break;
      default:
        return false;
    }
  }
  return false; // ran off the end of the filter
}

/** The numbers among `numbers` that the kernel's action cache would always allow under `auditArch`. */
export function constAllowedSyscalls(
  insns: readonly Insn[],
  auditArch: number,
  numbers: Iterable<number>,
  opts: ConstAllowOptions = {},
): Set<number> {
  const out = new Set<number>();
  for (const nr of numbers) if (isConstAllow(insns, nr, auditArch, opts)) out.add(nr);
  return out;
}
