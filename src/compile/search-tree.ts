// A balanced search over the syscall number line. The number line is cut into segments of equal
// outcome (runs of neighbouring numbers merge, gaps take the default), and the tree only ever
// compares A (holding nr) against constants with JGE/JEQ: the kernel's action cache can follow that.

import * as op from '../bpf/opcodes.js';
import type { Label, ProgramBuilder } from './builder.js';

/** Numbers start..end (inclusive, unsigned 32-bit) share one outcome. */
export interface Segment<T> {
  start: number;
  end: number;
  value: T;
}

const JEQ = op.BPF_JMP | op.BPF_JEQ | op.BPF_K;
const JGE = op.BPF_JMP | op.BPF_JGE | op.BPF_K;

/** Up to this many single numbers on a common background, a JEQ chain beats further splitting. */
const JEQ_CHAIN_MAX = 3;

/**
 * Emits the search at the current position; A must hold the syscall number. `segments` must cover
 * 0..0xffffffff in order. `leaf` gives the jump target of a segment's outcome; it is called once per
 * segment that is reached (the caller emits the code behind those labels elsewhere).
 */
export function buildSearchTree<T>(
  b: ProgramBuilder,
  segments: Segment<T>[],
  leaf: (s: Segment<T>) => Label,
  same: (x: T, y: T) => boolean,
): void {
  const labels = new Map<Segment<T>, Label>();
  const target = (s: Segment<T>) => {
    let l = labels.get(s);
    if (l === undefined) {
      l = leaf(s);
      labels.set(s, l);
    }
    return l;
  };
  if (segments.length === 1) {
    b.jump(target(segments[0]));
    return;
  }
  emitRange(b, segments, 0, segments.length - 1, target, same);
}

function emitRange<T>(
  b: ProgramBuilder,
  segs: Segment<T>[],
  lo: number,
  hi: number,
  target: (s: Segment<T>) => Label,
  same: (x: T, y: T) => boolean,
): void {
  const chain = jeqChain(segs, lo, hi, same);
  if (chain) {
    chain.singles.forEach((s, i) => {
      const last = i === chain.singles.length - 1;
      const next = last ? target(chain.background) : b.newLabel();
      b.branch(JEQ, s.start, target(s), next);
      if (!last) b.place(next);
    });
    return;
  }
  // Split so that each half holds about as many segments.
  const mid = lo + Math.ceil((hi - lo + 1) / 2);
  const left = mid - 1 === lo ? target(segs[lo]) : b.newLabel();
  const right = mid === hi ? target(segs[hi]) : b.newLabel();
  b.branch(JGE, segs[mid].start, right, left);
  if (mid - 1 > lo) {
    b.place(left);
    emitRange(b, segs, lo, mid - 1, target, same);
  }
  if (hi > mid) {
    b.place(right);
    emitRange(b, segs, mid, hi, target, same);
  }
}

/** Segments lo..hi as "a few single numbers on one background", if they are that. */
function jeqChain<T>(segs: Segment<T>[], lo: number, hi: number, same: (x: T, y: T) => boolean) {
  // The background is the outcome of the first or the last segment (a range always starts or ends
  // with the part that is not a single number, or is all single numbers).
  for (const background of [segs[lo], segs[hi]]) {
    const singles = [];
    let ok = true;
    for (let i = lo; i <= hi && ok; i++) {
      const s = segs[i];
      if (same(s.value, background.value)) continue;
      if (s.start !== s.end) ok = false;
      else singles.push(s);
    }
    if (ok && singles.length >= 1 && singles.length <= JEQ_CHAIN_MAX) return { background, singles };
  }
  return undefined;
}
