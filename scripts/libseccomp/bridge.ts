// libseccomp (python3-seccomp) as an independent implementation: builds the same policy so that
// its program and ours can be emulated side by side.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ARCHES, AUDIT_ARCH, type AbiName, type ArchName } from '../../src/arch.js';
import { actionToRet } from '../../src/bpf/action.js';
import { decodeProgram } from '../../src/bpf/codec.js';
import type { Insn } from '../../src/bpf/insn.js';
import * as op from '../../src/bpf/opcodes.js';
import { argIndexOn, MASK32, type Condition, type Policy, type SyscallRule } from '../../src/compile/policy.js';
import { syscallNumber } from '../../src/syscalls/index.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./libseccomp_build.py', import.meta.url));

/** libseccomp's names for our ABIs; loongarch64 arrived in libseccomp 2.6. */
const ARCH_TOKENS: Partial<Record<AbiName, string>> = {
  x86_64: 'X86_64', x32: 'X32', i386: 'X86', aarch64: 'AARCH64', arm: 'ARM', riscv64: 'RISCV64', ppc64le: 'PPC64LE', s390x: 'S390X',
};

let missing: string | undefined | null = null;
/** Why libseccomp cannot be used here, or undefined when it can. */
export function libseccompMissing(): string | undefined {
  if (missing === null) {
    const r = spawnSync(PYTHON, ['-c', 'import seccomp'], { encoding: 'utf8' });
    missing = r.status === 0 ? undefined : `python3-seccomp is not installed (apt-get install python3-seccomp; CI installs it): ${r.stderr?.trim() ?? r.error}`;
  }
  return missing;
}

/**
 * libseccomp 2.5 (Debian 12) has no loongarch64. loongarch64 uses the generic syscall table, as
 * aarch64 does: libseccomp's aarch64 program with the audit arch constant swapped is libseccomp's
 * answer for loongarch64, for every syscall whose number is the same in both tables.
 */
const STAND_IN: Partial<Record<ArchName, { arch: ArchName; abi: AbiName; from: number; to: number }>> = {
  loongarch64: { arch: 'aarch64', abi: 'aarch64', from: AUDIT_ARCH.AARCH64, to: AUDIT_ARCH.LOONGARCH64 },
};

/** Whether this libseccomp can build a filter for every ABI of the arch (undefined) or why not. */
export function libseccompLacksArch(arch: ArchName): string | undefined {
  if (STAND_IN[arch]) return undefined;
  const lacking = ARCHES[arch].abis.filter((a) => !ARCH_TOKENS[a]);
  return lacking.length ? `libseccomp 2.5 has no ${lacking.join(', ')} support` : undefined;
}

export interface LibseccompProgram {
  insns: Insn[];
  /** Names libseccomp refused outright. */
  rejected: string[];
  /** Policy syscalls left out because libseccomp cannot say what the policy says about them. */
  excluded: { name: string; why: string }[];
  /** Per ABI, libseccomp's number for each policy syscall (negative: it does not know it there). */
  resolved: Partial<Record<AbiName, Record<string, number>>>;
}

interface ConditionSpec {
  arg: number;
  op: string;
  value: number;
  mask?: number;
}

function conditionSpec(abi: AbiName, name: string, c: Condition): ConditionSpec {
  const arg = argIndexOn(abi, name, c.arg);
  let spec: ConditionSpec;
  if (c.width === 32) {
    // libseccomp compares 64 bits; a masked compare with the low-word mask says "low word only".
    if (c.op === 'eq') spec = { arg, op: 'masked-eq', mask: Number(MASK32), value: Number(c.value) };
    else if (c.op === 'masked-eq') spec = { arg, op: 'masked-eq', mask: Number((c.mask ?? MASK32) & MASK32), value: Number(c.value) };
    else throw new Error(`libseccomp has no 32-bit "${c.op}"`);
  } else {
    spec = { arg, op: c.op, value: Number(c.value), mask: c.mask === undefined ? undefined : Number(c.mask) };
  }
  // JSON numbers lose precision above 2^53.
  if (!Number.isSafeInteger(spec.value) || (spec.mask !== undefined && !Number.isSafeInteger(spec.mask))) throw new Error('a value above 2^53');
  return spec;
}

/**
 * Builds `policy` for `arch` with libseccomp, leaving out (and listing) the syscalls whose rules
 * libseccomp cannot express faithfully: rules whose fallback differs from the default action, or
 * two comparisons on one argument in one rule.
 */
export function buildWithLibseccomp(policy: Policy, arch: ArchName): LibseccompProgram {
  const standIn = STAND_IN[arch];
  if (standIn) return buildThroughStandIn(policy, arch, standIn);
  const desc = ARCHES[arch];
  const abi = desc.abis[0];
  const excluded: LibseccompProgram['excluded'] = [];
  const rules: { name: string; ret: number; conds: ConditionSpec[] }[] = [];
  for (const [name, rule] of policy.syscalls) {
    if ('action' in rule) {
      rules.push({ name, ret: actionToRet(rule.action), conds: [] });
      continue;
    }
    try {
      if (actionToRet(rule.otherwise) !== actionToRet(policy.defaultAction)) throw new Error('its fallback differs from the default action');
      const mine: typeof rules = [];
      for (const r of rule.rules) {
        const args = r.when.map((c) => c.arg);
        if (new Set(args).size !== args.length) throw new Error('libseccomp allows one comparison per argument in a rule');
        if (r.when.length === 0) throw new Error('an unconditional rule among conditional ones');
        mine.push({ name, ret: actionToRet(r.action), conds: r.when.map((c) => conditionSpec(abi, name, c)) });
      }
      rules.push(...mine);
    } catch (e) {
      excluded.push({ name, why: (e as Error).message });
    }
  }
  const spec = {
    arches: desc.abis.map((a) => ARCH_TOKENS[a]),
    default: actionToRet(policy.defaultAction),
    badarch: op.SECCOMP_RET_KILL_PROCESS,
    rules,
  };
  const r = spawnSync(PYTHON, [SCRIPT], { input: JSON.stringify(spec), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`libseccomp_build.py failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as { bpf: string; rejected: string[]; resolved: Record<string, Record<string, number>> };
  const resolved: LibseccompProgram['resolved'] = {};
  for (const a of desc.abis) resolved[a] = out.resolved[ARCH_TOKENS[a]!];
  return { insns: decodeProgram(Buffer.from(out.bpf, 'hex'), desc.endian), rejected: out.rejected, excluded, resolved };
}

function buildThroughStandIn(policy: Policy, arch: ArchName, standIn: NonNullable<(typeof STAND_IN)[ArchName]>): LibseccompProgram {
  const abi = ARCHES[arch].abis[0];
  const kept = new Map<string, SyscallRule>();
  const excluded: LibseccompProgram['excluded'] = [];
  for (const [name, rule] of policy.syscalls) {
    if (syscallNumber(abi, name) === syscallNumber(standIn.abi, name)) kept.set(name, rule);
    else excluded.push({ name, why: `numbered differently on ${abi} and ${standIn.abi}, libseccomp's stand-in` });
  }
  const built = buildWithLibseccomp({ defaultAction: policy.defaultAction, syscalls: kept }, standIn.arch);
  const insns = built.insns.map((i) => (i.k === standIn.from ? { ...i, k: standIn.to } : i));
  return { insns, rejected: built.rejected, excluded: [...excluded, ...built.excluded], resolved: { [abi]: built.resolved[standIn.abi] } };
}
