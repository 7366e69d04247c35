// Our program and libseccomp's for the same policy, emulated side by side on every syscall number of
// every ABI both cover, with representative arguments. Used by the tests and by the dist build.
import { ABIS, ARCHES, X32_SYSCALL_BIT, type ArchName } from '../../src/arch.js';
import { actionToRet, describeRet } from '../../src/bpf/action.js';
import { prepare } from '../../src/bpf/emulator.js';
import type { Insn } from '../../src/bpf/insn.js';
import * as op from '../../src/bpf/opcodes.js';
import { argIndexOn, policyAction, type Policy } from '../../src/compile/policy.js';
import { SYSCALL_TABLES, syscallName } from '../../src/syscalls/index.js';
import { buildWithLibseccomp } from './bridge.js';

export interface CrossCheckResult {
  compared: number;
  /** Cases where the two differ and libseccomp does not know the syscall there: ours blocks, theirs allows. */
  libseccompLacks: string[];
  /** Syscalls left out because libseccomp cannot express their rules. */
  excluded: { name: string; why: string }[];
  /** Real disagreements: each is a bug in one of the two. */
  disagreements: string[];
}

/** Argument sets that exercise each condition of the policy: zero, all ones, and each constant ±1 in each argument. */
function argumentSets(policy: Policy, arch: ArchName): bigint[][] {
  const sets: bigint[][] = [Array(6).fill(0n), Array(6).fill((1n << 64n) - 1n)];
  for (const [name, rule] of policy.syscalls) {
    if (!('rules' in rule)) continue;
    for (const r of rule.rules) {
      for (const c of r.when) {
        const arg = argIndexOn(ARCHES[arch].abis[0], name, c.arg);
        for (const v of [c.value, c.value + 1n, c.value - 1n, c.value | (0xdeadn << 32n)]) {
          const args = Array(6).fill(0n);
          args[arg] = BigInt.asUintN(64, v);
          sets.push(args);
        }
      }
    }
  }
  return sets;
}

export function crossCheck(policy: Policy, arch: ArchName, ours: readonly Insn[]): CrossCheckResult {
  const desc = ARCHES[arch];
  const theirs = buildWithLibseccomp(policy, arch);
  const a = prepare(ours);
  const b = prepare(theirs.insns);
  const excludedNames = new Set(theirs.excluded.map((e) => e.name));
  const result: CrossCheckResult = { compared: 0, libseccompLacks: [], excluded: theirs.excluded, disagreements: [] };
  const lacks = new Set<string>();
  const sets = argumentSets(policy, arch);
  for (const abi of desc.abis) {
    const base = abi === 'x32' ? X32_SYSCALL_BIT : 0;
    const numbers = new Set([...Object.values(SYSCALL_TABLES[abi].syscalls), ...Array.from({ length: 700 }, (_, i) => base + i)]);
    for (const nr of numbers) {
      const name = syscallName(abi, nr);
      if (name !== undefined && excludedNames.has(name)) continue;
      for (const args of sets) {
        const data = { nr, arch: ABIS[abi].auditArch, instructionPointer: 0n, args };
        const x = a.run(data, desc.endian).ret;
        const y = b.run(data, desc.endian).ret;
        result.compared++;
        if (x === y) continue;
        const meaning = actionToRet(policyAction(policy, abi, name, args));
        const lacked = name !== undefined && policy.syscalls.has(name) && theirs.resolved[abi]?.[name] !== nr;
        if (lacked && x === meaning && y === actionToRet(policy.defaultAction)) {
          lacks.add(`${abi}:${name}`);
          continue;
        }
        result.disagreements.push(`${abi} ${name ?? nr} [${args.map((v) => `0x${v.toString(16)}`).join(', ')}]: ours ${describeRet(x)}, libseccomp ${describeRet(y)}, policy ${describeRet(meaning)}`);
      }
    }
    const foreign = { nr: 0, arch: 0x12345678, instructionPointer: 0n, args: [] };
    if (a.run(foreign, desc.endian).ret !== op.SECCOMP_RET_KILL_PROCESS || b.run(foreign, desc.endian).ret !== op.SECCOMP_RET_KILL_PROCESS) {
      result.disagreements.push('a foreign arch value is not killed by both');
    }
  }
  result.libseccompLacks = [...lacks].sort();
  return result;
}
