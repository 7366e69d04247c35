import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ARCHES, AUDIT_ARCH, X32_SYSCALL_BIT, type ArchDescriptor } from '../src/arch.js';
import { AsmError, assemble } from '../src/bpf/asm.js';
import { disassemble } from '../src/bpf/disasm.js';
import { insn, type Insn } from '../src/bpf/insn.js';
import * as op from '../src/bpf/opcodes.js';
import { CLASSIC_CODES } from '../src/bpf/verify.js';
import { SYSCALL_TABLES } from '../src/syscalls/index.js';

const { BPF_LD, BPF_LDX, BPF_ALU, BPF_JMP, BPF_RET, BPF_MISC, BPF_W, BPF_ABS, BPF_MEM, BPF_LEN, BPF_IMM, BPF_K, BPF_X, BPF_A } = op;
const X86 = ARCHES.x86_64;
const S390 = ARCHES.s390x;
const A64 = ARCHES.aarch64;

const ld = (k: number) => insn(BPF_LD | BPF_W | BPF_ABS, k);
const jmp = (o: number, k: number, jt: number, jf: number, src = BPF_K) => insn(BPF_JMP | o | src, k, jt, jf);
const ret = (k: number) => insn(BPF_RET | BPF_K, k);

/** The lines of a disassembly without its header, label-less. */
const body = (p: Insn[], arch: ArchDescriptor, opts = {}) =>
  disassemble(p, arch, { header: false, ...opts }).trimEnd().split('\n').map((l) => l.replace(/^\d+: /, ''));

const roundTrip = (p: Insn[], arch: ArchDescriptor) => expect(assemble(disassemble(p, arch), arch)).toEqual(p);

function asmErrors(text: string, arch: ArchDescriptor = X86): { line: number; message: string }[] {
  try {
    assemble(text, arch);
  } catch (e) {
    expect(e).toBeInstanceOf(AsmError);
    return [...(e as AsmError).errors];
  }
  throw new Error('assembled without error');
}

// The x86_64 example from the design: arch check, x32 split, a small search.
const example: Insn[] = [
  ld(op.OFFSET_ARCH), // 0
  jmp(op.BPF_JEQ, AUDIT_ARCH.X86_64, 1, 0), // 1
  ret(op.SECCOMP_RET_KILL_PROCESS), // 2
  ld(op.OFFSET_NR), // 3
  jmp(op.BPF_JSET, X32_SYSCALL_BIT, 6, 0), // 4 → 11
  jmp(op.BPF_JGE, 257, 3, 0), // 5 → 9
  jmp(op.BPF_JEQ, 101, 0, 1), // 6
  ret(op.SECCOMP_RET_ERRNO | 1), // 7
  ret(op.SECCOMP_RET_ALLOW), // 8
  ld(op.offsetOfArg(0)), // 9
  insn(BPF_RET | BPF_A), // 10
  jmp(op.BPF_JEQ, X32_SYSCALL_BIT | 0, 0, 1), // 11: x32 read
  ret(op.SECCOMP_RET_ALLOW), // 12
  ret(op.SECCOMP_RET_KILL_THREAD), // 13
];

describe('disassemble', () => {
  it('prints the example as documented', () => {
    expect(disassemble(example, X86)).toBe(
      [
        '# sandbox-seccomp BPF, arch x86_64 (little-endian), 14 instructions',
        '0000: A = arch',
        '0001: if (A == ARCH_X86_64) goto 0003 else goto 0002',
        '0002: return KILL_PROCESS',
        '0003: A = nr',
        '0004: if (A & 0x40000000) goto 0011 else goto 0005',
        '0005: if (A >= openat) goto 0009 else goto 0006',
        '0006: if (A == ptrace) goto 0007 else goto 0008',
        '0007: return ERRNO(EPERM)',
        '0008: return ALLOW',
        '0009: A = args[0].lo',
        '0010: return A',
        '0011: if (A == x32:read) goto 0012 else goto 0013',
        '0012: return ALLOW',
        '0013: return KILL_THREAD',
        '',
      ].join('\n'),
    );
  });

  it('prints every statement form', () => {
    const p: Insn[] = [
      ld(op.OFFSET_IP), ld(op.OFFSET_IP + 4), ld(op.offsetOfArg(5) + 4), ld(2), ld(64),
      insn(BPF_LD | BPF_W | BPF_LEN), insn(BPF_LDX | BPF_W | BPF_LEN),
      insn(BPF_LD | BPF_IMM, 5), insn(BPF_LDX | BPF_IMM, 0xdead),
      insn(BPF_LD | BPF_MEM, 3), insn(BPF_LDX | BPF_MEM, 15), insn(op.BPF_ST, 1), insn(op.BPF_STX, 2),
      insn(BPF_MISC | op.BPF_TAX), insn(BPF_MISC | op.BPF_TXA),
      insn(BPF_ALU | op.BPF_ADD | BPF_K, 1), insn(BPF_ALU | op.BPF_SUB | BPF_X), insn(BPF_ALU | op.BPF_MUL | BPF_K, 16),
      insn(BPF_ALU | op.BPF_DIV | BPF_K, 2), insn(BPF_ALU | op.BPF_AND | BPF_K, 0xff), insn(BPF_ALU | op.BPF_OR | BPF_X),
      insn(BPF_ALU | op.BPF_XOR | BPF_K, 1), insn(BPF_ALU | op.BPF_LSH | BPF_K, 16), insn(BPF_ALU | op.BPF_RSH | BPF_X),
      insn(BPF_ALU | op.BPF_MOD | BPF_K, 10), insn(BPF_ALU | op.BPF_NEG),
      insn(BPF_JMP | op.BPF_JA, 0),
      jmp(op.BPF_JGT, 0, 0, 0, BPF_X), jmp(op.BPF_JSET, 0x10, 0, 0),
      ret(op.SECCOMP_RET_TRAP), ret(op.SECCOMP_RET_LOG), ret(op.SECCOMP_RET_USER_NOTIF), ret(op.SECCOMP_RET_TRACE | 7),
      ret(op.SECCOMP_RET_ERRNO | 4000), ret(op.SECCOMP_RET_ALLOW | 2), ret(0x12345678), insn(BPF_RET | BPF_A),
    ];
    expect(body(p, X86)).toEqual([
      'A = instruction_pointer.lo', 'A = instruction_pointer.hi', 'A = args[5].hi', 'A = data[2]', 'A = data[0x40]',
      'A = len', 'X = len', 'A = 5', 'X = 0xdead', 'A = mem[3]', 'X = mem[15]', 'mem[1] = A', 'mem[2] = X', 'X = A', 'A = X',
      'A += 1', 'A -= X', 'A *= 0x10', 'A /= 2', 'A &= 0xff', 'A |= X', 'A ^= 1', 'A <<= 16', 'A >>= X', 'A %= 0xa', 'A = -A',
      'goto 0027', 'if (A > X) goto 0028 else goto 0028', 'if (A & 0x10) goto 0029 else goto 0029',
      'return TRAP', 'return LOG', 'return USER_NOTIF', 'return TRACE(7)', 'return ERRNO(4000)', 'return ALLOW(2)',
      'return 0x12345678', 'return A',
    ]);
    roundTrip(p, X86);
  });

  it('names the argument words by byte order: on big-endian the high word is at 16+8i', () => {
    const p = [ld(16), ld(20), ld(8), ld(12), insn(BPF_RET | BPF_A)];
    expect(body(p, X86).slice(0, 4)).toEqual(['A = args[0].lo', 'A = args[0].hi', 'A = instruction_pointer.lo', 'A = instruction_pointer.hi']);
    expect(body(p, S390).slice(0, 4)).toEqual(['A = args[0].hi', 'A = args[0].lo', 'A = instruction_pointer.hi', 'A = instruction_pointer.lo']);
    expect(disassemble(p, S390)).toMatch(/^# sandbox-seccomp BPF, arch s390x \(big-endian\), 5 instructions\n/);
    roundTrip(p, S390);
    // The same text means other instructions on the other byte order.
    expect(assemble('A = args[0].hi\nreturn A', S390)[0].k).toBe(16);
    expect(assemble('A = args[0].hi\nreturn A', X86)[0].k).toBe(20);
  });

  it('names syscalls by the ABI the known arch selects, and not where paths of two arches meet', () => {
    const p = [
      ld(op.OFFSET_ARCH), // 0
      jmp(op.BPF_JEQ, AUDIT_ARCH.I386, 0, 3), // 1 → 2 / 5
      ld(op.OFFSET_NR), // 2
      jmp(op.BPF_JEQ, 102, 5, 0), // 3: i386 socketcall → 9
      ret(op.SECCOMP_RET_KILL_PROCESS), // 4
      jmp(op.BPF_JEQ, AUDIT_ARCH.X86_64, 0, 2), // 5 → 6 / 8
      ld(op.OFFSET_NR), // 6
      jmp(op.BPF_JEQ, 102, 1, 1), // 7: x86_64 getuid → 9
      ret(op.SECCOMP_RET_KILL_PROCESS), // 8
      ld(op.OFFSET_NR), // 9: reached from i386 (3) and x86_64 (7)
      jmp(op.BPF_JEQ, 102, 0, 0), // 10
      ret(op.SECCOMP_RET_ALLOW), // 11
    ];
    const lines = body(p, X86);
    expect(lines[3]).toBe('if (A == socketcall) goto 0009 else goto 0004');
    expect(lines[7]).toBe('if (A == getuid) goto 0009 else goto 0009');
    expect(lines[10]).toBe('if (A == 0x66) goto 0011 else goto 0011');
    roundTrip(p, X86);
  });

  it('names arm syscalls under ARCH_ARM on aarch64, aarch64 ones under ARCH_AARCH64', () => {
    const p = [
      ld(op.OFFSET_ARCH),
      jmp(op.BPF_JEQ, AUDIT_ARCH.ARM, 3, 0),
      jmp(op.BPF_JEQ, AUDIT_ARCH.AARCH64, 0, 5),
      ld(op.OFFSET_NR),
      jmp(op.BPF_JEQ, 56, 3, 3), // aarch64 openat → 8
      ld(op.OFFSET_NR), // 5
      jmp(op.BPF_JEQ, 322, 1, 1), // arm openat → 8
      ret(0),
      ret(op.SECCOMP_RET_ALLOW),
    ];
    const lines = body(p, A64);
    expect(lines[1]).toBe('if (A == ARCH_ARM) goto 0005 else goto 0002');
    expect(lines[4]).toBe('if (A == openat) goto 0008 else goto 0008');
    expect(lines[6]).toBe('if (A == openat) goto 0008 else goto 0008');
    roundTrip(p, A64);
  });

  it('prints numbers when the arch is not known, A does not hold nr, or names are off', () => {
    const p = [ld(op.OFFSET_NR), jmp(op.BPF_JEQ, 257, 0, 0), ld(op.OFFSET_ARCH), jmp(op.BPF_JEQ, AUDIT_ARCH.X86_64, 0, 0), insn(BPF_LD | BPF_IMM, 257), jmp(op.BPF_JEQ, 257, 0, 0), ret(0)];
    const lines = body(p, X86);
    expect(lines[1]).toBe('if (A == 0x101) goto 0002 else goto 0002');
    expect(lines[3]).toBe('if (A == ARCH_X86_64) goto 0004 else goto 0004');
    expect(lines[5]).toBe('if (A == 0x101) goto 0006 else goto 0006');
    expect(body(p, X86, { names: false })[3]).toBe('if (A == 0xc000003e) goto 0004 else goto 0004');
    roundTrip(p, X86);
  });

  it('tracks nr and arch through X and scratch memory', () => {
    const p = [
      ld(op.OFFSET_ARCH), insn(op.BPF_ST, 0), insn(BPF_LDX | BPF_MEM, 0), insn(BPF_MISC | op.BPF_TXA),
      jmp(op.BPF_JEQ, AUDIT_ARCH.X86_64, 0, 4),
      ld(op.OFFSET_NR), insn(BPF_MISC | op.BPF_TAX), insn(BPF_LD | BPF_IMM, 0), insn(BPF_MISC | op.BPF_TXA),
      jmp(op.BPF_JEQ, 257, 0, 0),
      ret(0),
    ];
    expect(body(p, X86)[4]).toBe('if (A == ARCH_X86_64) goto 0005 else goto 0009');
    // At 9 the paths from 4 (arch unknown, A = arch) and from 8 (x86_64, A = nr) meet: no name.
    expect(body(p, X86)[9]).toBe('if (A == 0x101) goto 0010 else goto 0010');
    p[4] = jmp(op.BPF_JEQ, AUDIT_ARCH.X86_64, 0, 5);
    expect(body(p, X86)[9]).toBe('if (A == openat) goto 0010 else goto 0010');
    roundTrip(p, X86);
  });

  it('falls back to .insn for what has no exact statement', () => {
    const p: Insn[] = [
      { code: 0x99, jt: 3, jf: 4, k: 77 }, // unknown opcode
      { code: BPF_LD | op.BPF_H | BPF_ABS, jt: 0, jf: 0, k: 0 }, // LD H ABS: classic but no statement
      { code: BPF_MISC | op.BPF_TAX, jt: 0, jf: 0, k: 1 }, // stray k
      { code: BPF_LD | BPF_IMM, jt: 1, jf: 0, k: 0 }, // stray jt
      jmp(op.BPF_JEQ, 0, 200, 0), // target past the end
      insn(BPF_JMP | op.BPF_JA, 0xffffffff), // ditto
      jmp(op.BPF_JEQ, 5, 0, 0, BPF_X), // stray k on an X compare
      ret(0),
    ];
    expect(body(p, X86)).toEqual([
      '.insn code=0x99 jt=3 jf=4 k=0x4d',
      '.insn code=0x28 jt=0 jf=0 k=0x0',
      '.insn code=0x07 jt=0 jf=0 k=0x1',
      '.insn code=0x00 jt=1 jf=0 k=0x0',
      '.insn code=0x15 jt=200 jf=0 k=0x0',
      '.insn code=0x05 jt=0 jf=0 k=0xffffffff',
      '.insn code=0x1d jt=0 jf=0 k=0x5',
      'return KILL_THREAD',
    ]);
    roundTrip(p, X86);
  });

  it('pads labels to the program length', () => {
    const p = Array.from({ length: 10001 }, () => ret(0));
    const text = disassemble(p, X86);
    expect(text).toMatch(/\n00000: return KILL_THREAD\n/);
    expect(text).toMatch(/\n10000: return KILL_THREAD\n$/);
    roundTrip(p, X86);
  });
});

describe('assemble', () => {
  it('reads hand-written text: optional labels, comments, sugar for conditions', () => {
    const text = `
      # allow read and write on x86_64, EACCES below 10, KILL above
      A = arch
      if (A != ARCH_X86_64) goto 0008      # not x86_64: kill
      A = nr
      0003: if (A == read) goto 0007
      if (A == x86_64:write) goto 0007 else goto 0005
      if (A < 10) goto 0006 else goto 0009
      return ERRNO(EACCES)
      0007: return ALLOW
      0008: return KILL_PROCESS
      return KILL
    `;
    expect(assemble(text, X86)).toEqual([
      ld(op.OFFSET_ARCH),
      jmp(op.BPF_JEQ, AUDIT_ARCH.X86_64, 0, 6), // != swaps the targets; no else: equal → next
      ld(op.OFFSET_NR),
      jmp(op.BPF_JEQ, 0, 3, 0), // read = 0; no else → next
      jmp(op.BPF_JEQ, 1, 2, 0),
      jmp(op.BPF_JGE, 10, 3, 0), // < swaps onto JGE
      ret(op.SECCOMP_RET_ERRNO | 13),
      ret(op.SECCOMP_RET_ALLOW),
      ret(op.SECCOMP_RET_KILL_PROCESS),
      ret(op.SECCOMP_RET_KILL_THREAD),
    ]);
  });

  it('maps <= onto JGT with swapped targets', () => {
    const p = assemble('A = nr\nif (A <= 5) goto 0003 else goto 0002\nreturn 1\nreturn 2', X86);
    expect(p[1]).toEqual(jmp(op.BPF_JGT, 5, 0, 1));
  });

  it('accepts qualified names and numbers anywhere', () => {
    const p = assemble('A = x32:read\nX = i386:socketcall\nA += aarch64:openat\nif (A == s390x:open) goto 0004 else goto 0004\nreturn 0x7fff0000', X86);
    expect(p.slice(0, 4).map((i) => i.k)).toEqual([X32_SYSCALL_BIT, 102, 56, 5]);
    expect(p[4]).toEqual(ret(op.SECCOMP_RET_ALLOW));
  });

  it('accepts .insn with any fields, and ERRNO by number', () => {
    expect(assemble('.insn code=0x99 jt=3 jf=4 k=77\n.insn code=0x6\nreturn ERRNO(38)', X86)).toEqual([
      { code: 0x99, jt: 3, jf: 4, k: 77 },
      ret(0),
      ret(op.SECCOMP_RET_ERRNO | 38),
    ]);
  });

  it('reports an unknown syscall name with its line', () => {
    expect(asmErrors('A = arch\nif (A == ARCH_X86_64) goto 0002 else goto 0004\nA = nr\nif (A == no_such_call) goto 0004\nreturn ALLOW')).toEqual([
      { line: 4, message: "unknown syscall 'no_such_call' for ABI x86_64" },
    ]);
    expect(asmErrors('A = x32:no_such_call\nreturn A')[0]).toEqual({ line: 1, message: "unknown syscall 'no_such_call' for ABI x32" });
    expect(asmErrors('A = mips:read\nreturn A')[0].message).toMatch(/unknown ABI 'mips'/);
  });

  it('refuses a plain name where the arch is not known or A does not hold nr', () => {
    expect(asmErrors('A = nr\nif (A == read) goto 0002\nreturn ALLOW')[0]).toMatchObject({ line: 2, message: expect.stringMatching(/audit arch is not known.*x86_64:read|abi:read/) });
    expect(asmErrors('A = arch\nif (A == ARCH_X86_64) goto 0002\nA = args[0].lo\nif (A == read) goto 0004\nreturn ALLOW')[0]).toMatchObject({ line: 4, message: expect.stringMatching(/A holds nr/) });
    expect(asmErrors('A = read\nreturn A')[0]).toMatchObject({ line: 1, message: expect.stringMatching(/not a known constant/) });
  });

  it('reports bad syntax with line numbers', () => {
    const errs = asmErrors('A = nr\nA ?= 3\nif A == 3 goto 0003\nreturn FOO\nreturn ERRNO\nA = 0x1g\nreturn 0x100000000\nreturn ALLOW');
    expect(errs.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7]);
    expect(errs[0].message).toMatch(/unexpected character '\?'/);
    expect(errs[1].message).toMatch(/expected '\('/);
    expect(errs[2].message).toMatch(/unknown action 'FOO'/);
    expect(errs[3].message).toMatch(/ERRNO needs a value/);
    expect(errs[4].message).toMatch(/bad number '0x1g'/);
    expect(errs[5].message).toMatch(/out of range/);
  });

  it('refuses jumps backwards, to itself, past the end, and conditionals farther than 255', () => {
    expect(asmErrors('A = nr\ngoto 0000\nreturn A')).toEqual([{ line: 2, message: 'goto goes backwards or to itself (0001 → 0000); BPF jumps only forward' }]);
    expect(asmErrors('A = nr\nif (A == 1) goto 0001 else goto 0002\nreturn A')[0].line).toBe(2);
    expect(asmErrors('A = nr\nif (A == 1) goto 0002 else goto 0009\nreturn A')[0]).toEqual({ line: 2, message: 'conditional jump target 0009 is past the last instruction (0002)' });
    const far = ['A = nr', 'if (A == 1) goto 0257 else goto 0002', ...Array.from({ length: 256 }, () => 'return A')].join('\n');
    expect(asmErrors(far.replace('goto 0257', 'goto 0258') + '\nreturn A')).toEqual([
      { line: 2, message: "conditional jump to 0258 is 256 instructions ahead, more than 255; jump to a 'goto' instead" },
    ]);
    // 255 ahead is fine.
    expect(() => assemble(far, X86)).not.toThrow();
  });

  it('refuses a label that does not match the line index', () => {
    expect(asmErrors('0000: A = nr\n0002: return A')).toEqual([{ line: 2, message: "label 0002 does not match the instruction's index 0001" }]);
  });

  it('reports every error, not just the first', () => {
    const errs = asmErrors('A = nr\nbogus\nA = 1 2\n0009: return A');
    expect(errs.map((e) => e.line)).toEqual([2, 3]);
    // Label errors come once the syntax is clean.
    expect(asmErrors('A = nr\n0009: return A').map((e) => e.line)).toEqual([2]);
  });
});

// Random programs: mostly well-formed instructions with interesting constants (arch values, syscall
// numbers of every table, x32 numbers, seccomp_data offsets), plus arbitrary garbage.
const syscallNumbers = [...new Set(Object.values(SYSCALL_TABLES).flatMap((t) => Object.values(t.syscalls)))];
const interestingK = fc.oneof(
  fc.constantFrom(...Object.values(AUDIT_ARCH)),
  fc.constantFrom(...syscallNumbers),
  fc.constantFrom(0, 4, 8, 12, 16, 20, 60, 64, 2, X32_SYSCALL_BIT, op.SECCOMP_RET_ALLOW, op.SECCOMP_RET_ERRNO | 1),
  fc.integer({ min: 0, max: 0xffffffff }),
);
const classicCodes = [...CLASSIC_CODES];

function arbProgram(maxLength: number): fc.Arbitrary<Insn[]> {
  return fc.integer({ min: 1, max: maxLength }).chain((n) =>
    fc.tuple(
      ...Array.from({ length: n }, (_, i) => {
        const left = Math.max(0, n - i - 2);
        const inRange = fc.integer({ min: 0, max: Math.min(left, 255) });
        const anyOff = fc.oneof({ weight: 9, arbitrary: inRange }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 255 }) });
        return fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom(op.OFFSET_NR, op.OFFSET_ARCH, 16, 20, 8).map(ld) },
          { weight: 6, arbitrary: fc.tuple(fc.constantFrom(op.BPF_JEQ, op.BPF_JGT, op.BPF_JGE, op.BPF_JSET), interestingK, anyOff, anyOff).map(([o, k, t, f]) => jmp(o, k, t, f)) },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom(op.BPF_JEQ, op.BPF_JSET), anyOff, anyOff).map(([o, t, f]) => jmp(o, 0, t, f, BPF_X)) },
          { weight: 1, arbitrary: fc.oneof(inRange, fc.integer({ min: 0, max: 0xffffffff })).map((k) => insn(BPF_JMP | op.BPF_JA, k)) },
          { weight: 3, arbitrary: fc.tuple(fc.constantFrom(...classicCodes), interestingK).map(([c, k]) => insn(c, k)) },
          { weight: 2, arbitrary: interestingK.map(ret) },
          { weight: 1, arbitrary: fc.constantFrom(op.BPF_ST, op.BPF_STX, BPF_LD | BPF_MEM, BPF_LDX | BPF_MEM, BPF_MISC | op.BPF_TAX, BPF_MISC | op.BPF_TXA).chain((c) => fc.integer({ min: 0, max: 17 }).map((k) => insn(c, k))) },
          {
            weight: 1,
            arbitrary: fc.record({
              code: fc.integer({ min: 0, max: 0xffff }),
              jt: fc.integer({ min: 0, max: 0xff }),
              jf: fc.integer({ min: 0, max: 0xff }),
              k: fc.integer({ min: 0, max: 0xffffffff }),
            }),
          },
        );
      }),
    ),
  );
}

describe('round trip', () => {
  it('assemble(disassemble(p)) deep-equals p for random programs on every arch', () => {
    fc.assert(
      fc.property(arbProgram(40), fc.constantFrom(...Object.values(ARCHES)), fc.boolean(), (p, arch, names) => {
        const text = disassemble(p, arch, { names });
        expect(assemble(text, arch)).toEqual(p);
      }),
      { numRuns: 1500 },
    );
  });

  it('names syscalls in random programs that dispatch on arch', () => {
    // A structured prefix makes sure names actually appear (and round-trip) in the property.
    let named = 0;
    fc.assert(
      fc.property(arbProgram(20), fc.constantFrom(AUDIT_ARCH.X86_64, AUDIT_ARCH.I386), (rest, archValue) => {
        const p = [ld(op.OFFSET_ARCH), jmp(op.BPF_JEQ, archValue, 1, 0), ret(0), ld(op.OFFSET_NR), ...rest];
        const text = disassemble(p, X86);
        if (/if \(A [=>]+ [a-z_]/.test(text)) named++;
        expect(assemble(text, X86)).toEqual(p);
      }),
      { numRuns: 500 },
    );
    expect(named).toBeGreaterThan(20);
  });
});
