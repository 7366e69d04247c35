import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AUDIT_ARCH, type Endian } from '../src/arch.js';
import {
  MAX_ERRNO, prepare, runProgram, seccompAction, seccompDataWords, seccompErrno, serializeSeccompData, type SeccompData,
} from '../src/bpf/emulator.js';
import { insn, type Insn } from '../src/bpf/insn.js';
import * as op from '../src/bpf/opcodes.js';
import { BpfCheckError } from '../src/bpf/verify.js';

const { BPF_LD, BPF_LDX, BPF_ST, BPF_STX, BPF_ALU, BPF_JMP, BPF_RET, BPF_MISC, BPF_W, BPF_ABS, BPF_MEM, BPF_LEN, BPF_IMM, BPF_K, BPF_X, BPF_A } = op;

const ldAbs = (k: number) => insn(BPF_LD | BPF_W | BPF_ABS, k);
const ldImm = (k: number) => insn(BPF_LD | BPF_IMM, k);
const ldxImm = (k: number) => insn(BPF_LDX | BPF_IMM, k);
const alu = (o: number, src: number, k = 0) => insn(BPF_ALU | o | src, k);
const retA = insn(BPF_RET | BPF_A);
const retK = (k: number) => insn(BPF_RET | BPF_K, k);

const data: SeccompData = {
  nr: 59,
  arch: AUDIT_ARCH.X86_64,
  instructionPointer: 0x0011223344556677n,
  args: [0x1111111122222222n, 0x3333333344444444n, 0n, 0xffffffffffffffffn, 0x8000000000000001n, 0x00000000deadbeefn],
};

const run = (p: Insn[], d: SeccompData = data, endian: Endian = 'little') => runProgram(p, d, endian);
/** Runs `A = a; X = x; <ins>; return A`. */
const aluResult = (a: number, x: number, ins: Insn) => run([ldImm(a), ldxImm(x), ins, retA]).ret;

describe('serializeSeccompData', () => {
  it('lays out nr, arch, ip and args little-endian: low word first', () => {
    const b = serializeSeccompData(data, 'little');
    expect(b.length).toBe(64);
    expect(b.readUInt32LE(0)).toBe(59);
    expect(b.readUInt32LE(4)).toBe(AUDIT_ARCH.X86_64);
    expect(b.readUInt32LE(8)).toBe(0x44556677);
    expect(b.readUInt32LE(12)).toBe(0x00112233);
    expect(b.readUInt32LE(16)).toBe(0x22222222); // args[0] low word at 16
    expect(b.readUInt32LE(20)).toBe(0x11111111);
    expect(b.readBigUInt64LE(16 + 8 * 5)).toBe(0xdeadbeefn);
  });

  it('lays out big-endian: args[i] high word at 16+8i', () => {
    const b = serializeSeccompData(data, 'big');
    expect(b.readUInt32BE(0)).toBe(59);
    expect(b.readUInt32BE(4)).toBe(AUDIT_ARCH.X86_64);
    expect(b.readUInt32BE(8)).toBe(0x00112233);
    expect(b.readUInt32BE(16)).toBe(0x11111111); // args[0] high word at 16
    expect(b.readUInt32BE(20)).toBe(0x22222222);
    expect(b.readUInt32BE(16 + 8 * 4)).toBe(0x80000000);
    expect(b.readUInt32BE(20 + 8 * 4)).toBe(1);
  });

  it('stores a negative nr as the int it is, and bigints modulo 2^64', () => {
    const b = serializeSeccompData({ nr: -1, arch: 0, instructionPointer: -1n, args: [] }, 'little');
    expect(b.readInt32LE(0)).toBe(-1);
    expect(b.readBigUInt64LE(8)).toBe(0xffffffffffffffffn);
    expect(b.readBigUInt64LE(16)).toBe(0n);
  });

  it('agrees with seccompDataWords for both byte orders', () => {
    const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n });
    fc.assert(
      fc.property(
        fc.integer({ min: -(2 ** 31), max: 2 ** 32 - 1 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), u64,
        fc.array(u64, { minLength: 6, maxLength: 6 }), fc.constantFrom<Endian>('little', 'big'),
        (nr, arch, ip, args, endian) => {
          const d = { nr, arch, instructionPointer: ip, args };
          const b = serializeSeccompData(d, endian);
          const words = seccompDataWords(d, endian);
          for (let i = 0; i < 16; i++) expect(words[i]).toBe(endian === 'little' ? b.readUInt32LE(4 * i) : b.readUInt32BE(4 * i));
        },
      ),
    );
  });
});

describe('runProgram: loads', () => {
  it('LD W ABS reads nr and arch', () => {
    expect(run([ldAbs(0), retA]).ret).toBe(59);
    expect(run([ldAbs(4), retA]).ret).toBe(AUDIT_ARCH.X86_64);
    expect(run([ldAbs(0), retA], { ...data, nr: -1 }).ret).toBe(0xffffffff);
  });

  it('LD W ABS of an argument reads the word the byte order puts there', () => {
    for (const [endian, lo, hi] of [['little', 16, 20], ['big', 20, 16]] as const) {
      expect(run([ldAbs(lo), retA], data, endian).ret).toBe(0x22222222);
      expect(run([ldAbs(hi), retA], data, endian).ret).toBe(0x11111111);
      expect(run([ldAbs(lo + 8 * 4), retA], data, endian).ret).toBe(1);
      expect(run([ldAbs(hi + 8 * 4), retA], data, endian).ret).toBe(0x80000000);
    }
    // Instruction pointer: the low word is at 8 on little-endian, at 12 on big-endian.
    expect(run([ldAbs(8), retA], data, 'little').ret).toBe(0x44556677);
    expect(run([ldAbs(8), retA], data, 'big').ret).toBe(0x00112233);
    expect(run([ldAbs(60), retA], data, 'big').ret).toBe(0xdeadbeef);
    expect(run([ldAbs(56), retA], data, 'little').ret).toBe(0xdeadbeef);
  });

  it('LD/LDX W LEN give sizeof(struct seccomp_data)', () => {
    expect(run([insn(BPF_LD | BPF_W | BPF_LEN), retA]).ret).toBe(64);
    expect(run([insn(BPF_LDX | BPF_W | BPF_LEN), insn(BPF_MISC | op.BPF_TXA), retA]).ret).toBe(64);
  });

  it('LD/LDX IMM, TAX, TXA', () => {
    expect(run([ldImm(0xfffffffe), retA]).ret).toBe(0xfffffffe);
    expect(run([ldxImm(7), insn(BPF_MISC | op.BPF_TXA), retA]).ret).toBe(7);
    expect(run([ldImm(9), insn(BPF_MISC | op.BPF_TAX), ldImm(0), insn(BPF_MISC | op.BPF_TXA), retA]).ret).toBe(9);
  });

  it('ST/STX and LD/LDX MEM', () => {
    expect(run([ldImm(5), insn(BPF_ST, 3), ldImm(0), insn(BPF_LD | BPF_MEM, 3), retA]).ret).toBe(5);
    expect(run([ldxImm(6), insn(BPF_STX, 15), insn(BPF_LDX | BPF_MEM, 15), insn(BPF_MISC | op.BPF_TXA), retA]).ret).toBe(6);
  });

  it('A and X start at 0', () => {
    expect(run([retA]).ret).toBe(0);
    expect(run([insn(BPF_MISC | op.BPF_TXA), retA]).ret).toBe(0);
  });
});

describe('runProgram: ALU, 32-bit unsigned', () => {
  const cases: [string, number, number, number, number][] = [
    // name, op, A, X/K, expected
    ['ADD wraps', op.BPF_ADD, 0xffffffff, 2, 1],
    ['SUB wraps', op.BPF_SUB, 1, 2, 0xffffffff],
    ['MUL keeps the low 32 bits', op.BPF_MUL, 0xffffffff, 0xffffffff, 1],
    ['MUL large', op.BPF_MUL, 0x12345678, 0x9abcdef, Number((0x12345678n * 0x9abcdefn) & 0xffffffffn)],
    ['DIV is unsigned', op.BPF_DIV, 0xfffffffe, 2, 0x7fffffff],
    ['DIV truncates', op.BPF_DIV, 7, 2, 3],
    ['AND', op.BPF_AND, 0xf0f0f0f0, 0xff00ff00, 0xf000f000],
    ['OR', op.BPF_OR, 0xf0000000, 0x0f, 0xf000000f],
    ['XOR', op.BPF_XOR, 0xffffffff, 0x0f0f0f0f, 0xf0f0f0f0],
    ['LSH', op.BPF_LSH, 1, 31, 0x80000000],
    ['LSH drops high bits', op.BPF_LSH, 0xffffffff, 4, 0xfffffff0],
    ['RSH is logical', op.BPF_RSH, 0x80000000, 31, 1],
  ];
  for (const [name, o, a, v, want] of cases) {
    it(`${name} (K and X)`, () => {
      expect(aluResult(a, 0, alu(o, BPF_K, v))).toBe(want);
      expect(aluResult(a, v, alu(o, BPF_X))).toBe(want);
    });
  }

  it('NEG', () => {
    expect(aluResult(1, 0, alu(op.BPF_NEG, 0))).toBe(0xffffffff);
    expect(aluResult(0, 0, alu(op.BPF_NEG, 0))).toBe(0);
    expect(aluResult(0x80000000, 0, alu(op.BPF_NEG, 0))).toBe(0x80000000);
  });

  it('a shift by X uses its low 5 bits, as the kernel interpreter does', () => {
    expect(aluResult(1, 33, alu(op.BPF_LSH, BPF_X))).toBe(2);
    expect(aluResult(0x80000000, 32, alu(op.BPF_RSH, BPF_X))).toBe(0x80000000);
  });

  it('DIV by X == 0 ends the program returning 0', () => {
    const p = [ldImm(10), ldxImm(0), alu(op.BPF_DIV, BPF_X), retK(op.SECCOMP_RET_ALLOW)];
    expect(run(p)).toEqual({ ret: 0, executed: 3 });
    expect(seccompAction(run(p).ret)).toBe(op.SECCOMP_RET_KILL_THREAD);
  });

  it('agrees with a BigInt reference on random straight-line arithmetic', () => {
    const ops = [op.BPF_ADD, op.BPF_SUB, op.BPF_MUL, op.BPF_DIV, op.BPF_AND, op.BPF_OR, op.BPF_XOR, op.BPF_LSH, op.BPF_RSH, op.BPF_NEG];
    const step = fc.record({ o: fc.constantFrom(...ops), x: fc.boolean(), k: fc.integer({ min: 0, max: 0xffffffff }), setX: fc.integer({ min: 0, max: 0xffffffff }) });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffffffff }), fc.array(step, { maxLength: 12 }), (a0, steps) => {
        const p: Insn[] = [ldImm(a0)];
        let a = BigInt(a0);
        const M = 0xffffffffn;
        let divZero = false;
        for (const s of steps) {
          let k = s.k;
          if ((s.o === op.BPF_LSH || s.o === op.BPF_RSH) && !s.x) k %= 32;
          if (s.o === op.BPF_DIV && !s.x && k === 0) k = 1;
          const v = BigInt(s.x ? s.setX : k);
          if (s.x) p.push(ldxImm(s.setX));
          p.push(s.o === op.BPF_NEG ? alu(s.o, 0) : alu(s.o, s.x ? BPF_X : BPF_K, k));
          if (divZero) continue;
          switch (s.o) {
            case op.BPF_ADD: a = (a + v) & M; break;
            case op.BPF_SUB: a = (a - v) & M; break;
            case op.BPF_MUL: a = (a * v) & M; break;
            case op.BPF_DIV: if (v === 0n) divZero = true; else a = a / v; break;
            case op.BPF_AND: a &= v; break;
            case op.BPF_OR: a |= v; break;
            case op.BPF_XOR: a ^= v; break;
            case op.BPF_LSH: a = (a << (v & 31n)) & M; break;
            case op.BPF_RSH: a >>= v & 31n; break;
            case op.BPF_NEG: a = -a & M; break;
          }
        }
        p.push(retA);
        expect(run(p).ret).toBe(divZero ? 0 : Number(a));
      }),
    );
  });
});

describe('runProgram: jumps', () => {
  // if (A <op> v) return 1 else return 2
  const branch = (o: number, src: number, a: number, v: number) =>
    run([ldImm(a), ldxImm(src === BPF_X ? v : 0), insn(BPF_JMP | o | src, src === BPF_K ? v : 0, 0, 1), retK(1), retK(2)]).ret;

  for (const src of [BPF_K, BPF_X]) {
    const s = src === BPF_K ? 'K' : 'X';
    it(`JEQ ${s}`, () => {
      expect(branch(op.BPF_JEQ, src, 5, 5)).toBe(1);
      expect(branch(op.BPF_JEQ, src, 5, 6)).toBe(2);
    });
    it(`JGT ${s} compares unsigned`, () => {
      expect(branch(op.BPF_JGT, src, 0x80000000, 1)).toBe(1);
      expect(branch(op.BPF_JGT, src, 5, 5)).toBe(2);
      expect(branch(op.BPF_JGT, src, 1, 0xffffffff)).toBe(2);
    });
    it(`JGE ${s} compares unsigned`, () => {
      expect(branch(op.BPF_JGE, src, 5, 5)).toBe(1);
      expect(branch(op.BPF_JGE, src, 0xffffffff, 0x80000000)).toBe(1);
      expect(branch(op.BPF_JGE, src, 4, 5)).toBe(2);
    });
    it(`JSET ${s}`, () => {
      expect(branch(op.BPF_JSET, src, 0x40000001, 0x40000000)).toBe(1);
      expect(branch(op.BPF_JSET, src, 0x3fffffff, 0x40000000)).toBe(2);
    });
  }

  it('jt/jf are relative to the next instruction, JA skips k instructions', () => {
    const p = [
      ldAbs(0),
      insn(BPF_JMP | op.BPF_JEQ | BPF_K, 59, 2, 0), // nr == 59 → 4
      insn(BPF_JMP | op.BPF_JA, 2), // → 5
      retK(1),
      retK(2),
      retK(3),
    ];
    expect(run(p)).toEqual({ ret: 2, executed: 3 });
    expect(run(p, { ...data, nr: 1 })).toEqual({ ret: 3, executed: 4 });
  });

  it('counts every instruction executed, the RET included', () => {
    expect(run([retK(0)]).executed).toBe(1);
    expect(run([ldAbs(0), ldAbs(4), ldAbs(16), retA]).executed).toBe(4);
  });
});

describe('runProgram: checking and caching', () => {
  it('refuses a program the kernel would refuse', () => {
    expect(() => run([ldAbs(2), retA])).toThrow(BpfCheckError);
    expect(() => run([])).toThrow(/empty/);
    expect(() => prepare([insn(BPF_LD | BPF_MEM, 0), retA])).toThrow(/mem\[0\]/);
  });

  it('re-checks a cached array whose contents changed', () => {
    const p = [ldAbs(0), retA];
    expect(run(p).ret).toBe(59);
    p[0] = ldAbs(4);
    expect(run(p).ret).toBe(AUDIT_ARCH.X86_64);
    p[0] = ldAbs(3);
    expect(() => run(p)).toThrow(BpfCheckError);
  });

  it('a prepared program runs without re-checking and is not affected by later edits', () => {
    const p = [ldAbs(16), retA];
    const prog = prepare(p);
    p[0] = ldAbs(3);
    expect(prog.run(data, 'little').ret).toBe(0x22222222);
    expect(runProgram(prog, data, 'big').ret).toBe(0x11111111);
    expect(prog.runWords(seccompDataWords(data, 'big')).ret).toBe(0x11111111);
  });

  it('runs a million inputs quickly', () => {
    const p = [ldAbs(4), insn(BPF_JMP | op.BPF_JEQ | BPF_K, AUDIT_ARCH.X86_64, 1, 0), retK(0), ldAbs(0), insn(BPF_JMP | op.BPF_JGE | BPF_K, 100, 0, 1), retK(op.SECCOMP_RET_ERRNO | 1), retK(op.SECCOMP_RET_ALLOW)];
    const prog = prepare(p);
    const d = { ...data };
    let allowed = 0;
    const t0 = Date.now();
    for (let i = 0; i < 1_000_000; i++) {
      d.nr = i % 200;
      if (prog.run(d, 'little').ret === op.SECCOMP_RET_ALLOW) allowed++;
    }
    expect(allowed).toBe(500_000);
    expect(Date.now() - t0).toBeLessThan(10_000);
  });
});

describe('seccompAction', () => {
  it('takes the top 16 bits of a known action', () => {
    expect(seccompAction(op.SECCOMP_RET_ALLOW)).toBe(op.SECCOMP_RET_ALLOW);
    expect(seccompAction(op.SECCOMP_RET_ERRNO | 13)).toBe(op.SECCOMP_RET_ERRNO);
    expect(seccompAction(op.SECCOMP_RET_TRACE | 0xffff)).toBe(op.SECCOMP_RET_TRACE);
    expect(seccompAction(op.SECCOMP_RET_KILL_THREAD | 5)).toBe(op.SECCOMP_RET_KILL_THREAD);
    for (const a of [op.SECCOMP_RET_KILL_PROCESS, op.SECCOMP_RET_TRAP, op.SECCOMP_RET_USER_NOTIF, op.SECCOMP_RET_LOG]) {
      expect(seccompAction(a | 1)).toBe(a);
    }
  });

  it('handles an unknown action as KILL_PROCESS', () => {
    expect(seccompAction(0x00010000)).toBe(op.SECCOMP_RET_KILL_PROCESS);
    expect(seccompAction(0x7ffe0000)).toBe(op.SECCOMP_RET_KILL_PROCESS);
    expect(seccompAction(0xffff0000)).toBe(op.SECCOMP_RET_KILL_PROCESS);
  });

  it('seccompErrno caps the data at MAX_ERRNO', () => {
    expect(seccompErrno(op.SECCOMP_RET_ERRNO | 1)).toBe(1);
    expect(seccompErrno(op.SECCOMP_RET_ERRNO | 0xffff)).toBe(MAX_ERRNO);
    expect(seccompErrno(op.SECCOMP_RET_ALLOW)).toBeUndefined();
  });
});
