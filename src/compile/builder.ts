// Emits BPF with symbolic jump targets, then lays it out: resolves labels to the relative offsets
// classic BPF uses, and bridges conditional jumps longer than 255 instructions with JA trampolines.

import { type Insn } from '../bpf/insn.js';
import { BPF_JA, BPF_JMP, BPF_K, BPF_RET } from '../bpf/opcodes.js';

export type Label = number;

type Item =
  | { kind: 'label'; label: Label }
  | { kind: 'plain'; code: number; k: number }
  | { kind: 'cond'; code: number; k: number; jt: Label; jf: Label }
  | { kind: 'ja'; target: Label };

const MAX_COND_JUMP = 255;

export class ProgramBuilder {
  private items: Item[] = [];
  private nextLabel = 0;

  newLabel(): Label {
    return this.nextLabel++;
  }

  /** The next instruction emitted is the target of `label`. */
  place(label: Label): void {
    this.items.push({ kind: 'label', label });
  }

  /** A non-jump instruction. */
  emit(code: number, k = 0): void {
    this.items.push({ kind: 'plain', code, k: k >>> 0 });
  }

  /** A conditional jump (JEQ/JGT/JGE/JSET | K or X); both targets must lie ahead. */
  branch(code: number, k: number, jt: Label, jf: Label): void {
    this.items.push({ kind: 'cond', code, k: k >>> 0, jt, jf });
  }

  jump(target: Label): void {
    this.items.push({ kind: 'ja', target });
  }

  ret(k: number): void {
    this.emit(BPF_RET | BPF_K, k);
  }

  /** Resolves every label; throws if a jump goes backwards or to a label never placed. */
  build(): Insn[] {
    const items = this.items.slice();
    // A trampoline lengthens the jumps that cross it, so repeat until no jump is too long. Distances
    // only grow, so a jump found far in one pass is still far after the insertions of that pass.
    for (;;) {
      const pos = labelPositions(items);
      const far: [number, number][] = []; // [item index, instruction index] of jumps with a side too far
      let index = 0;
      items.forEach((item, i) => {
        if (item.kind === 'label') return;
        if (item.kind === 'cond' && (distance(pos, item.jt, index) > MAX_COND_JUMP || distance(pos, item.jf, index) > MAX_COND_JUMP)) far.push([i, index]);
        index++;
      });
      if (far.length === 0) return resolve(items);
      // From the back, so that the item indexes still to visit stay valid.
      for (const [i, here] of far.reverse()) {
        const item = items[i] as Extract<Item, { kind: 'cond' }>;
        const fixed = { ...item };
        const inserted: Item[] = [];
        const bridge = new Map<Label, Label>();
        for (const side of ['jt', 'jf'] as const) {
          const target = item[side];
          if (distance(pos, target, here) <= MAX_COND_JUMP) continue;
          let l = bridge.get(target);
          if (l === undefined) {
            l = this.newLabel();
            bridge.set(target, l);
            inserted.push({ kind: 'label', label: l }, { kind: 'ja', target });
          }
          fixed[side] = l;
        }
        items[i] = fixed;
        items.splice(i + 1, 0, ...inserted);
      }
    }
  }
}

function distance(pos: Map<Label, number>, target: Label, from: number): number {
  return at(pos, target) - (from + 1);
}

function labelPositions(items: Item[]): Map<Label, number> {
  const pos = new Map<Label, number>();
  let index = 0;
  for (const item of items) {
    if (item.kind === 'label') pos.set(item.label, index);
    else index++;
  }
  return pos;
}

function at(pos: Map<Label, number>, l: Label): number {
  const p = pos.get(l);
  if (p === undefined) throw new Error(`internal: label ${l} was never placed`);
  return p;
}

function resolve(items: Item[]): Insn[] {
  const pos = labelPositions(items);
  const out: Insn[] = [];
  for (const item of items) {
    if (item.kind === 'label') continue;
    const here = out.length;
    const rel = (l: Label) => {
      const d = at(pos, l) - (here + 1);
      if (d < 0) throw new Error(`internal: backward jump at instruction ${here}`);
      return d;
    };
    if (item.kind === 'plain') out.push({ code: item.code, jt: 0, jf: 0, k: item.k });
    else if (item.kind === 'ja') out.push({ code: BPF_JMP | BPF_JA, jt: 0, jf: 0, k: rel(item.target) });
    else {
      const jt = rel(item.jt);
      const jf = rel(item.jf);
      if (jt > MAX_COND_JUMP || jf > MAX_COND_JUMP) throw new Error(`internal: jump too far at instruction ${here}`);
      out.push({ code: item.code, jt, jf, k: item.k });
    }
  }
  return out;
}
