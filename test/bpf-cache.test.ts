import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_ARCH } from '../src/arch.js';
import { constAllowedSyscalls, isConstAllow } from '../src/bpf/cache.js';
import { runProgram } from '../src/bpf/emulator.js';
import { insn, type Insn } from '../src/bpf/insn.js';
import * as op from '../src/bpf/opcodes.js';
import { checkProgram } from '../src/bpf/verify.js';

const { BPF_LD, BPF_LDX, BPF_ALU, BPF_JMP, BPF_RET, BPF_W, BPF_ABS, BPF_IMM, BPF_K, BPF_X, BPF_A } = op;
const X64 = AUDIT_ARCH.X86_64;
const I386 = AUDIT_ARCH.I386;

const ld = (k: number) => insn(BPF_LD | BPF_W | BPF_ABS, k);
const jeq = (k: number, jt: number, jf: number) => insn(BPF_JMP | op.BPF_JEQ | BPF_K, k, jt, jf);
const ret = (k: number) => insn(BPF_RET | BPF_K, k);
const ALLOW = ret(op.SECCOMP_RET_ALLOW);
const EPERM = ret(op.SECCOMP_RET_ERRNO | 1);
const KILL = ret(op.SECCOMP_RET_KILL_PROCESS);

// arch == x86_64 ? (nr == 1 ? ALLOW : nr == 2 ? check arg0 : EPERM) : KILL
const filter: Insn[] = [
  ld(op.OFFSET_ARCH),
  jeq(X64, 1, 0),
  KILL,
  ld(op.OFFSET_NR),
  jeq(1, 0, 1),
  ALLOW,
  jeq(2, 0, 3),
  ld(op.offsetOfArg(0)), // an argument load: not constant
  jeq(0, 0, 1),
  ALLOW,
  EPERM,
];

describe('isConstAllow', () => {
  it('is true for a syscall allowed on nr and arch alone', () => {
    checkProgram(filter);
    expect(isConstAllow(filter, 1, X64)).toBe(true);
  });

  it('is false for a syscall whose path loads an argument, even if it may be allowed', () => {
    expect(isConstAllow(filter, 2, X64)).toBe(false);
  });

  it('is false for a syscall denied on nr alone, and under another arch', () => {
    expect(isConstAllow(filter, 3, X64)).toBe(false);
    expect(isConstAllow(filter, 1, I386)).toBe(false);
  });

  it('follows AND with a constant, then JEQ', () => {
    const p = [ld(op.OFFSET_NR), insn(BPF_ALU | op.BPF_AND | BPF_K, 0xff), jeq(1, 0, 1), ALLOW, EPERM];
    expect(isConstAllow(p, 1, X64)).toBe(true);
    expect(isConstAllow(p, 0x101, X64)).toBe(true);
    expect(isConstAllow(p, 0x102, X64)).toBe(false);
  });

  it('follows JA', () => {
    const p = [ld(op.OFFSET_NR), jeq(7, 0, 2), insn(BPF_JMP | op.BPF_JA, 2), EPERM, EPERM, ALLOW];
    expect(isConstAllow(p, 7, X64)).toBe(true);
    expect(isConstAllow(p, 8, X64)).toBe(false);
  });

  it('follows JGE, JGT and JSET against constants, comparing unsigned', () => {
    const p = [
      ld(op.OFFSET_NR),
      insn(BPF_JMP | op.BPF_JSET | BPF_K, 0x40000000, 4, 0), // x32 bit → EPERM
      insn(BPF_JMP | op.BPF_JGE | BPF_K, 100, 0, 2), // nr >= 100 ?
      insn(BPF_JMP | op.BPF_JGT | BPF_K, 200, 1, 0), // nr > 200 → EPERM
      ALLOW, // 100..200
      EPERM,
      ALLOW,
    ];
    // Layout: 0 ld, 1 jset(+4 → 6), 2 jge(jf +2 → 5), 3 jgt(jt +1 → 5), 4 ALLOW, 5 EPERM, 6 ALLOW
    expect(isConstAllow(p, 150, X64)).toBe(true);
    expect(isConstAllow(p, 200, X64)).toBe(true);
    expect(isConstAllow(p, 201, X64)).toBe(false);
    expect(isConstAllow(p, 99, X64)).toBe(false);
    expect(isConstAllow(p, 0x40000001, X64)).toBe(true); // JSET taken → 6
    expect(isConstAllow(p, -1, X64)).toBe(true); // nr = -1 is 0xffffffff: JSET bit set
  });

  it('is false for RET ALLOW with data bits set: only exactly SECCOMP_RET_ALLOW counts', () => {
    expect(isConstAllow([ret(op.SECCOMP_RET_ALLOW | 1)], 0, X64)).toBe(false);
    expect(isConstAllow([ALLOW], 0, X64)).toBe(true);
  });

  it('gives up on anything it does not follow', () => {
    const tail = [jeq(1, 0, 1), ALLOW, EPERM];
    const cases: Insn[][] = [
      [ld(op.OFFSET_IP), ...tail], // instruction pointer
      [ld(op.OFFSET_NR), insn(BPF_LDX | BPF_IMM, 1), insn(BPF_JMP | op.BPF_JEQ | BPF_X, 0, 0, 1), ALLOW, EPERM], // X compare
      [ld(op.OFFSET_NR), insn(BPF_ALU | op.BPF_ADD | BPF_K, 0), ...tail], // ALU other than AND K
      [ld(op.OFFSET_NR), insn(BPF_LDX | BPF_IMM, 0xff), insn(BPF_ALU | op.BPF_AND | BPF_X), ...tail], // AND X
      [insn(BPF_LD | BPF_IMM, 1), ...tail], // A = K
      [ld(op.OFFSET_NR), insn(op.BPF_ST, 0), ...tail], // scratch store
      [insn(BPF_LD | BPF_IMM, op.SECCOMP_RET_ALLOW), insn(BPF_RET | BPF_A)], // RET A
    ];
    for (const p of cases) {
      checkProgram(p);
      // Each of these is ALLOW when emulated with nr = 1 ...
      expect(runProgram(p, { nr: 1, arch: X64, instructionPointer: 1n, args: [] }, 'little').ret).toBe(op.SECCOMP_RET_ALLOW);
      // ... but not something the cache analysis follows.
      expect(isConstAllow(p, 1, X64)).toBe(false);
    }
  });

  it('starts with the register at 0, as the kernel does', () => {
    expect(isConstAllow([jeq(0, 0, 1), ALLOW, EPERM], 5, X64)).toBe(true);
  });

  it('returns false when it runs off the end (unchecked input)', () => {
    expect(isConstAllow([ld(op.OFFSET_NR)], 0, X64)).toBe(false);
    expect(isConstAllow([insn(BPF_JMP | op.BPF_JA, 10), ALLOW], 0, X64)).toBe(false);
  });

  it('models the x86_64 uretprobe/uprobe exception only when asked', () => {
    const denyAll = [EPERM];
    expect(isConstAllow(denyAll, 335, X64)).toBe(false);
    expect(isConstAllow(denyAll, 335, X64, { uprobeException: true })).toBe(true);
    expect(isConstAllow(denyAll, 336, X64, { uprobeException: true })).toBe(true);
    expect(isConstAllow(denyAll, 335, I386, { uprobeException: true })).toBe(false);
    expect(isConstAllow(denyAll, 0x40000000 + 335, X64, { uprobeException: true })).toBe(false);
  });
});

describe('constAllowedSyscalls', () => {
  it('collects the const-allowed numbers', () => {
    const range = Array.from({ length: 10 }, (_, i) => i);
    expect(constAllowedSyscalls(filter, X64, range)).toEqual(new Set([1]));
    expect(constAllowedSyscalls(filter, I386, range)).toEqual(new Set());
    const allowAll = [ld(op.OFFSET_ARCH), jeq(X64, 0, 1), ALLOW, KILL];
    expect(constAllowedSyscalls(allowAll, X64, range)).toEqual(new Set(range));
  });
});

describe('agreement with the emulator on nr/arch-only programs', () => {
  // Random checked programs built only from what the cache analysis follows. For them, "const allow"
  // must be exactly "the emulator returns SECCOMP_RET_ALLOW", whatever the arguments.
  const RETS = [op.SECCOMP_RET_ALLOW, op.SECCOMP_RET_ALLOW | 1, op.SECCOMP_RET_ERRNO | 1, op.SECCOMP_RET_KILL_PROCESS, op.SECCOMP_RET_LOG];
  const arbProgram = fc.integer({ min: 2, max: 24 }).chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) => {
        const left = n - i - 2; // farthest forward offset that stays inside
        if (left < 0) return fc.constantFrom(...RETS).map(ret);
        const off = fc.integer({ min: 0, max: Math.min(left, 255) });
        const k = fc.oneof(fc.integer({ min: 0, max: 8 }), fc.constantFrom(X64, I386, 0x40000000, 0xff));
        return fc.oneof(
          fc.constantFrom(op.OFFSET_NR, op.OFFSET_ARCH).map(ld),
          k.map((v) => insn(BPF_ALU | op.BPF_AND | BPF_K, v)),
          fc.tuple(fc.constantFrom(op.BPF_JEQ, op.BPF_JGE, op.BPF_JGT, op.BPF_JSET), k, off, off).map(([o, v, t, f]) => insn(BPF_JMP | o | BPF_K, v, t, f)),
          fc.integer({ min: 0, max: left }).map((o) => insn(BPF_JMP | op.BPF_JA, o)),
          fc.constantFrom(...RETS).map(ret),
        );
      }),
    ),
  );

  it('isConstAllow(nr, arch) ⇔ the emulated return value is exactly ALLOW', () => {
    fc.assert(
      fc.property(
        arbProgram,
        fc.integer({ min: 0, max: 9 }),
        fc.constantFrom(X64, I386),
        fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { minLength: 6, maxLength: 6 }),
        (p, nr, arch, args) => {
          checkProgram(p);
          const r = runProgram(p, { nr, arch, instructionPointer: 0n, args }, 'little').ret;
          expect(isConstAllow(p, nr, arch)).toBe(r === op.SECCOMP_RET_ALLOW);
        },
      ),
      { numRuns: 500 },
    );
  });
});
