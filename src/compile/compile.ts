// Policy → Program for one target arch: dispatch on seccomp_data.arch to each ABI the kernel accepts
// from the process, a balanced search over syscall numbers per ABI, argument checks in the leaves.
//
// Shape of the output, and why:
//   A = arch; one JEQ per known audit arch; anything else → KILL_PROCESS (an ABI we do not judge).
//   A = nr; on x86_64, JSET bit 30 splits x32 numbers from native ones.
//   A tree of JGE/JEQ over the number line, touching only nr and arch: the kernel's action cache
//   (seccomp_is_const_allow) can then prove every unconditioned syscall's outcome and skip the filter.
//   Argument loads only in the leaves of conditioned syscalls; returns pooled per ABI section.

import { ABIS, ARCHES, X32_SYSCALL_BIT, type AbiName, type ArchDescriptor, type ArchName } from '../arch.js';
import { actionToRet, type Action } from '../bpf/action.js';
import type { Insn } from '../bpf/insn.js';
import * as op from '../bpf/opcodes.js';
import { knownSyscallNames, syscallNumber } from '../syscalls/index.js';
import { ProgramBuilder, type Label } from './builder.js';
import { emitCondition, lowerCondition, type LoweredCondition } from './conditions.js';
import { argIndexOn, MASK32, MASK64, type Condition, type Policy, type SyscallRule } from './policy.js';
import { buildSearchTree, type Segment } from './search-tree.js';

export class CompileError extends Error {
  override name = 'CompileError';
}

export interface AbiReport {
  abi: AbiName;
  /** Policy syscalls this ABI has, sorted. */
  applied: string[];
  /** Policy syscalls this ABI lacks (skipped for it), sorted. */
  skipped: string[];
}

export interface CompiledFilter {
  arch: ArchName;
  insns: Insn[];
  abis: AbiReport[];
}

const LD_ABS = op.BPF_LD | op.BPF_W | op.BPF_ABS;
const JEQ = op.BPF_JMP | op.BPF_JEQ | op.BPF_K;
const JSET = op.BPF_JMP | op.BPF_JSET | op.BPF_K;

/** A lowered conditional rule: conditions with the ABI's argument order, statically true ones removed. */
interface LoweredRule {
  tests: Extract<LoweredCondition, { kind: 'test' }>[];
  ret: number;
}

/** What one syscall number does on one ABI. */
export type Outcome = { kind: 'ret'; ret: number } | { kind: 'args'; name: string; rules: LoweredRule[]; otherwise: number };

export function compileFilter(policy: Policy, target: ArchName | ArchDescriptor): CompiledFilter {
  const arch = typeof target === 'string' ? ARCHES[target] : target;
  validatePolicy(policy);
  const defaultRet = actionToRet(policy.defaultAction);

  const reports: AbiReport[] = [];
  const outcomes = new Map<AbiName, Map<number, Outcome>>();
  for (const abi of arch.abis) {
    const { report, byNumber } = lowerForAbi(policy, abi, defaultRet);
    reports.push(report);
    outcomes.set(abi, byNumber);
  }

  const b = new ProgramBuilder();
  const sections = groupByAuditArch(arch);
  const sectionLabels = sections.map(() => b.newLabel());
  b.emit(LD_ABS, op.OFFSET_ARCH);
  sections.forEach((s, i) => {
    const next = b.newLabel();
    b.branch(JEQ, s.auditArch, sectionLabels[i], next);
    b.place(next);
  });
  b.ret(op.SECCOMP_RET_KILL_PROCESS);

  sections.forEach((s, i) => {
    b.place(sectionLabels[i]);
    b.emit(LD_ABS, op.OFFSET_NR);
    const pool = new ReturnPool(b);
    if (s.abis.length === 1) {
      emitAbi(b, arch, outcomes.get(s.abis[0])!, defaultRet, pool);
    } else {
      // x86_64 and x32 share an audit arch: bit 30 of the number says which table applies.
      const [native, x32] = s.abis[0] === 'x32' ? [s.abis[1], s.abis[0]] : [s.abis[0], s.abis[1]];
      const nativeLabel = b.newLabel();
      const x32Label = b.newLabel();
      b.branch(JSET, X32_SYSCALL_BIT, x32Label, nativeLabel);
      b.place(nativeLabel);
      emitAbi(b, arch, outcomes.get(native)!, defaultRet, pool);
      b.place(x32Label);
      emitAbi(b, arch, outcomes.get(x32)!, defaultRet, pool);
    }
    pool.emitAll();
  });

  const insns = b.build();
  if (insns.length > op.BPF_MAXINSNS) {
    throw new CompileError(`the ${arch.name} program has ${insns.length} instructions, over the kernel's limit of ${op.BPF_MAXINSNS}`);
  }
  return { arch: arch.name, insns, abis: reports };
}

/** Rejects what no ABI could make sense of: unknown names, argument indexes, values out of range. */
export function validatePolicy(policy: Policy): void {
  const known = knownSyscallNames();
  const unknown = [...policy.syscalls.keys()].filter((n) => !known.has(n)).sort();
  if (unknown.length) throw new CompileError(`unknown syscall${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}`);
  for (const [name, rule] of policy.syscalls) {
    checkAction(rule, name);
    if ('rules' in rule) {
      for (const r of rule.rules) for (const c of r.when) checkCondition(name, c);
    }
  }
  checkActionValue(policy.defaultAction, 'the default action');
}

function checkAction(rule: SyscallRule, name: string): void {
  if ('action' in rule) checkActionValue(rule.action, name);
  else {
    for (const r of rule.rules) checkActionValue(r.action, name);
    checkActionValue(rule.otherwise, name);
  }
}

function checkActionValue(a: Action, where: string): void {
  if (a.kind === 'errno' && (!Number.isInteger(a.errno) || a.errno < 0 || a.errno > 4095)) {
    throw new CompileError(`${where}: errno ${a.errno} is not between 0 and 4095`);
  }
}

function checkCondition(name: string, c: Condition): void {
  if (!Number.isInteger(c.arg) || c.arg < 0 || c.arg > 5) throw new CompileError(`${name}: argument index ${c.arg} is outside 0–5`);
  const limit = c.width === 32 ? MASK32 : MASK64;
  const what = c.width === 32 ? '32-bit' : '64-bit';
  if (c.value < 0n || c.value > limit) throw new CompileError(`${name}: value ${c.value} does not fit a ${what} argument`);
  if (c.mask !== undefined && (c.mask < 0n || c.mask > limit)) throw new CompileError(`${name}: mask ${c.mask} does not fit a ${what} argument`);
  if (c.mask !== undefined && c.op !== 'masked-eq') throw new CompileError(`${name}: a mask goes only with masked-eq`);
}

function lowerForAbi(policy: Policy, abi: AbiName, defaultRet: number): { report: AbiReport; byNumber: Map<number, Outcome> } {
  const applied: string[] = [];
  const skipped: string[] = [];
  const byNumber = new Map<number, Outcome>();
  for (const [name, rule] of policy.syscalls) {
    const nr = syscallNumber(abi, name);
    if (nr === undefined) {
      skipped.push(name);
      continue;
    }
    applied.push(name);
    const outcome = lowerRule(abi, name, rule);
    if (outcome.kind === 'ret' && outcome.ret === defaultRet) continue; // same as no rule at all
    byNumber.set(nr >>> 0, outcome);
  }
  return { report: { abi, applied: applied.sort(), skipped: skipped.sort() }, byNumber };
}

function lowerRule(abi: AbiName, name: string, rule: SyscallRule): Outcome {
  if ('action' in rule) return { kind: 'ret', ret: actionToRet(rule.action) };
  const otherwise = actionToRet(rule.otherwise);
  const rules: LoweredRule[] = [];
  for (const r of rule.rules) {
    const lowered = r.when.map((c) => lowerCondition(abi, argIndexOn(abi, name, c.arg), c));
    if (lowered.some((l) => l.kind === 'const' && !l.holds)) continue; // can never apply
    const tests = lowered.filter((l): l is Extract<LoweredCondition, { kind: 'test' }> => l.kind === 'test');
    rules.push({ tests, ret: actionToRet(r.action) });
    if (tests.length === 0) break; // always applies: later rules are unreachable
  }
  // An unconditional last rule is the real fallback; rules at the end that do what the fallback
  // does change nothing.
  let fallback = otherwise;
  if (rules.length && rules[rules.length - 1].tests.length === 0) fallback = rules.pop()!.ret;
  while (rules.length && rules[rules.length - 1].ret === fallback) rules.pop();
  if (rules.length === 0) return { kind: 'ret', ret: fallback };
  return { kind: 'args', name, rules, otherwise: fallback };
}

interface Section {
  auditArch: number;
  abis: AbiName[];
}

function groupByAuditArch(arch: ArchDescriptor): Section[] {
  const sections: Section[] = [];
  for (const abi of arch.abis) {
    const auditArch = ABIS[abi].auditArch;
    const s = sections.find((x) => x.auditArch === auditArch);
    if (s) s.abis.push(abi);
    else sections.push({ auditArch, abis: [abi] });
  }
  return sections;
}

/** One `ret` per distinct value in a section; branches jump straight to it. */
class ReturnPool {
  private labels = new Map<number, Label>();
  constructor(private b: ProgramBuilder) {}

  label(ret: number): Label {
    let l = this.labels.get(ret >>> 0);
    if (l === undefined) {
      l = this.b.newLabel();
      this.labels.set(ret >>> 0, l);
    }
    return l;
  }

  emitAll(): void {
    for (const [ret, l] of this.labels) {
      this.b.place(l);
      this.b.ret(ret);
    }
  }
}

/** The search tree over one ABI's numbers, then the argument checks of its conditioned syscalls. */
function emitAbi(b: ProgramBuilder, arch: ArchDescriptor, outcomes: Map<number, Outcome>, defaultRet: number, pool: ReturnPool): void {
  const segments = toSegments(outcomes, defaultRet);
  const argBlocks: { label: Label; outcome: Extract<Outcome, { kind: 'args' }> }[] = [];
  const leafLabel = (s: Segment<Outcome>): Label => {
    if (s.value.kind === 'ret') return pool.label(s.value.ret);
    const label = b.newLabel();
    argBlocks.push({ label, outcome: s.value });
    return label;
  };
  buildSearchTree(b, segments, leafLabel, (x, y) => x.kind === 'ret' && y.kind === 'ret' && x.ret === y.ret);
  for (const { label, outcome } of argBlocks) {
    b.place(label);
    emitArgChecks(b, arch, outcome, pool);
  }
}

function toSegments(outcomes: Map<number, Outcome>, defaultRet: number): Segment<Outcome>[] {
  const def: Outcome = { kind: 'ret', ret: defaultRet };
  const numbers = [...outcomes.keys()].sort((a, b) => a - b);
  const segments: Segment<Outcome>[] = [];
  let next = 0; // first number not yet covered
  const push = (start: number, end: number, value: Outcome) => {
    const last = segments[segments.length - 1];
    if (last && value.kind === 'ret' && last.value.kind === 'ret' && last.value.ret === value.ret && last.end + 1 === start) last.end = end;
    else segments.push({ start, end, value });
  };
  for (const nr of numbers) {
    if (nr > next) push(next, nr - 1, def);
    push(nr, nr, outcomes.get(nr)!);
    next = nr + 1;
  }
  if (next <= 0xffffffff) push(next, 0xffffffff, def);
  return segments;
}

function emitArgChecks(b: ProgramBuilder, arch: ArchDescriptor, outcome: Extract<Outcome, { kind: 'args' }>, pool: ReturnPool): void {
  outcome.rules.forEach((rule, r) => {
    const lastRule = r === outcome.rules.length - 1;
    const nextRule = lastRule ? pool.label(outcome.otherwise) : b.newLabel();
    rule.tests.forEach((test, i) => {
      const lastTest = i === rule.tests.length - 1;
      const holds = lastTest ? pool.label(rule.ret) : b.newLabel();
      emitCondition(b, test, arch.endian, holds, nextRule);
      if (!lastTest) b.place(holds);
    });
    if (!lastRule) b.place(nextRule);
  });
}
