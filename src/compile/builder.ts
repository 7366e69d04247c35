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
    // Inserting a trampoline lengthens the jumps that cross it, so fix one far jump at a time and
    // look again. Far jumps are rare (only in very large programs), so the quadratic worst case is moot.
    for (;;) {
      const pos = labelPositions(items);
      let index = 0;
      let fixedOne = false;
      for (let i = 0; i < items.length && !fixedOne; i++) {
        const item = items[i];
        if (item.kind === 'label') continue;
        if (item.kind === 'cond') {
          const far = (l: Label) => at(pos, l) - (index + 1) > MAX_COND_JUMP;
          if (far(item.jt) || far(item.jf)) {
            // A JA right after the branch carries each far side; a near side keeps its label.
            const inserted: Item[] = [];
            const bridge = new Map<Label, Label>();
            for (const side of ['jt', 'jf'] as const) {
              const target = item[side];
              if (!far(target)) continue;
              let l = bridge.get(target);
              if (l === undefined) {
                l = this.newLabel();
                bridge.set(target, l);
                inserted.push({ kind: 'label', label: l }, { kind: 'ja', target });
              }
              items[i] = { ...(items[i] as typeof item), [side]: l };
            }
            items.splice(i + 1, 0, ...inserted);
            fixedOne = true;
          }
        }
        index++;
      }
      if (!fixedOne) return resolve(items);
    }
  }
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
