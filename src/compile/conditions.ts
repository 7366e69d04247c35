// Argument conditions → BPF. A 64-bit argument is two 32-bit words that classic BPF loads one at a
// time; which word sits at the lower offset depends on the byte order.

import { ABIS, type AbiName, type Endian } from '../arch.js';
import * as op from '../bpf/opcodes.js';
import type { Label, ProgramBuilder } from './builder.js';
import { MASK32, MASK64, type Condition } from './policy.js';

const LD_ABS = op.BPF_LD | op.BPF_W | op.BPF_ABS;
const JEQ = op.BPF_JMP | op.BPF_JEQ | op.BPF_K;
const JGT = op.BPF_JMP | op.BPF_JGT | op.BPF_K;
const JGE = op.BPF_JMP | op.BPF_JGE | op.BPF_K;
const JSET = op.BPF_JMP | op.BPF_JSET | op.BPF_K;
const AND = op.BPF_ALU | op.BPF_AND | op.BPF_K;

export function wordOffsets(arg: number, endian: Endian): { lo: number; hi: number } {
  const base = op.offsetOfArg(arg);
  return endian === 'little' ? { lo: base, hi: base + 4 } : { hi: base, lo: base + 4 };
}

/** A condition after taking the ABI and argument width into account, ready to emit. */
export type LoweredCondition =
  | { kind: 'const'; holds: boolean }
  | { kind: 'test'; arg: number; cond: Condition; onlyLowWord: boolean };

/**
 * Decides what can be decided without looking at the argument: on a 32-bit ABI or for an int-width
 * argument the high word is never judged (it is zero as far as the condition is concerned).
 */
export function lowerCondition(abi: AbiName, arg: number, cond: Condition): LoweredCondition {
  const onlyLowWord = ABIS[abi].bits === 32 || cond.width === 32;
  const v = cond.value & MASK64;
  if (onlyLowWord) {
    if (cond.op === 'masked-eq') {
      const m = (cond.mask ?? MASK64) & MASK32;
      if ((v & ~m & MASK64) !== 0n) return { kind: 'const', holds: false };
      if (m === 0n) return { kind: 'const', holds: true };
    } else if (v > MASK32) {
      // The judged value is below 2^32, so it is below v.
      const below = cond.op === 'ne' || cond.op === 'lt' || cond.op === 'le';
      return { kind: 'const', holds: below };
    }
  } else if (cond.op === 'masked-eq') {
    const m = (cond.mask ?? MASK64) & MASK64;
    if ((v & ~m & MASK64) !== 0n) return { kind: 'const', holds: false };
    if (m === 0n) return { kind: 'const', holds: true };
  }
  return { kind: 'test', arg, cond, onlyLowWord };
}

/** Emits code that goes to `yes` when the condition holds and to `no` when it does not. */
export function emitCondition(b: ProgramBuilder, c: Extract<LoweredCondition, { kind: 'test' }>, endian: Endian, yes: Label, no: Label): void {
  const { lo, hi } = wordOffsets(c.arg, endian);
  const v = c.cond.value & MASK64;
  const vlo = Number(v & MASK32);
  const vhi = Number(v >> 32n);

  if (c.cond.op === 'masked-eq') {
    const m = (c.cond.mask ?? MASK64) & MASK64;
    const mlo = Number(m & MASK32);
    const mhi = c.onlyLowWord ? 0 : Number(m >> 32n);
    // lowerCondition guarantees value ⊆ mask, so a zero mask word is a word that always matches.
    const loLabel = mlo === 0 ? yes : b.newLabel();
    if (mhi !== 0) maskedWordEquals(b, hi, mhi, vhi, loLabel, no);
    if (mlo !== 0) {
      if (mhi !== 0) b.place(loLabel);
      maskedWordEquals(b, lo, mlo, vlo, yes, no);
    }
    return;
  }

  // Ordered comparisons: lt and le are the negations of ge and gt.
  const negate = c.cond.op === 'ne' || c.cond.op === 'lt' || c.cond.op === 'le';
  const t = negate ? no : yes;
  const f = negate ? yes : no;
  const kind = c.cond.op === 'eq' || c.cond.op === 'ne' ? 'eq' : c.cond.op === 'gt' || c.cond.op === 'le' ? 'gt' : 'ge';
  const lowJump = kind === 'eq' ? JEQ : kind === 'gt' ? JGT : JGE;

  if (c.onlyLowWord) {
    b.emit(LD_ABS, lo);
    b.branch(lowJump, vlo, t, f);
    return;
  }
  const lowWord = b.newLabel();
  b.emit(LD_ABS, hi);
  if (kind === 'eq') {
    b.branch(JEQ, vhi, lowWord, f);
  } else {
    // Unsigned 64-bit order: the high words decide unless they are equal.
    const sameHigh = b.newLabel();
    b.branch(JGT, vhi, t, sameHigh);
    b.place(sameHigh);
    b.branch(JEQ, vhi, lowWord, f);
  }
  b.place(lowWord);
  b.emit(LD_ABS, lo);
  b.branch(lowJump, vlo, t, f);
}

function maskedWordEquals(b: ProgramBuilder, offset: number, mask: number, value: number, yes: Label, no: Label): void {
  b.emit(LD_ABS, offset);
  if (mask === value && isPowerOfTwo(mask)) {
    // One bit that must be set: JSET tests it without clobbering A.
    b.branch(JSET, mask, yes, no);
    return;
  }
  if (mask !== 0xffffffff) b.emit(AND, mask);
  b.branch(JEQ, value, yes, no);
}

const isPowerOfTwo = (x: number) => x !== 0 && ((x >>> 0) & ((x >>> 0) - 1)) === 0;
