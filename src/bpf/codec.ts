// struct sock_filter ↔ bytes: { __u16 code; __u8 jt; __u8 jf; __u32 k; }, 8 bytes per instruction,
// multi-byte fields in the target's byte order. This is what bwrap reads from its --seccomp fd.

import type { Endian } from '../arch.js';
import { INSN_SIZE, type Insn } from './insn.js';

function checkField(index: number, name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(
      `instruction ${index}: ${name} = ${String(value)} does not fit struct sock_filter (0..${max})`,
    );
  }
}

/** Encodes a program as an array of struct sock_filter in the given byte order. */
export function encodeProgram(insns: readonly Insn[], endian: Endian): Buffer {
  const buf = Buffer.alloc(insns.length * INSN_SIZE);
  const le = endian === 'little';
  insns.forEach((ins, i) => {
    checkField(i, 'code', ins.code, 0xffff);
    checkField(i, 'jt', ins.jt, 0xff);
    checkField(i, 'jf', ins.jf, 0xff);
    checkField(i, 'k', ins.k, 0xffffffff);
    const off = i * INSN_SIZE;
    if (le) {
      buf.writeUInt16LE(ins.code, off);
      buf.writeUInt32LE(ins.k, off + 4);
    } else {
      buf.writeUInt16BE(ins.code, off);
      buf.writeUInt32BE(ins.k, off + 4);
    }
    buf.writeUInt8(ins.jt, off + 2);
    buf.writeUInt8(ins.jf, off + 3);
  });
  return buf;
}

/** Decodes an array of struct sock_filter; throws if the length is 0 or not a multiple of 8 bytes. */
export function decodeProgram(bytes: Uint8Array, endian: Endian): Insn[] {
  if (bytes.length === 0) throw new Error('BPF program is empty (0 bytes)');
  if (bytes.length % INSN_SIZE !== 0) {
    throw new Error(
      `BPF program length ${bytes.length} bytes is not a multiple of ${INSN_SIZE} (sizeof struct sock_filter)`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = endian === 'little';
  const out: Insn[] = [];
  for (let off = 0; off < bytes.length; off += INSN_SIZE) {
    out.push({
      code: view.getUint16(off, le),
      jt: view.getUint8(off + 2),
      jf: view.getUint8(off + 3),
      k: view.getUint32(off + 4, le),
    });
  }
  return out;
}
