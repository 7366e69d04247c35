/** One struct sock_filter: { __u16 code; __u8 jt; __u8 jf; __u32 k; }. k is kept as an unsigned 32-bit number. */
export interface Insn {
  code: number;
  jt: number;
  jf: number;
  k: number;
}

export const INSN_SIZE = 8;

export const insn = (code: number, k = 0, jt = 0, jf = 0): Insn => ({ code, jt, jf, k: k >>> 0 });
