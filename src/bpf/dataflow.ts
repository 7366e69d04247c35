// A forward dataflow over a classic BPF program that tracks what A, X and the scratch cells hold
// (the syscall number, the audit arch, or something else) and which audit arch is known on every
// path to each instruction. The disassembler uses it to print syscall numbers by name and the
// assembler to resolve those names; both run it on the same instructions, so the round trip holds.
// Jumps only go forward, so one pass in index order visits every predecessor before its successors.

import { type Insn } from './insn.js';
import * as op from './opcodes.js';
import { isCondJump } from './verify.js';

/** What a register or scratch cell is known to hold. */
export const Tag = { Other: 0, Nr: 1, Arch: 2 } as const;
export type Tag = (typeof Tag)[keyof typeof Tag];

export interface FlowState {
  a: Tag;
  x: Tag;
  /** One tag per scratch cell. */
  mem: Tag[];
  /** The value of seccomp_data.arch if every path here has compared it equal to a constant. */
  arch: number | undefined;
}

const entryState = (): FlowState => ({ a: Tag.Other, x: Tag.Other, mem: new Array<Tag>(op.BPF_MEMWORDS).fill(Tag.Other), arch: undefined });

function join(s: FlowState | undefined, t: FlowState): FlowState {
  if (!s) return { a: t.a, x: t.x, mem: t.mem.slice(), arch: t.arch };
  return {
    a: s.a === t.a ? s.a : Tag.Other,
    x: s.x === t.x ? s.x : Tag.Other,
    mem: s.mem.map((m, i) => (m === t.mem[i] ? m : Tag.Other)),
    arch: s.arch === t.arch ? s.arch : undefined,
  };
}

const LD_W_ABS = op.BPF_LD | op.BPF_W | op.BPF_ABS;
const LD_MEM = op.BPF_LD | op.BPF_MEM;
const LDX_MEM = op.BPF_LDX | op.BPF_MEM;
const TAX = op.BPF_MISC | op.BPF_TAX;
const TXA = op.BPF_MISC | op.BPF_TXA;
const JA = op.BPF_JMP | op.BPF_JA;
const JEQ_K = op.BPF_JMP | op.BPF_JEQ | op.BPF_K;

/**
 * The state before each instruction; undefined for an instruction no path reaches. Works on any
 * instruction array (jumps outside the program and unknown jump opcodes simply lead nowhere).
 */
export function analyzeFlow(insns: readonly Insn[]): (FlowState | undefined)[] {
  const n = insns.length;
  const states: (FlowState | undefined)[] = new Array(n).fill(undefined);
  if (n === 0) return states;
  states[0] = entryState();
  const flow = (target: number, s: FlowState) => {
    if (Number.isInteger(target) && target < n) states[target] = join(states[target], s);
  };
  for (let i = 0; i < n; i++) {
    const s = states[i];
    if (!s) continue;
    const { code, jt, jf } = insns[i];
    const k = insns[i].k >>> 0;
    const out: FlowState = { a: s.a, x: s.x, mem: s.mem, arch: s.arch };
    switch (op.bpfClass(code)) {
      case op.BPF_LD:
        out.a = code === LD_W_ABS ? (k === op.OFFSET_NR ? Tag.Nr : k === op.OFFSET_ARCH ? Tag.Arch : Tag.Other)
          : code === LD_MEM && k < op.BPF_MEMWORDS ? s.mem[k]
          : Tag.Other;
        break;
      case op.BPF_LDX:
        out.x = code === LDX_MEM && k < op.BPF_MEMWORDS ? s.mem[k] : Tag.Other;
        break;
      case op.BPF_ST:
      case op.BPF_STX: {
        const exact = code === op.BPF_ST || code === op.BPF_STX;
        if (exact && k < op.BPF_MEMWORDS) {
          out.mem = s.mem.slice();
          out.mem[k] = code === op.BPF_ST ? s.a : s.x;
        } else {
          out.mem = entryState().mem;
        }
        break;
      }
      case op.BPF_ALU:
        out.a = Tag.Other;
        break;
      case op.BPF_MISC:
        if (code === TAX) out.x = s.a;
        else if (code === TXA) out.a = s.x;
        else {
          out.a = Tag.Other;
          out.x = Tag.Other;
        }
        break;
      case op.BPF_RET:
        continue;
      case op.BPF_JMP:
        if (code === JA) flow(i + 1 + k, out);
        else if (isCondJump(code)) {
          const onTrue = code === JEQ_K && s.a === Tag.Arch ? { ...out, arch: k } : out;
          flow(i + 1 + jt, onTrue);
          flow(i + 1 + jf, out);
        }
        continue;
    }
    flow(i + 1, out);
  }
  return states;
}
