import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProgram, encodeProgram } from '../src/bpf/codec.js';
import { insn, type Insn } from '../src/bpf/insn.js';

const arbInsn: fc.Arbitrary<Insn> = fc.record({
  code: fc.integer({ min: 0, max: 0xffff }),
  jt: fc.integer({ min: 0, max: 0xff }),
  jf: fc.integer({ min: 0, max: 0xff }),
  k: fc.integer({ min: 0, max: 0xffffffff }),
});

describe('encodeProgram', () => {
  const prog = [insn(0x15, 0xc000003e, 1, 2), insn(0x06, 0x7fff0000)];

  it('writes struct sock_filter little-endian', () => {
    expect([...encodeProgram(prog, 'little')]).toEqual([
      0x15, 0x00, 0x01, 0x02, 0x3e, 0x00, 0x00, 0xc0,
      0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x7f,
    ]);
  });

  it('writes struct sock_filter big-endian (jt and jf are single bytes either way)', () => {
    expect([...encodeProgram(prog, 'big')]).toEqual([
      0x00, 0x15, 0x01, 0x02, 0xc0, 0x00, 0x00, 0x3e,
      0x00, 0x06, 0x00, 0x00, 0x7f, 0xff, 0x00, 0x00,
    ]);
  });

  it('is 8 bytes per instruction', () => {
    expect(encodeProgram(prog, 'little').length).toBe(16);
    expect(encodeProgram([], 'little').length).toBe(0);
  });

  it('refuses fields that do not fit', () => {
    expect(() => encodeProgram([{ code: 0x10000, jt: 0, jf: 0, k: 0 }], 'little')).toThrow(/instruction 0: code/);
    expect(() => encodeProgram([insn(6), { code: 6, jt: 256, jf: 0, k: 0 }], 'big')).toThrow(/instruction 1: jt/);
    expect(() => encodeProgram([{ code: 6, jt: 0, jf: -1, k: 0 }], 'big')).toThrow(/jf/);
    expect(() => encodeProgram([{ code: 6, jt: 0, jf: 0, k: 2 ** 32 }], 'big')).toThrow(/k = 4294967296/);
    expect(() => encodeProgram([{ code: 6, jt: 0, jf: 0, k: 1.5 }], 'big')).toThrow(/k/);
  });
});

describe('decodeProgram', () => {
  it('reads both byte orders', () => {
    const le = Uint8Array.from([0x15, 0x00, 0x01, 0x02, 0x3e, 0x00, 0x00, 0xc0]);
    const be = Uint8Array.from([0x00, 0x15, 0x01, 0x02, 0xc0, 0x00, 0x00, 0x3e]);
    const want = [{ code: 0x15, jt: 1, jf: 2, k: 0xc000003e }];
    expect(decodeProgram(le, 'little')).toEqual(want);
    expect(decodeProgram(be, 'big')).toEqual(want);
    // The wrong byte order gives a different program.
    expect(decodeProgram(le, 'big')).not.toEqual(want);
  });

  it('honours the byte offset of a view into a larger buffer', () => {
    const big = new Uint8Array(24);
    big.set([0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0x7f], 8);
    expect(decodeProgram(big.subarray(8, 16), 'little')).toEqual([{ code: 6, jt: 0, jf: 0, k: 0x7fff0000 }]);
  });

  it('throws on an empty buffer', () => {
    expect(() => decodeProgram(new Uint8Array(0), 'little')).toThrow(/empty \(0 bytes\)/);
  });

  it('throws on a length that is not a multiple of 8, saying the length', () => {
    expect(() => decodeProgram(new Uint8Array(12), 'little')).toThrow(/length 12 bytes is not a multiple of 8/);
    expect(() => decodeProgram(new Uint8Array(7), 'big')).toThrow(/length 7 bytes/);
  });

  it('round-trips any program in either byte order', () => {
    fc.assert(
      fc.property(fc.array(arbInsn, { minLength: 1, maxLength: 50 }), fc.constantFrom('little' as const, 'big' as const), (p, endian) => {
        expect(decodeProgram(encodeProgram(p, endian), endian)).toEqual(p);
      }),
    );
  });
});
