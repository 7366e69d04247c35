// Instructions: program size and instructions executed per path, ours next to libseccomp's build of
// the same policy, and how many allowed syscalls the kernel's action cache short-circuits.
import { ABIS, ARCHES, type AbiName, type ArchName } from '../src/arch.js';
import { isConstAllow } from '../src/bpf/cache.js';
import { prepare, type PreparedProgram } from '../src/bpf/emulator.js';
import { compileFilter } from '../src/compile/compile.js';
import { policyAction, type Policy } from '../src/compile/policy.js';
import { SYSCALL_TABLES, syscallNumber } from '../src/syscalls/index.js';
import { CLONE_NEWUSER } from '../test/fixtures/seed-policy.js';
import { buildWithLibseccomp, libseccompLacksArch, libseccompMissing } from '../scripts/libseccomp/bridge.js';

interface Path {
  label: string;
  abi: AbiName;
  name: string;
  args?: bigint[];
}

function executed(p: PreparedProgram, arch: ArchName, path: Path): number {
  const nr = syscallNumber(path.abi, path.name);
  if (nr === undefined) throw new Error(`${path.abi} has no ${path.name}`);
  return p.run({ nr, arch: ABIS[path.abi].auditArch, instructionPointer: 0n, args: path.args ?? [] }, ARCHES[arch].endian).executed;
}

/** Executed instructions over every syscall of an ABI, or only those the policy names: [mean, max]. */
function overAll(p: PreparedProgram, arch: ArchName, abi: AbiName, policy: Policy, onlyNamed: boolean): [number, number] {
  const counts = Object.entries(SYSCALL_TABLES[abi].syscalls)
    .filter(([name]) => !onlyNamed || policy.syscalls.has(name))
    .map(([, nr]) => p.run({ nr, arch: ABIS[abi].auditArch, instructionPointer: 0n, args: [] }, ARCHES[arch].endian).executed);
  return [counts.reduce((a, b) => a + b, 0) / counts.length, Math.max(...counts)];
}

/** Syscalls (native and compat tables: the ones the kernel caches) allowed whatever the arguments, and how many are cached. */
function cacheStats(insns: Parameters<typeof isConstAllow>[0], policy: Policy, arch: ArchName) {
  let allowed = 0;
  let cached = 0;
  for (const abi of ARCHES[arch].abis.filter((a) => a !== 'x32')) {
    for (const [name, nr] of Object.entries(SYSCALL_TABLES[abi].syscalls)) {
      const rule = policy.syscalls.get(name);
      const unconditional = rule ? 'action' in rule && rule.action.kind === 'allow' : policyAction(policy, abi, name, []).kind === 'allow';
      if (!unconditional) continue;
      allowed++;
      if (isConstAllow(insns, nr, ABIS[abi].auditArch)) cached++;
    }
  }
  return { allowed, cached };
}

export function benchPaths(policy: Policy, arches: ArchName[]): string[] {
  const lines: string[] = [];
  const missing = libseccompMissing();
  for (const arch of arches) {
    const native = ARCHES[arch].abis[0];
    const compat = ARCHES[arch].abis.find((a) => a !== native && a !== 'x32');
    const paths: Path[] = [
      { label: 'allowed (getpid)', abi: native, name: 'getpid' },
      { label: 'blocked (ptrace)', abi: native, name: 'ptrace' },
      { label: 'clone without CLONE_NEWUSER', abi: native, name: 'clone', args: [0x11n] },
      { label: 'clone with CLONE_NEWUSER', abi: native, name: 'clone', args: [CLONE_NEWUSER | 0x11n] },
    ];
    if (compat) paths.push({ label: `${compat} blocked (ptrace)`, abi: compat, name: 'ptrace' });
    // s390x takes clone's flags as argument 1.
    for (const p of paths) if (p.name === 'clone' && ABIS[p.abi].cloneFlagsArg === 1) p.args = [0n, ...(p.args ?? [])];

    const oursInsns = compileFilter(policy, arch).insns;
    const ours = prepare(oursInsns);
    const lacks = missing ?? libseccompLacksArch(arch);
    const theirsInsns = lacks ? undefined : buildWithLibseccomp(policy, arch).insns;
    const theirs = theirsInsns && prepare(theirsInsns);

    lines.push(`### ${arch}${lacks ? ` (libseccomp: ${lacks})` : ''}`, '');
    lines.push('| measure | ours | libseccomp | ours / libseccomp |', '|---|---:|---:|---:|');
    const row = (label: string, a: number, b: number | undefined, digits = 0) =>
      lines.push(`| ${label} | ${a.toFixed(digits)} | ${b === undefined ? '–' : b.toFixed(digits)} | ${b === undefined ? '–' : (a / b).toFixed(2)} |`);
    row('program size (instructions)', oursInsns.length, theirsInsns?.length);
    const longer: string[] = [];
    for (const p of paths) {
      const a = executed(ours, arch, p);
      const b = theirs && executed(theirs, arch, p);
      if (b !== undefined && a > b) longer.push(`${p.label} (${a} vs ${b})`);
      row(`executed: ${p.label}`, a, b);
    }
    for (const abi of ARCHES[arch].abis) {
      for (const [what, filter] of [['blocked', true], ['all', false]] as const) {
        const [mean, max] = overAll(ours, arch, abi, policy, filter);
        const lib = theirs && overAll(theirs, arch, abi, policy, filter);
        if (lib && max > lib[1]) longer.push(`max over ${what} ${abi} syscalls (${max} vs ${lib[1]})`);
        row(`executed over ${what} ${abi} syscalls: mean`, mean, lib?.[0], 1);
        row(`executed over ${what} ${abi} syscalls: max`, max, lib?.[1]);
      }
    }
    const c = cacheStats(oursInsns, policy, arch);
    const cl = theirsInsns && cacheStats(theirsInsns, policy, arch);
    lines.push(`| unconditionally allowed syscalls cached by the kernel | ${c.cached}/${c.allowed} (${((100 * c.cached) / c.allowed).toFixed(1)}%) | ${cl ? `${cl.cached}/${cl.allowed} (${((100 * cl.cached) / cl.allowed).toFixed(1)}%)` : '–'} | |`);
    lines.push('');
    lines.push(`Cache goal (100% of unconditionally allowed syscalls cached): ${c.cached === c.allowed ? 'met' : `NOT met (${c.allowed - c.cached} uncached)`}.`);
    if (theirs) {
      lines.push(longer.length
        ? `Path goal (no path longer than libseccomp's): not met on ${longer.join('; ')}. libseccomp tests syscalls in a linear chain (ascending numbers), so the first few it tests are cheaper there; our balanced tree bounds every path. No tree can match the chain on every path: its first test answers in one comparison, so the root would have to be that test, then the second, and so on: the whole chain, with its allowed path of one comparison per rule.`
        : "Path goal (no path longer than libseccomp's): met.");
    }
    lines.push('');
  }
  return lines;
}
