// Runs a seccomp filter as the kernel does: checked first (the kernel refuses to load what
// checkProgram refuses), then interpreted with the semantics of the classic→eBPF translation
// (net/core/filter.c, bpf_convert_filter) and the eBPF interpreter: A and X start at 0 and are 32-bit
// unsigned, 16 scratch words, unsigned compares, jumps relative to the next instruction, a division by
// X == 0 ends the program with return value 0, a shift by X uses X's low 5 bits.

import type { Endian } from '../arch.js';
import { type Insn } from './insn.js';
import * as op from './opcodes.js';
import { checkProgram } from './verify.js';

/** struct seccomp_data, with 64-bit fields as bigints (taken modulo 2^64). */
export interface SeccompData {
  nr: number;
  arch: number;
  instructionPointer: bigint;
  /** 6 × u64; missing entries count as 0. */
  args: bigint[];
}

export interface RunResult {
  /** The filter's 32-bit return value (unsigned). */
  ret: number;
  /** Instructions executed, the final RET included. */
  executed: number;
}

/**
 * Writes struct seccomp_data into `view` as the kernel lays it out for that byte order: nr at 0, arch
 * at 4, instruction_pointer at 8, args[i] at 16 + 8i, each a native-order integer (so a 64-bit value
 * has its low word first on little-endian and its high word first on big-endian). setBigUint64 takes
 * the values modulo 2^64.
 */
function layOut(data: SeccompData, endian: Endian, view: DataView): void {
  const le = endian === 'little';
  // Literal offsets (OFFSET_NR, OFFSET_ARCH, OFFSET_IP, offsetOfArg(i)): this runs once per emulated syscall.
  view.setUint32(0, data.nr >>> 0, le);
  view.setUint32(4, data.arch >>> 0, le);
  view.setBigUint64(8, data.instructionPointer, le);
  const args = data.args;
  for (let i = 0; i < 6; i++) view.setBigUint64(16 + 8 * i, args[i] ?? 0n, le);
}

/** The 64 bytes of struct seccomp_data as the kernel lays them out in memory for that byte order. */
export function serializeSeccompData(data: SeccompData, endian: Endian): Buffer {
  const buf = Buffer.alloc(op.SECCOMP_DATA_SIZE);
  layOut(data, endian, new DataView(buf.buffer, buf.byteOffset, buf.byteLength));
  return buf;
}

const scratchView = new DataView(new ArrayBuffer(64));

/**
 * What a 32-bit load (LD W ABS) at offset 4*i of seccomp_data reads, for i = 0..15: the struct laid
 * out in that byte order, read back one native-order word at a time.
 */
export function seccompDataWords(data: SeccompData, endian: Endian, out = new Uint32Array(16)): Uint32Array {
  const le = endian === 'little';
  layOut(data, endian, scratchView);
  for (let i = 0; i < 16; i++) out[i] = scratchView.getUint32(4 * i, le);
  return out;
}

export interface PreparedProgram {
  /** A copy of the program as checked. */
  readonly insns: readonly Insn[];
  /** Runs the filter on one seccomp_data laid out in the given byte order. */
  run(data: SeccompData, endian: Endian): RunResult;
  /** Runs the filter on seccomp_data given as the 16 words 32-bit loads read (see seccompDataWords). */
  runWords(words: Uint32Array): RunResult;
}

/**
 * Checks the program once (throws BpfCheckError as checkProgram does) and returns a runner that
 * interprets it quickly, for property tests that run it on many inputs.
 */
export function prepare(insns: readonly Insn[]): PreparedProgram {
  checkProgram(insns);
  const n = insns.length;
  const codes = new Uint16Array(n);
  const jts = new Uint8Array(n);
  const jfs = new Uint8Array(n);
  const ks = new Uint32Array(n);
  insns.forEach((ins, i) => {
    codes[i] = ins.code;
    jts[i] = ins.jt;
    jfs[i] = ins.jf;
    ks[i] = ins.k;
  });
  const copy = insns.map((i) => ({ code: i.code, jt: i.jt, jf: i.jf, k: i.k }));
  // The checker proves every scratch cell is written before it is read, so one buffer serves all runs.
  const mem = new Uint32Array(op.BPF_MEMWORDS);
  const scratchWords = new Uint32Array(16);

  // The switch uses literal opcodes (include/uapi/linux/filter.h values) so that it compiles to a
  // jump table; the tests exercise each one through the named constants of opcodes.ts.
  const runWords = (w: Uint32Array): RunResult => {
    let a = 0;
    let x = 0;
    let pc = 0;
    let executed = 0;
    for (;;) {
      executed++;
      const code = codes[pc];
      const k = ks[pc];
      switch (code) {
        case 0x20: /* LD W ABS */ a = w[k >>> 2]; break;
        case 0x80: /* LD W LEN */ a = 64; break;
        case 0x81: /* LDX W LEN */ x = 64; break;
        case 0x00: /* LD IMM */ a = k; break;
        case 0x01: /* LDX IMM */ x = k; break;
        case 0x60: /* LD MEM */ a = mem[k]; break;
        case 0x61: /* LDX MEM */ x = mem[k]; break;
        case 0x02: /* ST */ mem[k] = a; break;
        case 0x03: /* STX */ mem[k] = x; break;
        case 0x07: /* TAX */ x = a; break;
        case 0x87: /* TXA */ a = x; break;
        case 0x06: /* RET K */ return { ret: k, executed };
        case 0x16: /* RET A */ return { ret: a, executed };

        case 0x04: /* ADD K */ a = (a + k) >>> 0; break;
        case 0x0c: /* ADD X */ a = (a + x) >>> 0; break;
        case 0x14: /* SUB K */ a = (a - k) >>> 0; break;
        case 0x1c: /* SUB X */ a = (a - x) >>> 0; break;
        case 0x24: /* MUL K */ a = Math.imul(a, k) >>> 0; break;
        case 0x2c: /* MUL X */ a = Math.imul(a, x) >>> 0; break;
        case 0x34: /* DIV K */ a = Math.floor(a / k) >>> 0; break;
        case 0x3c: /* DIV X */
          if (x === 0) return { ret: 0, executed };
          a = Math.floor(a / x) >>> 0;
          break;
        case 0x54: /* AND K */ a = (a & k) >>> 0; break;
        case 0x5c: /* AND X */ a = (a & x) >>> 0; break;
        case 0x44: /* OR K */ a = (a | k) >>> 0; break;
        case 0x4c: /* OR X */ a = (a | x) >>> 0; break;
        case 0xa4: /* XOR K */ a = (a ^ k) >>> 0; break;
        case 0xac: /* XOR X */ a = (a ^ x) >>> 0; break;
        // JS shifts use the low 5 bits of the count, as the kernel's interpreter does (K < 32 is checked).
        case 0x64: /* LSH K */ a = (a << k) >>> 0; break;
        case 0x6c: /* LSH X */ a = (a << (x & 31)) >>> 0; break;
        case 0x74: /* RSH K */ a = a >>> k; break;
        case 0x7c: /* RSH X */ a = a >>> (x & 31); break;
        case 0x84: /* NEG */ a = -a >>> 0; break;

        case 0x05: /* JA */ pc += k; break;
        case 0x15: /* JEQ K */ pc += a === k ? jts[pc] : jfs[pc]; break;
        case 0x1d: /* JEQ X */ pc += a === x ? jts[pc] : jfs[pc]; break;
        case 0x25: /* JGT K */ pc += a > k ? jts[pc] : jfs[pc]; break;
        case 0x2d: /* JGT X */ pc += a > x ? jts[pc] : jfs[pc]; break;
        case 0x35: /* JGE K */ pc += a >= k ? jts[pc] : jfs[pc]; break;
        case 0x3d: /* JGE X */ pc += a >= x ? jts[pc] : jfs[pc]; break;
        case 0x45: /* JSET K */ pc += (a & k) !== 0 ? jts[pc] : jfs[pc]; break;
        case 0x4d: /* JSET X */ pc += (a & x) !== 0 ? jts[pc] : jfs[pc]; break;
        default:
          // Unreachable after checkProgram.
          throw new Error(`emulator: unexpected opcode 0x${code.toString(16)} at ${pc}`);
      }
      pc++;
    }
  };

  return {
    insns: copy,
    runWords,
    run: (data, endian) => runWords(seccompDataWords(data, endian, scratchWords)),
  };
}

const preparedCache = new WeakMap<readonly Insn[], PreparedProgram>();

function sameProgram(a: readonly Insn[], b: readonly Insn[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const p = a[i];
    const q = b[i];
    if (p.code !== q.code || p.jt !== q.jt || p.jf !== q.jf || p.k !== q.k) return false;
  }
  return true;
}

function isPrepared(p: readonly Insn[] | PreparedProgram): p is PreparedProgram {
  return typeof (p as PreparedProgram).runWords === 'function';
}

/**
 * Checks (throws BpfCheckError for a program the kernel would refuse) and runs a filter on one
 * seccomp_data. Accepts a PreparedProgram to skip the check; a plain array is prepared once and
 * remembered (re-checked if the array's contents change).
 */
export function runProgram(program: readonly Insn[] | PreparedProgram, data: SeccompData, endian: Endian): RunResult {
  if (isPrepared(program)) return program.run(data, endian);
  let p = preparedCache.get(program);
  if (!p || !sameProgram(p.insns, program)) {
    p = prepare(program);
    preparedCache.set(program, p);
  }
  return p.run(data, endian);
}

const KNOWN_ACTIONS: ReadonlySet<number> = new Set([
  op.SECCOMP_RET_KILL_PROCESS,
  op.SECCOMP_RET_KILL_THREAD,
  op.SECCOMP_RET_TRAP,
  op.SECCOMP_RET_ERRNO,
  op.SECCOMP_RET_USER_NOTIF,
  op.SECCOMP_RET_TRACE,
  op.SECCOMP_RET_LOG,
  op.SECCOMP_RET_ALLOW,
]);

/**
 * The action the kernel takes for a filter's return value (kernel/seccomp.c, __seccomp_filter): the
 * top 16 bits; an action value it does not know is handled as SECCOMP_RET_KILL_PROCESS.
 */
export function seccompAction(ret: number): number {
  const action = (ret & op.SECCOMP_RET_ACTION_FULL) >>> 0;
  return KNOWN_ACTIONS.has(action) ? action : op.SECCOMP_RET_KILL_PROCESS;
}

/** MAX_ERRNO (include/linux/err.h): the kernel caps SECCOMP_RET_ERRNO's data at this. */
export const MAX_ERRNO = 4095;

/** The errno a SECCOMP_RET_ERRNO return value makes the syscall fail with, or undefined for other actions. */
export function seccompErrno(ret: number): number | undefined {
  if (seccompAction(ret) !== op.SECCOMP_RET_ERRNO) return undefined;
  return Math.min(ret & op.SECCOMP_RET_DATA, MAX_ERRNO);
}
