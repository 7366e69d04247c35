// BPF → readable text, one instruction per line, in the spirit of seccomp-tools:
//   0003: A = nr
//   0004: if (A == openat) goto 0011 else goto 0005
//   0005: return ERRNO(EPERM)
// The zero-padded index doubles as the jump label. Syscall numbers are printed by name wherever A
// holds `nr` and the audit arch is known on every path (see dataflow.ts), arch values by name.
// Whatever has no exact statement form (unknown opcodes, stray bits in unused fields, jumps that leave
// the program) prints as `.insn code=… jt=… jf=… k=…`, so assemble(disassemble(p)) always gives p back.

import type { ArchDescriptor } from '../arch.js';
import { describeRet } from './action.js';
import { analyzeFlow, Tag, type FlowState } from './dataflow.js';
import { type Insn } from './insn.js';
import { archLabel, syscallLabel } from './names.js';
import * as op from './opcodes.js';

export interface DisassembleOptions {
  /** The `# sandbox-seccomp BPF, arch …` first line (default true). */
  header?: boolean;
  /** Syscall and arch names instead of numbers where known (default true). */
  names?: boolean;
}

/** Decimal below 10, hex above: 3, 0x40000000. */
export function formatNumber(n: number): string {
  const u = n >>> 0;
  return u < 10 ? String(u) : `0x${u.toString(16)}`;
}

export const ALU_SYMBOLS: Readonly<Record<number, string>> = {
  [op.BPF_ADD]: '+=',
  [op.BPF_SUB]: '-=',
  [op.BPF_MUL]: '*=',
  [op.BPF_DIV]: '/=',
  [op.BPF_OR]: '|=',
  [op.BPF_AND]: '&=',
  [op.BPF_LSH]: '<<=',
  [op.BPF_RSH]: '>>=',
  [op.BPF_MOD]: '%=',
  [op.BPF_XOR]: '^=',
};

export const JUMP_SYMBOLS: Readonly<Record<number, string>> = {
  [op.BPF_JEQ]: '==',
  [op.BPF_JGT]: '>',
  [op.BPF_JGE]: '>=',
  [op.BPF_JSET]: '&',
};

/** The statement for a 32-bit load at `offset` of seccomp_data in the given byte order. */
export function dataLoadName(offset: number, endian: 'little' | 'big'): string {
  const k = offset >>> 0;
  if (k === op.OFFSET_NR) return 'nr';
  if (k === op.OFFSET_ARCH) return 'arch';
  if (k % 4 === 0 && k >= op.OFFSET_IP && k < op.SECCOMP_DATA_SIZE) {
    // Little-endian: the low word at the lower offset; big-endian: the high word.
    const first = endian === 'little' ? 'lo' : 'hi';
    const second = endian === 'little' ? 'hi' : 'lo';
    const half = k % 8 === 0 ? first : second;
    if (k < 16) return `instruction_pointer.${half}`;
    return `args[${(k - 16) >> 3}].${half}`;
  }
  return `data[${formatNumber(k)}]`;
}

export function labelWidth(count: number): number {
  return Math.max(4, String(Math.max(0, count - 1)).length);
}

const formatRaw = (i: Insn) =>
  `.insn code=0x${i.code.toString(16).padStart(2, '0')} jt=${i.jt} jf=${i.jf} k=0x${(i.k >>> 0).toString(16)}`;

function statement(ins: Insn, index: number, count: number, state: FlowState | undefined, arch: ArchDescriptor, names: boolean, width: number): string {
  const { code, jt, jf } = ins;
  const k = ins.k >>> 0;
  const raw = formatRaw(ins);
  const label = (t: number) => String(t).padStart(width, '0');
  const noJumps = jt === 0 && jf === 0;
  const noK = noJumps && k === 0;

  switch (code) {
    case op.BPF_LD | op.BPF_W | op.BPF_ABS: return noJumps ? `A = ${dataLoadName(k, arch.endian)}` : raw;
    case op.BPF_LD | op.BPF_W | op.BPF_LEN: return noK ? 'A = len' : raw;
    case op.BPF_LDX | op.BPF_W | op.BPF_LEN: return noK ? 'X = len' : raw;
    case op.BPF_LD | op.BPF_IMM: return noJumps ? `A = ${formatNumber(k)}` : raw;
    case op.BPF_LDX | op.BPF_IMM: return noJumps ? `X = ${formatNumber(k)}` : raw;
    case op.BPF_LD | op.BPF_MEM: return noJumps ? `A = mem[${k}]` : raw;
    case op.BPF_LDX | op.BPF_MEM: return noJumps ? `X = mem[${k}]` : raw;
    case op.BPF_ST: return noJumps ? `mem[${k}] = A` : raw;
    case op.BPF_STX: return noJumps ? `mem[${k}] = X` : raw;
    case op.BPF_MISC | op.BPF_TAX: return noK ? 'X = A' : raw;
    case op.BPF_MISC | op.BPF_TXA: return noK ? 'A = X' : raw;
    case op.BPF_ALU | op.BPF_NEG: return noK ? 'A = -A' : raw;
    case op.BPF_RET | op.BPF_K: return noJumps ? `return ${describeRet(k)}` : raw;
    case op.BPF_RET | op.BPF_A: return noK ? 'return A' : raw;
    case op.BPF_JMP | op.BPF_JA: {
      const target = index + 1 + k;
      return noJumps && target < count ? `goto ${label(target)}` : raw;
    }
  }

  const cls = op.bpfClass(code);
  if (cls === op.BPF_ALU && (code & ~0xf8) === op.BPF_ALU) {
    const sym = ALU_SYMBOLS[op.bpfOp(code)];
    if (sym === undefined || !noJumps) return raw;
    if (op.bpfSrc(code) === op.BPF_X) return k === 0 ? `A ${sym} X` : raw;
    const shift = op.bpfOp(code) === op.BPF_LSH || op.bpfOp(code) === op.BPF_RSH;
    return `A ${sym} ${shift ? String(k) : formatNumber(k)}`;
  }
  if (cls === op.BPF_JMP && (code & ~0xf8) === op.BPF_JMP) {
    const sym = JUMP_SYMBOLS[op.bpfOp(code)];
    if (sym === undefined) return raw;
    const t = index + 1 + jt;
    const f = index + 1 + jf;
    if (t >= count || f >= count) return raw;
    let operand: string;
    if (op.bpfSrc(code) === op.BPF_X) {
      if (k !== 0) return raw;
      operand = 'X';
    } else {
      operand = formatNumber(k);
      if (names && state && op.bpfOp(code) !== op.BPF_JSET) {
        if (state.a === Tag.Nr && state.arch !== undefined) operand = syscallLabel(state.arch, k) ?? operand;
        else if (state.a === Tag.Arch) operand = archLabel(k) ?? operand;
      }
    }
    return `if (A ${sym} ${operand}) goto ${label(t)} else goto ${label(f)}`;
  }
  return raw;
}

/** The text form of a program; `assemble(disassemble(p, arch), arch)` deep-equals p. */
export function disassemble(insns: readonly Insn[], arch: ArchDescriptor, opts: DisassembleOptions = {}): string {
  const names = opts.names ?? true;
  const states = names ? analyzeFlow(insns) : [];
  const width = labelWidth(insns.length);
  const lines: string[] = [];
  if (opts.header ?? true) {
    const n = insns.length;
    lines.push(`# sandbox-seccomp BPF, arch ${arch.name} (${arch.endian}-endian), ${n} instruction${n === 1 ? '' : 's'}`);
  }
  insns.forEach((ins, i) => {
    lines.push(`${String(i).padStart(width, '0')}: ${statement(ins, i, insns.length, states[i], arch, names, width)}`);
  });
  return lines.join('\n') + '\n';
}
