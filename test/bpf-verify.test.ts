import { describe, expect, it } from 'vitest';
import { insn, type Insn } from '../src/bpf/insn.js';
import * as op from '../src/bpf/opcodes.js';
import { BpfCheckError, checkProgram, CLASSIC_CODES, findProgramError, opcodeName, SECCOMP_CODES } from '../src/bpf/verify.js';

const { BPF_LD, BPF_LDX, BPF_ST, BPF_STX, BPF_ALU, BPF_JMP, BPF_RET, BPF_MISC, BPF_W, BPF_H, BPF_B, BPF_ABS, BPF_IND, BPF_MEM, BPF_LEN, BPF_MSH, BPF_IMM, BPF_K, BPF_X, BPF_A } = op;

const RET_ALLOW = insn(BPF_RET | BPF_K, op.SECCOMP_RET_ALLOW);
const RET_A = insn(BPF_RET | BPF_A);
const LD_NR = insn(BPF_LD | BPF_W | BPF_ABS, 0);

/** Asserts a refusal at `index` whose message matches `why`. */
function refused(p: Insn[], index: number | undefined, why: RegExp): void {
  let err: unknown;
  try {
    checkProgram(p);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(BpfCheckError);
  const e = err as BpfCheckError;
  expect(e.index).toBe(index);
  expect(e.message).toMatch(why);
  if (index !== undefined) expect(e.message).toMatch(new RegExp(`^instruction ${index}: `));
}

describe('checkProgram accepts', () => {
  it('a program using every seccomp opcode', () => {
    const p: Insn[] = [
      insn(BPF_LD | BPF_W | BPF_ABS, 4),
      insn(BPF_LD | BPF_W | BPF_ABS, 60),
      insn(BPF_LD | BPF_W | BPF_LEN),
      insn(BPF_LDX | BPF_W | BPF_LEN),
      insn(BPF_LD | BPF_IMM, 7),
      insn(BPF_LDX | BPF_IMM, 3),
      insn(BPF_ST, 0),
      insn(BPF_STX, 15),
      insn(BPF_LD | BPF_MEM, 0),
      insn(BPF_LDX | BPF_MEM, 15),
      insn(BPF_MISC | op.BPF_TAX),
      insn(BPF_MISC | op.BPF_TXA),
      ...[op.BPF_ADD, op.BPF_SUB, op.BPF_MUL, op.BPF_AND, op.BPF_OR, op.BPF_XOR].flatMap((o) => [insn(BPF_ALU | o | BPF_K, 5), insn(BPF_ALU | o | BPF_X)]),
      insn(BPF_ALU | op.BPF_DIV | BPF_K, 2),
      insn(BPF_ALU | op.BPF_DIV | BPF_X),
      insn(BPF_ALU | op.BPF_LSH | BPF_K, 31),
      insn(BPF_ALU | op.BPF_RSH | BPF_K, 0),
      insn(BPF_ALU | op.BPF_LSH | BPF_X),
      insn(BPF_ALU | op.BPF_RSH | BPF_X),
      insn(BPF_ALU | op.BPF_NEG),
      insn(BPF_JMP | op.BPF_JA, 0),
      ...[op.BPF_JEQ, op.BPF_JGT, op.BPF_JGE, op.BPF_JSET].flatMap((o) => [insn(BPF_JMP | o | BPF_K, 1, 0, 0), insn(BPF_JMP | o | BPF_X, 0, 0, 0)]),
      insn(BPF_JMP | op.BPF_JEQ | BPF_K, 1, 1, 0),
      RET_A,
      RET_ALLOW,
    ];
    const codes = new Set(p.map((i) => i.code));
    for (const c of SECCOMP_CODES) expect(codes.has(c), opcodeName(c)).toBe(true);
    expect(() => checkProgram(p)).not.toThrow();
    expect(findProgramError(p)).toBeUndefined();
  });

  it('a program of exactly 4096 instructions', () => {
    const p = Array.from({ length: 4096 }, () => RET_ALLOW);
    expect(() => checkProgram(p)).not.toThrow();
  });

  it('a jump to the last instruction, and a jump of 0', () => {
    expect(() => checkProgram([insn(BPF_JMP | op.BPF_JA, 1), RET_ALLOW, RET_ALLOW])).not.toThrow();
    expect(() => checkProgram([insn(BPF_JMP | op.BPF_JEQ | BPF_K, 0, 1, 0), RET_ALLOW, RET_ALLOW])).not.toThrow();
  });

  it('a scratch cell written on every path before it is read', () => {
    const p = [
      LD_NR,
      insn(BPF_JMP | op.BPF_JEQ | BPF_K, 1, 0, 2),
      insn(BPF_ST, 3),
      insn(BPF_JMP | op.BPF_JA, 1),
      insn(BPF_STX, 3),
      insn(BPF_LD | BPF_MEM, 3),
      RET_A,
    ];
    expect(() => checkProgram(p)).not.toThrow();
  });
});

describe('checkProgram refuses', () => {
  it('an empty program', () => refused([], undefined, /empty/));

  it('more than 4096 instructions', () => {
    refused(Array.from({ length: 4097 }, () => RET_ALLOW), undefined, /4097 instructions, more than BPF_MAXINSNS \(4096\)/);
  });

  it('fields that do not fit struct sock_filter', () => {
    refused([LD_NR, { code: 6, jt: 256, jf: 0, k: 0 }], 1, /jt = 256/);
    refused([{ code: 6, jt: 0, jf: 0, k: -1 }], 0, /k = -1/);
    refused([{ code: 0x10006, jt: 0, jf: 0, k: 0 }], 0, /code/);
  });

  it('an opcode classic BPF does not know', () => {
    refused([insn(0x99), RET_ALLOW], 0, /opcode 0x99 .* is not a classic BPF instruction/);
    refused([LD_NR, insn(BPF_JMP | 0x50 | BPF_K), RET_ALLOW], 1, /not a classic BPF instruction/); // JMP op 0x50 (eBPF JNE)
    refused([insn(BPF_RET | BPF_X), RET_ALLOW], 0, /not a classic BPF instruction/);
    refused([insn(BPF_LD | BPF_W | BPF_ABS | 0x100, 0), RET_ALLOW], 0, /not a classic BPF instruction/);
  });

  const seccompRefused: [string, number][] = [
    ['ALU MOD K', BPF_ALU | op.BPF_MOD | BPF_K],
    ['ALU MOD X', BPF_ALU | op.BPF_MOD | BPF_X],
    ['LD H ABS', BPF_LD | BPF_H | BPF_ABS],
    ['LD B ABS', BPF_LD | BPF_B | BPF_ABS],
    ['LD W IND', BPF_LD | BPF_W | BPF_IND],
    ['LD H IND', BPF_LD | BPF_H | BPF_IND],
    ['LD B IND', BPF_LD | BPF_B | BPF_IND],
    ['LDX B MSH', BPF_LDX | BPF_B | BPF_MSH],
  ];
  for (const [name, code] of seccompRefused) {
    it(`${name}, which classic BPF allows but seccomp does not`, () => {
      expect(CLASSIC_CODES.has(code)).toBe(true);
      expect(SECCOMP_CODES.has(code)).toBe(false);
      refused([LD_NR, insn(code, 4), RET_ALLOW], 1, new RegExp(`\\(${name}\\) is not allowed in a seccomp filter`));
    });
  }

  it('a 32-bit load outside struct seccomp_data', () => {
    refused([insn(BPF_LD | BPF_W | BPF_ABS, 64), RET_A], 0, /offset 64 is outside struct seccomp_data/);
    // An ancillary "load" (SKF_AD_OFF + n) passes bpf_check_classic but not seccomp.
    refused([insn(BPF_LD | BPF_W | BPF_ABS, 0xfffff000), RET_A], 0, /outside struct seccomp_data/);
  });

  it('an unaligned 32-bit load', () => {
    refused([insn(BPF_LD | BPF_W | BPF_ABS, 2), RET_A], 0, /offset 2 is not 32-bit aligned/);
    refused([insn(BPF_LD | BPF_W | BPF_ABS, 61), RET_A], 0, /not 32-bit aligned/);
  });

  it('a division by constant 0', () => {
    refused([LD_NR, insn(BPF_ALU | op.BPF_DIV | BPF_K, 0), RET_A], 1, /DIV K by constant 0/);
    // MOD by 0 is refused by the classic check before seccomp's.
    refused([LD_NR, insn(BPF_ALU | op.BPF_MOD | BPF_K, 0), RET_A], 1, /MOD K by constant 0/);
  });

  it('a shift by 32 or more', () => {
    refused([LD_NR, insn(BPF_ALU | op.BPF_LSH | BPF_K, 32), RET_A], 1, /LSH K shift by 32/);
    refused([LD_NR, insn(BPF_ALU | op.BPF_RSH | BPF_K, 0xffffffff), RET_A], 1, /RSH K shift by 4294967295/);
  });

  it('a scratch memory index of 16 or more', () => {
    const st = insn(BPF_ST, 0);
    refused([LD_NR, insn(BPF_ST, 16), RET_A], 1, /ST scratch memory index 16/);
    refused([LD_NR, insn(BPF_STX, 99), RET_A], 1, /STX scratch memory index 99/);
    refused([st, insn(BPF_LD | BPF_MEM, 16), RET_A], 1, /LD W MEM scratch memory index 16/);
    refused([st, insn(BPF_LDX | BPF_MEM, 16), RET_A], 1, /LDX W MEM scratch memory index 16/);
  });

  it('a JA landing outside the program', () => {
    refused([insn(BPF_JMP | op.BPF_JA, 1), RET_ALLOW], 0, /JA \+1 lands on 2, outside the program \(2 instructions\)/);
    refused([insn(BPF_JMP | op.BPF_JA, 0xffffffff), RET_ALLOW], 0, /outside the program/);
  });

  it('a conditional jump whose true or false branch lands outside the program', () => {
    refused([LD_NR, insn(BPF_JMP | op.BPF_JEQ | BPF_K, 0, 1, 0), RET_ALLOW], 1, /true branch \+1 lands on 3/);
    refused([LD_NR, insn(BPF_JMP | op.BPF_JSET | BPF_X, 0, 0, 5), RET_ALLOW], 1, /JSET X false branch \+5 lands on 7/);
  });

  it('a last instruction that is not RET', () => {
    refused([RET_ALLOW, LD_NR], 1, /last instruction is opcode 0x20 \(LD W ABS\), not RET/);
    refused([insn(BPF_JMP | op.BPF_JEQ | BPF_K, 0, 0, 0), RET_ALLOW, insn(BPF_MISC | op.BPF_TAX)], 2, /not RET/);
  });

  it('reading scratch memory never written', () => {
    refused([insn(BPF_LD | BPF_MEM, 0), RET_A], 0, /LD W MEM reads scratch memory mem\[0\]/);
    refused([insn(BPF_ST, 1), insn(BPF_LDX | BPF_MEM, 0), RET_A], 1, /LDX W MEM reads scratch memory mem\[0\]/);
  });

  it('reading scratch memory written on only one path', () => {
    const p = [
      LD_NR,
      insn(BPF_JMP | op.BPF_JEQ | BPF_K, 1, 0, 1),
      insn(BPF_ST, 2), // only when nr == 1
      insn(BPF_LD | BPF_MEM, 2),
      RET_A,
    ];
    refused(p, 3, /mem\[2\] that is not written on every path/);
    // The same cell written on the jumped-over path too is fine.
    const q = [LD_NR, insn(BPF_ST, 2), ...p.slice(1)];
    expect(() => checkProgram(q)).not.toThrow();
  });

  it('reading scratch memory written only before a JA that jumps past the read', () => {
    const p = [
      LD_NR,
      insn(BPF_JMP | op.BPF_JEQ | BPF_K, 1, 0, 2),
      insn(BPF_ST, 5),
      insn(BPF_JMP | op.BPF_JA, 1),
      insn(BPF_LDX | BPF_MEM, 5), // reached only when nr != 1: never written
      RET_A,
    ];
    refused(p, 4, /mem\[5\]/);
  });

  it('(kernel quirk) a read after a RET whose own path never wrote the cell, even if every real path did', () => {
    // check_load_and_stores does not reset its mask after RET, so instruction 5 inherits
    // instruction 4's "nothing written" although only the JA at 3 (which wrote mem[0]) reaches it.
    const p = [
      LD_NR,
      insn(BPF_JMP | op.BPF_JEQ | BPF_K, 1, 0, 2),
      insn(BPF_ST, 0),
      insn(BPF_JMP | op.BPF_JA, 1),
      RET_ALLOW,
      insn(BPF_LD | BPF_MEM, 0),
      RET_A,
    ];
    refused(p, 5, /mem\[0\]/);
    // Writing the cell before the branch satisfies the kernel.
    const q = [LD_NR, insn(BPF_ST, 0), ...p.slice(1)];
    expect(() => checkProgram(q)).not.toThrow();
  });

  it('with the first refusal in kernel order', () => {
    // The classic pass (per instruction) runs before the RET and memory checks and the seccomp pass.
    refused([insn(BPF_LD | BPF_H | BPF_ABS, 0), insn(BPF_ALU | op.BPF_DIV | BPF_K, 0), LD_NR], 1, /by constant 0/);
    refused([insn(BPF_LD | BPF_H | BPF_ABS, 0), LD_NR], 1, /not RET/);
  });
});
