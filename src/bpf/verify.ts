// What the kernel refuses to load as a seccomp filter. A port of the checks a filter passes through
// on its way in (seccomp_prepare_filter → bpf_prog_create_from_user → bpf_check_classic, whose last
// step is check_load_and_stores, then seccomp_check_filter as the "trans" hook). Every refusal there is
// -EINVAL with no detail; here each one says which instruction and why.

import { type Insn } from './insn.js';
import * as op from './opcodes.js';

export class BpfCheckError extends Error {
  /** The offending instruction, or undefined for a refusal of the whole program (empty, too long). */
  readonly index: number | undefined;
  readonly reason: string;

  constructor(index: number | undefined, reason: string) {
    super(index === undefined ? reason : `instruction ${index}: ${reason}`);
    this.name = 'BpfCheckError';
    this.index = index;
    this.reason = reason;
  }
}

const { BPF_LD, BPF_LDX, BPF_ST, BPF_STX, BPF_ALU, BPF_JMP, BPF_RET, BPF_MISC } = op;
const { BPF_W, BPF_H, BPF_B, BPF_IMM, BPF_ABS, BPF_IND, BPF_MEM, BPF_LEN, BPF_MSH, BPF_K, BPF_X, BPF_A } = op;

const ALU_OPS = [op.BPF_ADD, op.BPF_SUB, op.BPF_MUL, op.BPF_DIV, op.BPF_AND, op.BPF_OR, op.BPF_XOR, op.BPF_LSH, op.BPF_RSH];
const COND_JUMPS = [op.BPF_JEQ, op.BPF_JGT, op.BPF_JGE, op.BPF_JSET];

/**
 * The opcodes seccomp_check_filter (kernel/seccomp.c) lets through. LD|W|ABS, LD|W|LEN and
 * LDX|W|LEN are on it too (rewritten by the kernel); everything else is refused.
 */
export const SECCOMP_CODES: ReadonlySet<number> = new Set<number>([
  BPF_LD | BPF_W | BPF_ABS,
  BPF_LD | BPF_W | BPF_LEN,
  BPF_LDX | BPF_W | BPF_LEN,
  BPF_RET | BPF_K,
  BPF_RET | BPF_A,
  ...ALU_OPS.flatMap((o) => [BPF_ALU | o | BPF_K, BPF_ALU | o | BPF_X]),
  BPF_ALU | op.BPF_NEG,
  BPF_LD | BPF_IMM,
  BPF_LDX | BPF_IMM,
  BPF_MISC | op.BPF_TAX,
  BPF_MISC | op.BPF_TXA,
  BPF_LD | BPF_MEM,
  BPF_LDX | BPF_MEM,
  BPF_ST,
  BPF_STX,
  BPF_JMP | op.BPF_JA,
  ...COND_JUMPS.flatMap((o) => [BPF_JMP | o | BPF_K, BPF_JMP | o | BPF_X]),
]);

/**
 * The opcodes bpf_check_classic (net/core/filter.c, chk_code_allowed) knows: the seccomp set plus
 * MOD, the 16- and 8-bit and indirect packet loads, and LDX|B|MSH.
 */
export const CLASSIC_CODES: ReadonlySet<number> = new Set<number>([
  ...SECCOMP_CODES,
  BPF_ALU | op.BPF_MOD | BPF_K,
  BPF_ALU | op.BPF_MOD | BPF_X,
  BPF_LD | BPF_H | BPF_ABS,
  BPF_LD | BPF_B | BPF_ABS,
  BPF_LD | BPF_W | BPF_IND,
  BPF_LD | BPF_H | BPF_IND,
  BPF_LD | BPF_B | BPF_IND,
  BPF_LDX | BPF_B | BPF_MSH,
]);

export const isCondJump = (code: number): boolean =>
  code === (BPF_JMP | op.BPF_JEQ | BPF_K) || code === (BPF_JMP | op.BPF_JEQ | BPF_X) ||
  code === (BPF_JMP | op.BPF_JGT | BPF_K) || code === (BPF_JMP | op.BPF_JGT | BPF_X) ||
  code === (BPF_JMP | op.BPF_JGE | BPF_K) || code === (BPF_JMP | op.BPF_JGE | BPF_X) ||
  code === (BPF_JMP | op.BPF_JSET | BPF_K) || code === (BPF_JMP | op.BPF_JSET | BPF_X);

const hex = (n: number, width = 2) => `0x${(n >>> 0).toString(16).padStart(width, '0')}`;

/** A short mnemonic for an opcode, for error messages: "LD W ABS", "ALU MOD K", "JMP JSET X". */
export function opcodeName(code: number): string {
  const cls = ['LD', 'LDX', 'ST', 'STX', 'ALU', 'JMP', 'RET', 'MISC'][op.bpfClass(code)];
  const size = ({ [BPF_W]: 'W', [BPF_H]: 'H', [BPF_B]: 'B' } as Record<number, string>)[op.bpfSize(code)] ?? 'DW';
  const modes: Record<number, string> = { [BPF_IMM]: 'IMM', [BPF_ABS]: 'ABS', [BPF_IND]: 'IND', [BPF_MEM]: 'MEM', [BPF_LEN]: 'LEN', [BPF_MSH]: 'MSH' };
  const src = op.bpfSrc(code) ? 'X' : 'K';
  switch (op.bpfClass(code)) {
    case BPF_LD:
    case BPF_LDX:
      return `${cls} ${size} ${modes[op.bpfMode(code)] ?? hex(op.bpfMode(code))}`;
    case BPF_ALU: {
      const names: Record<number, string> = { 0x00: 'ADD', 0x10: 'SUB', 0x20: 'MUL', 0x30: 'DIV', 0x40: 'OR', 0x50: 'AND', 0x60: 'LSH', 0x70: 'RSH', 0x80: 'NEG', 0x90: 'MOD', 0xa0: 'XOR' };
      const o = names[op.bpfOp(code)] ?? hex(op.bpfOp(code));
      return o === 'NEG' ? 'ALU NEG' : `ALU ${o} ${src}`;
    }
    case BPF_JMP: {
      const names: Record<number, string> = { 0x00: 'JA', 0x10: 'JEQ', 0x20: 'JGT', 0x30: 'JGE', 0x40: 'JSET' };
      const o = names[op.bpfOp(code)] ?? hex(op.bpfOp(code));
      return o === 'JA' ? 'JMP JA' : `JMP ${o} ${src}`;
    }
    case BPF_RET:
      return (code & 0x18) === BPF_A ? 'RET A' : (code & 0x18) === BPF_K ? 'RET K' : 'RET X';
    case BPF_MISC:
      return (code & 0xf8) === op.BPF_TXA ? 'MISC TXA' : (code & 0xf8) === op.BPF_TAX ? 'MISC TAX' : `MISC ${hex(code & 0xf8)}`;
    default:
      return cls;
  }
}

function describeCode(code: number): string {
  return `opcode ${hex(code)} (${opcodeName(code)})`;
}

/** The first reason the kernel would refuse the program, or undefined if it loads. */
export function findProgramError(insns: readonly Insn[]): BpfCheckError | undefined {
  const flen = insns.length;
  // seccomp_prepare_filter / bpf_check_basics_ok
  if (flen === 0) return new BpfCheckError(undefined, 'program is empty');
  if (flen > op.BPF_MAXINSNS) {
    return new BpfCheckError(undefined, `program has ${flen} instructions, more than BPF_MAXINSNS (${op.BPF_MAXINSNS})`);
  }
  // Not a kernel check but a precondition of everything below: each field must fit struct sock_filter.
  for (let pc = 0; pc < flen; pc++) {
    const { code, jt, jf, k } = insns[pc];
    const bad = (name: string, v: number, max: number) =>
      !Number.isInteger(v) || v < 0 || v > max ? `${name} = ${String(v)} does not fit struct sock_filter (0..${max})` : undefined;
    const why = bad('code', code, 0xffff) ?? bad('jt', jt, 0xff) ?? bad('jf', jf, 0xff) ?? bad('k', k, 0xffffffff);
    if (why) return new BpfCheckError(pc, why);
  }

  // bpf_check_classic (net/core/filter.c)
  for (let pc = 0; pc < flen; pc++) {
    const { code, jt, jf, k } = insns[pc];
    if (!CLASSIC_CODES.has(code)) return new BpfCheckError(pc, `${describeCode(code)} is not a classic BPF instruction`);
    switch (code) {
      case BPF_ALU | op.BPF_DIV | BPF_K:
      case BPF_ALU | op.BPF_MOD | BPF_K:
        if (k === 0) return new BpfCheckError(pc, `${opcodeName(code)} by constant 0`);
        break;
      case BPF_ALU | op.BPF_LSH | BPF_K:
      case BPF_ALU | op.BPF_RSH | BPF_K:
        if (k >= 32) return new BpfCheckError(pc, `${opcodeName(code)} shift by ${k} (must be < 32)`);
        break;
      case BPF_LD | BPF_MEM:
      case BPF_LDX | BPF_MEM:
      case BPF_ST:
      case BPF_STX:
        if (k >= op.BPF_MEMWORDS) {
          return new BpfCheckError(pc, `${opcodeName(code)} scratch memory index ${k} (must be < ${op.BPF_MEMWORDS})`);
        }
        break;
      case BPF_JMP | op.BPF_JA:
        if (k >= flen - pc - 1) {
          return new BpfCheckError(pc, `JA +${k} lands on ${pc + 1 + k}, outside the program (${flen} instructions)`);
        }
        break;
      default:
        if (isCondJump(code)) {
          if (pc + jt + 1 >= flen) {
            return new BpfCheckError(pc, `${opcodeName(code)} true branch +${jt} lands on ${pc + 1 + jt}, outside the program (${flen} instructions)`);
          }
          if (pc + jf + 1 >= flen) {
            return new BpfCheckError(pc, `${opcodeName(code)} false branch +${jf} lands on ${pc + 1 + jf}, outside the program (${flen} instructions)`);
          }
        }
    }
  }
  const last = insns[flen - 1].code;
  if (last !== (BPF_RET | BPF_K) && last !== (BPF_RET | BPF_A)) {
    return new BpfCheckError(flen - 1, `last instruction is ${describeCode(last)}, not RET`);
  }

  // check_load_and_stores: a scratch cell must be written on every path before it is read. The kernel
  // walks the program in order with one "valid" mask; a jump ANDs it into its targets' masks and then
  // resets it to all-valid for the next instruction, which is then limited by its own mask. RET does
  // NOT reset it: the instruction after a RET inherits the RET's mask too (stricter than the real
  // paths, so a filter must not rely on a cell written only on the paths that jump over a RET).
  const masks = new Uint16Array(flen).fill(0xffff);
  let memvalid = 0;
  for (let pc = 0; pc < flen; pc++) {
    memvalid &= masks[pc];
    const { code, jt, jf, k } = insns[pc];
    switch (code) {
      case BPF_ST:
      case BPF_STX:
        memvalid |= 1 << k;
        break;
      case BPF_LD | BPF_MEM:
      case BPF_LDX | BPF_MEM:
        if (!(memvalid & (1 << k))) {
          return new BpfCheckError(pc, `${opcodeName(code)} reads scratch memory mem[${k}] that is not written on every path to it`);
        }
        break;
      case BPF_JMP | op.BPF_JA:
        masks[pc + 1 + k] &= memvalid;
        memvalid = 0xffff;
        break;
      default:
        if (isCondJump(code)) {
          masks[pc + 1 + jt] &= memvalid;
          masks[pc + 1 + jf] &= memvalid;
          memvalid = 0xffff;
        }
    }
  }

  // seccomp_check_filter (kernel/seccomp.c)
  for (let pc = 0; pc < flen; pc++) {
    const { code, k } = insns[pc];
    if (!SECCOMP_CODES.has(code)) {
      return new BpfCheckError(pc, `${describeCode(code)} is not allowed in a seccomp filter`);
    }
    if (code === (BPF_LD | BPF_W | BPF_ABS) && (k >= op.SECCOMP_DATA_SIZE || (k & 3) !== 0)) {
      return new BpfCheckError(
        pc,
        `LD W ABS offset ${k} is ${k & 3 ? 'not 32-bit aligned' : 'outside'} struct seccomp_data (${op.SECCOMP_DATA_SIZE} bytes)`,
      );
    }
  }
  return undefined;
}

/** Throws BpfCheckError for any program the kernel refuses to load as a seccomp filter. */
export function checkProgram(insns: readonly Insn[]): void {
  const err = findProgramError(insns);
  if (err) throw err;
}
