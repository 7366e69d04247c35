// Syscall cost inside bwrap: a C probe (bench/syscall-cost.c) times getppid, ioctl on /dev/null,
// fork + wait, clone + wait and a blocked ptrace inside a real bwrap sandbox with no filter, with each
// shipped preset, with libseccomp's build of the minimal policy, and with two controls: a one-
// instruction allow-all filter (the cheapest filter there is; the kernel's action cache skips it for
// every syscall) and an allow-all that first loads an argument (never cached, so it always runs).
// Configurations alternate round after round (their order rotated each round) so drift in the
// machine's load hits them alike; each figure is a median, and each ratio the median of the
// per-round ratios, with its interquartile range.
//
// Goals: allowed syscalls cost what they cost without a filter (ratio ≤ 1.02: the kernel's action
// cache skips the filter for syscalls it always allows), and no path costs more under our filter than
// under libseccomp's build of the same policy (ours / libseccomp ≤ 1.02). A ratio above 1.02 whose
// interquartile range still reaches 1.02 is reported as within the noise, not as a failure.
//
//   npx tsx bench/syscall-cost.ts                 prints the markdown section
//   npx tsx bench/syscall-cost.ts --write-docs    also writes docs/benchmarks.md's section and
//                                                 docs/benchmarks-ratios.svg

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ABIS } from '../src/arch.js';
import { isConstAllow } from '../src/bpf/cache.js';
import { decodeProgram, encodeProgram } from '../src/bpf/codec.js';
import { prepare } from '../src/bpf/emulator.js';
import { insn, type Insn } from '../src/bpf/insn.js';
import * as bpf from '../src/bpf/opcodes.js';
import { distDir, packageRoot } from '../src/paths.js';
import { profileToPolicy } from '../src/profile/lower.js';
import { loadProfile } from '../src/profile/resolve.js';
import type { Policy } from '../src/compile/policy.js';
import { SYSCALL_TABLES, syscallNumber } from '../src/syscalls/index.js';
import { buildWithLibseccomp, libseccompMissing } from '../scripts/libseccomp/bridge.js';
import { bwrapMissing, compileC, gccMissing, sharedTempDir } from '../test/helpers/sandbox.js';
import { groupedBarChartSvg } from './chart.js';

const SOURCE = fileURLToPath(new URL('./syscall-cost.c', import.meta.url));
const COMMAND = 'npx tsx bench/syscall-cost.ts --write-docs';
const FIONREAD = 0x541bn;
const PTRACE_ATTACH = 16n;
/** The flags glibc's fork() passes to clone on x86_64 (CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD). */
const GLIBC_FORK_FLAGS = 0x01200011n;
const SIGCHLD = 17n;

type OpKey = 'getppid' | 'ioctl' | 'fork' | 'clone' | 'ptrace';

interface Op {
  key: OpKey;
  label: string;
  /** Short name for the chart. */
  short: string;
  /** The syscall the filter judges, as seccomp_data sees it. */
  syscall: string;
  args: bigint[];
  /** Allowed by every filter here: the "costs the same as no filter" goal applies. */
  allowed: boolean;
  /** What the probe's last call must have returned: without a filter (or under an allow-all control), and under a preset. */
  expect: { none: string; filtered: string };
  /** Iterations for the calibration run. */
  calibrate: number;
}

const OPS: Op[] = [
  { key: 'getppid', label: 'getppid()', short: 'getppid', syscall: 'getppid', args: [], allowed: true, expect: { none: 'OK', filtered: 'OK' }, calibrate: 20_000 },
  { key: 'ioctl', label: 'ioctl(/dev/null, FIONREAD)', short: 'ioctl', syscall: 'ioctl', args: [3n, FIONREAD, 0n], allowed: true, expect: { none: 'ENOTTY', filtered: 'ENOTTY' }, calibrate: 20_000 },
  { key: 'fork', label: 'fork() + waitpid', short: 'fork + wait', syscall: 'clone', args: [GLIBC_FORK_FLAGS], allowed: true, expect: { none: 'OK', filtered: 'OK' }, calibrate: 60 },
  { key: 'clone', label: 'clone(SIGCHLD) + waitpid', short: 'clone + wait', syscall: 'clone', args: [SIGCHLD], allowed: true, expect: { none: 'OK', filtered: 'OK' }, calibrate: 60 },
  { key: 'ptrace', label: 'ptrace(PTRACE_ATTACH, -1): blocked', short: 'ptrace (blocked)', syscall: 'ptrace', args: [PTRACE_ATTACH, (1n << 64n) - 1n], allowed: false, expect: { none: 'ESRCH', filtered: 'EPERM' }, calibrate: 20_000 },
];

type ConfigKind = 'none' | 'control' | 'ours' | 'libseccomp';

interface Config {
  key: string;
  kind: ConfigKind;
  label: string;
  /** Raw sock_filter bytes; undefined: no filter. */
  filter?: Buffer;
  insns?: Insn[];
  file?: string;
  policy?: Policy;
}

export interface SyscallCostOptions {
  /** Rounds (each runs every configuration once); default 11. */
  rounds?: number;
  /** Aim for each timed loop to last about this long; default 100 ms. */
  targetMs?: number;
  /** Pin the probe to this CPU (default: the last one); false: let the scheduler place it. */
  cpu?: number | false;
  /** Fixed iteration counts instead of calibrating. */
  iterations?: Partial<Record<OpKey, number>>;
}

interface Stats {
  median: number;
  q1: number;
  q3: number;
}

export interface SyscallCostMeasurement {
  configs: { key: string; kind: ConfigKind; label: string; size?: number }[];
  rounds: number;
  targetMs: number;
  cpu: number | false;
  iterations: Record<OpKey, number>;
  /** ns/op per configuration, per operation, one per round. */
  ns: Record<string, Record<OpKey, number[]>>;
  /** Per configuration (filters only), per op: 'cached' or instructions executed, from emulation. */
  executed: Record<string, Record<OpKey, number | 'cached'>>;
  /** Per filter: x86_64 syscalls the policy allows whatever the arguments, and how many of them the kernel caches. */
  cache: Record<string, { allowed: number; cached: number }>;
  libseccompNote?: string;
  seconds: number;
}

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

function stats(xs: number[]): Stats {
  const s = [...xs].sort((a, b) => a - b);
  return { median: quantile(s, 0.5), q1: quantile(s, 0.25), q3: quantile(s, 0.75) };
}

/** 2 significant digits: 123456 → 120000. */
function roundNice(x: number): number {
  const p = 10 ** Math.max(0, Math.floor(Math.log10(x)) - 1);
  return Math.max(1, Math.round(x / p) * p);
}

/** Why this benchmark cannot run here, or undefined. */
export function syscallCostMissing(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') return `x86_64 Linux only (this is ${process.platform}/${process.arch}): the probe's syscalls and the filters measured are x86_64's`;
  return bwrapMissing() ?? gccMissing();
}

function runProbe(probe: string, config: Config, args: string[]): Map<string, { ns: number; result: string }> {
  const bwrapArgs = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--unshare-pid', '--die-with-parent', '--unshare-user'];
  // bwrap reads the filter's fd to its end, so each run gets a fresh one.
  const fd = config.file ? openSync(config.file, 'r') : undefined;
  try {
    const r = spawnSync('bwrap', [...bwrapArgs, ...(fd === undefined ? [] : ['--seccomp', '3']), '--', probe, ...args], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe', fd ?? 'ignore'],
      timeout: 120_000,
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`the probe failed under ${config.label} (status ${r.status}, signal ${r.signal}): ${r.stderr}`);
    const out = new Map<string, { ns: number; result: string }>();
    for (const line of r.stdout.trim().split('\n')) {
      const [name, ns, result] = line.split(' ');
      out.set(name, { ns: Number(ns), result });
    }
    return out;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function emulate(insns: Insn[]): Record<OpKey, number | 'cached'> {
  const p = prepare(insns);
  const auditArch = ABIS.x86_64.auditArch;
  const out = {} as Record<OpKey, number | 'cached'>;
  for (const op of OPS) {
    const nr = syscallNumber('x86_64', op.syscall)!;
    out[op.key] = isConstAllow(insns, nr, auditArch) ? 'cached' : p.run({ nr, arch: auditArch, instructionPointer: 0n, args: op.args }, 'little').executed;
  }
  return out;
}

function cacheCoverage(insns: Insn[], policy: Policy): { allowed: number; cached: number } {
  let allowed = 0;
  let cached = 0;
  for (const [name, nr] of Object.entries(SYSCALL_TABLES.x86_64.syscalls)) {
    const rule = policy.syscalls.get(name);
    const always = rule ? 'action' in rule && rule.action.kind === 'allow' : policy.defaultAction.kind === 'allow';
    if (!always) continue;
    allowed++;
    if (isConstAllow(insns, nr, ABIS.x86_64.auditArch)) cached++;
  }
  return { allowed, cached };
}

export function measureSyscallCost(options: SyscallCostOptions = {}): SyscallCostMeasurement | string {
  const missing = syscallCostMissing();
  if (missing) return missing;
  const started = process.hrtime.bigint();
  const rounds = options.rounds ?? 11;
  const targetMs = options.targetMs ?? 100;
  const cpu = options.cpu ?? Math.max(0, cpus().length - 1);
  const pin = cpu === false ? [] : ['--cpu', String(cpu)];
  const dir = sharedTempDir('syscall-cost-');
  try {
    const probe = compileC(SOURCE, join(dir, 'syscall-cost'));
    const configs: Config[] = [{ key: 'none', kind: 'none', label: 'no filter' }];
    const controls: [string, string, Insn[]][] = [
      ['allow', 'allow-all, cached', [insn(bpf.BPF_RET | bpf.BPF_K, bpf.SECCOMP_RET_ALLOW)]],
      ['allow-uncached', 'allow-all, uncached', [insn(bpf.BPF_LD | bpf.BPF_W | bpf.BPF_ABS, 16), insn(bpf.BPF_RET | bpf.BPF_K, bpf.SECCOMP_RET_ALLOW)]],
    ];
    for (const [key, label, insns] of controls) {
      const filter = encodeProgram(insns, 'little');
      const file = join(dir, `${key}.bpf`);
      writeFileSync(file, filter);
      configs.push({ key, kind: 'control', label, filter, file, insns });
    }
    for (const preset of ['minimal', 'strict']) {
      const file = join(distDir(), 'x86_64', `${preset}.bpf`);
      const filter = readFileSync(file);
      const policy = profileToPolicy(loadProfile(preset), 'x86_64');
      configs.push({ key: preset, kind: 'ours', label: `${preset} (ours)`, filter, file, insns: decodeProgram(filter, 'little'), policy });
    }
    let libseccompNote: string | undefined;
    const lacking = libseccompMissing();
    if (lacking) {
      libseccompNote = `libseccomp column skipped: ${lacking}`;
    } else {
      const policy = profileToPolicy(loadProfile('minimal'), 'x86_64');
      const lib = buildWithLibseccomp(policy, 'x86_64');
      const filter = encodeProgram(lib.insns, 'little');
      const file = join(dir, 'libseccomp-minimal.bpf');
      writeFileSync(file, filter);
      configs.push({ key: 'libseccomp', kind: 'libseccomp', label: 'minimal (libseccomp)', filter, file, insns: lib.insns, policy });
      const left = [...lib.excluded.map((e) => `${e.name} (${e.why})`), ...lib.rejected.map((n) => `${n} (libseccomp does not know it)`)];
      libseccompNote = left.length
        ? `libseccomp's build leaves out what it cannot express of the minimal policy: ${left.join('; ')}.`
        : "libseccomp's build expresses the whole minimal policy (nothing left out).";
    }

    // Calibration: a throw-away run, then one whose timings set the iteration counts.
    const iterations = {} as Record<OpKey, number>;
    const calArgs = [...pin, ...OPS.flatMap((o) => [o.key, String(o.calibrate)])];
    runProbe(probe, configs[0], calArgs);
    const cal = runProbe(probe, configs[0], calArgs);
    for (const o of OPS) iterations[o.key] = options.iterations?.[o.key] ?? roundNice((targetMs * 1e6) / cal.get(o.key)!.ns);
    const args = [...pin, ...OPS.flatMap((o) => [o.key, String(iterations[o.key])])];

    const ns: SyscallCostMeasurement['ns'] = {};
    for (const c of configs) ns[c.key] = Object.fromEntries(OPS.map((o) => [o.key, [] as number[]])) as Record<OpKey, number[]>;
    for (let r = 0; r < rounds; r++) {
      const order = configs.map((_, i) => configs[(i + r) % configs.length]);
      for (const c of order) {
        const got = runProbe(probe, c, args);
        for (const o of OPS) {
          const m = got.get(o.key);
          if (!m || !Number.isFinite(m.ns)) throw new Error(`the probe printed no timing for ${o.key} under ${c.label}`);
          const want = c.kind === 'ours' || c.kind === 'libseccomp' ? o.expect.filtered : o.expect.none;
          if (m.result !== want) throw new Error(`${o.label} under ${c.label} returned ${m.result}, expected ${want}: the measurement would not be of the intended path`);
          ns[c.key][o.key].push(m.ns);
        }
      }
    }
    const executed: SyscallCostMeasurement['executed'] = {};
    const cache: SyscallCostMeasurement['cache'] = {};
    for (const c of configs) {
      if (c.insns) executed[c.key] = emulate(c.insns);
      if (c.insns && c.policy) cache[c.key] = cacheCoverage(c.insns, c.policy);
    }
    return {
      configs: configs.map((c) => ({ key: c.key, kind: c.kind, label: c.label, size: c.insns?.length })),
      rounds,
      targetMs,
      cpu,
      iterations,
      ns,
      executed,
      cache,
      libseccompNote,
      seconds: Number(process.hrtime.bigint() - started) / 1e9,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Per-round ratios of configuration a to b for one op. */
function ratios(m: SyscallCostMeasurement, a: string, b: string, op: OpKey): Stats {
  return stats(m.ns[a][op].map((v, i) => v / m.ns[b][op][i]));
}

const f2 = (x: number) => x.toFixed(2);
const f3 = (x: number) => x.toFixed(3);

function fmtNs(x: number): string {
  return x >= 10_000 ? `${(x / 1000).toFixed(1)} µs` : `${x.toFixed(0)} ns`;
}

const cell = (s: Stats) => `${f3(s.median)} [${f2(s.q1)}–${f2(s.q3)}]`;

/** Markdown lines for a measurement. */
export function syscallCostLines(m: SyscallCostMeasurement): string[] {
  const filters = m.configs.filter((c) => c.kind !== 'none');
  const real = m.configs.filter((c) => c.kind === 'ours' || c.kind === 'libseccomp');
  const hasLib = m.configs.some((c) => c.key === 'libseccomp');
  const hasFloor = m.configs.some((c) => c.key === 'allow');
  const lines: string[] = [];
  const perMs = OPS.map((o) => `${o.key} ${m.iterations[o.key]}`).join(', ');
  lines.push(
    `${m.rounds} rounds; each round starts the probe once in bwrap per configuration (the order rotated each round)${m.cpu === false ? '' : `, pinned to CPU ${m.cpu}`}, and the probe times every operation after a warm-up of a tenth as many calls. Iterations per timed loop (about ${m.targetMs} ms each): ${perMs}. Figures are medians over the rounds; a ratio is the median of the per-round ratios, with the interquartile range in brackets. Total time ${m.seconds.toFixed(0)} s.`,
    '',
    'Controls: *allow-all, cached* is the one-instruction filter `ret ALLOW`, the cheapest filter there is (the kernel\'s action cache skips it for every syscall); *allow-all, uncached* loads an argument first and then allows, so the cache never applies and the filter runs on every syscall.',
    '',
  );
  lines.push(`| operation | ${m.configs.map((c) => c.label).join(' | ')} |`, `|---|${m.configs.map(() => '---:').join('|')}|`);
  for (const o of OPS) lines.push(`| ${o.label} | ${m.configs.map((c) => fmtNs(stats(m.ns[c.key][o.key]).median)).join(' | ')} |`);
  lines.push('', 'Ratios (median of per-round ratios [interquartile range]):', '');
  const heads = [...filters.map((c) => `${c.label} / no filter`), ...(hasFloor ? ['minimal (ours) / allow-all, cached'] : []), ...(hasLib ? ['minimal: ours / libseccomp'] : [])];
  lines.push(`| operation | ${heads.join(' | ')} |`, `|---|${heads.map(() => '---:').join('|')}|`);
  for (const o of OPS) {
    const cells = filters.map((c) => cell(ratios(m, c.key, 'none', o.key)));
    if (hasFloor) cells.push(cell(ratios(m, 'minimal', 'allow', o.key)));
    if (hasLib) cells.push(cell(ratios(m, 'minimal', 'libseccomp', o.key)));
    lines.push(`| ${o.label} | ${cells.join(' | ')} |`);
  }
  lines.push('', 'What each filter does with the syscall (emulated: "cached" = the kernel\'s action cache allows it without running the filter; otherwise the number of BPF instructions executed):', '');
  lines.push(`| syscall judged | ${filters.map((c) => `${c.label}: ${c.size} insn${c.size === 1 ? '' : 's'}`).join(' | ')} |`, `|---|${filters.map(() => '---:').join('|')}|`);
  for (const o of OPS) {
    const args = o.args.length ? `(${o.args.map((a) => (a === (1n << 64n) - 1n ? '-1' : `0x${a.toString(16)}`)).join(', ')})` : '';
    lines.push(`| ${o.label}: ${o.syscall}${args} | ${filters.map((c) => String(m.executed[c.key][o.key])).join(' | ')} |`);
  }
  lines.push(`| x86_64 syscalls the policy allows whatever the arguments, and how many of them the cache lets skip the filter | ${filters.map((c) => { const k = m.cache[c.key]; return k ? `${k.cached} of ${k.allowed}` : '–'; }).join(' | ')} |`);
  lines.push('');
  if (m.libseccompNote) lines.push(m.libseccompNote, '');

  // Goal 1: allowed syscalls cost the same as without a filter.
  const over: string[] = [];
  const noisy: string[] = [];
  const within: string[] = [];
  for (const o of OPS.filter((x) => x.allowed)) {
    for (const c of real) {
      const s = ratios(m, c.key, 'none', o.key);
      const txt = `${o.short} under ${c.label} ${f3(s.median)}`;
      if (s.median <= 1.02) within.push(txt);
      else if (s.q1 <= 1.02) noisy.push(`${txt} [${f2(s.q1)}–${f2(s.q3)}]`);
      else over.push(txt);
    }
  }
  lines.push(
    `Goal "allowed syscalls cost the same as without a filter" (ratio ≤ 1.02): ${over.length ? `**not met** for ${over.join('; ')}` : '**met**'}` +
      `${noisy.length ? `; above 1.02 but within the noise (the interquartile range reaches 1.02): ${noisy.join('; ')}` : ''}` +
      `${within.length ? `; met for ${within.join('; ')}` : ''}.`,
  );
  if (hasFloor) {
    const floor = OPS.filter((o) => o.allowed).map((o) => `${o.short} ${f3(ratios(m, 'allow', 'none', o.key).median)}`);
    const vsFloor = OPS.filter((o) => o.allowed).map((o) => `${o.short} ${cell(ratios(m, 'minimal', 'allow', o.key))}`);
    lines.push(
      `The floor: under the allow-all filter that the cache skips for every syscall, the ratios to no filter are ${floor.join(', ')}. That part is what having any seccomp filter at all costs on this kernel, whatever the filter says; minimal (ours) against that floor: ${vsFloor.join('; ')}.`,
    );
  }
  const cachedOps = OPS.filter((o) => o.allowed && real.every((c) => m.executed[c.key][o.key] === 'cached')).map((o) => o.short);
  lines.push(`Allowed operations that every filter measured lets skip the filter (the kernel's action cache): ${cachedOps.length ? cachedOps.join(', ') : 'none'}.`);

  // Goal 2: no path costs more under our filter than under libseccomp's. "More" on the same terms as
  // goal 1's "the same": above 1.02, and beyond the noise (the interquartile range stays above 1.02).
  if (hasLib) {
    const more: string[] = [];
    const noise: string[] = [];
    const same: string[] = [];
    for (const o of OPS) {
      const s = ratios(m, 'minimal', 'libseccomp', o.key);
      const txt = `${o.short} ${cell(s)}`;
      if (s.median <= 1.02) same.push(txt);
      else if (s.q1 <= 1.02) noise.push(txt);
      else more.push(txt);
    }
    lines.push(
      `Goal "no path costs more than under libseccomp's filter" (minimal, ours / libseccomp per round; more = above 1.02 beyond the noise): ${more.length ? `**not met**: more on ${more.join('; ')}` : '**met**'}` +
        `${noise.length ? `; above 1.02 but within the noise (the interquartile range reaches 1.02): ${noise.join('; ')}` : ''}` +
        `${same.length ? `; at most 1.02: ${same.join('; ')}` : ''}.`,
    );
  }
  lines.push('');
  return lines;
}

/** Markdown lines (npm run bench). */
export function benchSyscallCost(options: SyscallCostOptions = {}): string[] {
  const m = measureSyscallCost(options);
  if (typeof m === 'string') return [`skipped: ${m}`, ''];
  return syscallCostLines(m);
}

const SERIES_COLORS: Record<string, string> = { allow: '#8c8c8c', 'allow-uncached': '#c4c4c4', minimal: '#0072B2', strict: '#009E73', libseccomp: '#D55E00' };

/** The chart of ratios to no filter, for the allowed operations. */
export function syscallCostSvg(m: SyscallCostMeasurement): string {
  const ops = OPS.filter((o) => o.allowed);
  return groupedBarChartSvg({
    title: 'Syscall cost inside bwrap, relative to no filter',
    subtitle: `x86_64; median of ${m.rounds} alternating rounds; whiskers: interquartile range`,
    groups: ops.map((o) => o.short),
    series: m.configs
      .filter((c) => c.kind !== 'none')
      .map((c) => {
        const s = ops.map((o) => ratios(m, c.key, 'none', o.key));
        return { name: c.label, color: SERIES_COLORS[c.key] ?? '#777777', values: s.map((x) => x.median), low: s.map((x) => x.q1), high: s.map((x) => x.q3) };
      }),
    yLabel: 'time / time without a filter',
    baseline: 1,
    digits: 2,
    refLines: [
      { value: 1, label: '1.00 no filter', labelBelow: true },
      { value: 1.02, label: '1.02 goal' },
    ],
  });
}

function sh(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

function readSys(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : 'unknown';
}

function machineLines(): string[] {
  const cpuinfo = readSys('/proc/cpuinfo');
  const cpu = /^model name\s*:\s*(.*)$/m.exec(cpuinfo)?.[1] ?? 'unknown';
  const cores = (cpuinfo.match(/^processor\s*:/gm) ?? []).length;
  const vuln = '/sys/devices/system/cpu/vulnerabilities';
  const jit = readSys('/proc/sys/net/core/bpf_jit_enable');
  const load = readSys('/proc/loadavg').split(' ').slice(0, 3).join(' ');
  const lib = sh('dpkg-query', ['-W', '-f', '${Version}', 'libseccomp2']);
  return [
    `- kernel ${sh('uname', ['-r'])} (${sh('uname', ['-m'])}), BPF JIT ${jit === '1' ? 'on' : jit === '0' ? 'off' : jit}`,
    `- CPU: ${cpu}, ${cores} logical cores, a virtual machine shared with other work (load average ${load} when the run ended)`,
    `- speculation (sysfs): spec_store_bypass "${readSys(`${vuln}/spec_store_bypass`)}", spectre_v2 "${readSys(`${vuln}/spectre_v2`)}" (on a kernel that switches SSBD or STIBP on for every process with a filter, spec_store_bypass_disable=seccomp or spectre_v2_user=seccomp, the filtered numbers would include that too)`,
    `- ${sh('bwrap', ['--version'])}; ${sh('gcc', ['--version']).split('\n')[0]}; libseccomp ${lib}; Node ${process.version}`,
  ];
}

/** The explanation under the tables, with this run's numbers. */
function readingLines(m: SyscallCostMeasurement): string[] {
  const has = (k: string) => m.configs.some((c) => c.key === k);
  const med = (k: string, op: OpKey) => stats(m.ns[k][op]).median;
  /** "12 ns more" / "3 ns less": medians of a against b. */
  const diff = (a: string, b: string, op: OpKey) => {
    const d = med(a, op) - med(b, op);
    return `${Math.abs(d).toFixed(0)} ns ${d >= 0 ? 'more' : 'less'}`;
  };
  const r = (a: string, b: string, op: OpKey) => f2(ratios(m, a, b, op).median);
  /** How a compares with b: within 2%, within the noise (the interquartile range reaches 1), or by how much. */
  const judge = (a: string, b: string, op: OpKey): string => {
    const s = ratios(m, a, b, op);
    if (Math.abs(s.median - 1) <= 0.02) return 'within 2% of 1';
    if (s.q1 <= 1 && s.q3 >= 1) return 'within the noise';
    return `${Math.abs((s.median - 1) * 100).toFixed(0)}% ${s.median > 1 ? 'above' : 'below'} 1, beyond the noise`;
  };
  const size = (k: string) => m.configs.find((c) => c.key === k)?.size;
  const ex = (k: string, op: OpKey) => m.executed[k]?.[op];
  const out: string[] = [];
  if (has('allow')) {
    const floorOver = (['getppid', 'ioctl'] as const).filter((op) => ratios(m, 'allow', 'none', op).median > 1.02);
    out.push(
      `- **Any filter at all costs something, whatever it says.** The one-instruction allow-all filter, which the kernel never even runs (the cache skips it for every syscall), costs getppid ${diff('allow', 'none', 'getppid')} than no filter (×${r('allow', 'none', 'getppid')}) and ioctl ${diff('allow', 'none', 'ioctl')} (×${r('allow', 'none', 'ioctl')}). Once a process has a filter, each of its syscalls enters the kernel through seccomp's path (\`syscall_trace_enter()\` → \`__secure_computing()\`, which copies the registers into struct seccomp_data and only then consults the cache). It is not no_new_privs: bwrap sets that in every configuration, with or without \`--seccomp\`. No filter can do better than this floor` +
        (floorOver.length
          ? `, and on this machine it is above 1.02 for ${floorOver.join(' and ')}: the goal "ratio ≤ 1.02 to no filter" is out of reach there for any filter. What a filter controls is how far above the floor it lands.`
          : '; on this machine it is within 1.02.'),
    );
  }
  const ours = m.configs.filter((c) => c.kind === 'ours');
  const allCached = ours.every((c) => m.cache[c.key] && m.cache[c.key].cached === m.cache[c.key].allowed);
  let getppid =
    `- **getppid: the cache at work.** No preset says anything about getppid, so each filter's answer for it depends only on the syscall number and the arch. When bwrap installs a filter, the kernel (5.11+, kernel/seccomp.c) emulates it once for every syscall number with \`seccomp_is_const_allow()\` and sets a bit for each syscall it always allows; from then on \`seccomp_cache_check_allow()\` finds that bit and the filter is not run at all.`;
  if (has('allow')) {
    getppid += ` So the ${size('minimal')}-instruction minimal filter should cost getppid what the one-instruction filter costs; measured, minimal / allow-all is ×${r('minimal', 'allow', 'getppid')} (${judge('minimal', 'allow', 'getppid')}), strict / allow-all ×${r('strict', 'allow', 'getppid')} (${judge('strict', 'allow', 'getppid')}).`;
  }
  if (has('allow-uncached')) getppid += ` The uncached allow-all, two instructions run on every call, costs getppid ${diff('allow-uncached', 'allow', 'getppid')} than the cached one: what the cache saves on each call even for the smallest filter that runs.`;
  getppid += allCached
    ? ' Our filters put every syscall their policy allows whatever the arguments in that cache (the last row of the instruction table).'
    : ' Not every syscall our filters always allow is in that cache (the last row of the instruction table).';
  out.push(getppid);
  const iocl = has('libseccomp')
    ? ` libseccomp's build of the same policy tests syscalls one after another and runs ${ex('libseccomp', 'ioctl')} instructions before it allows this ioctl, against our ${ex('minimal', 'ioctl')}; ours / libseccomp on ioctl is ×${r('minimal', 'libseccomp', 'ioctl')} (${judge('minimal', 'libseccomp', 'ioctl')}).`
    : '';
  out.push(
    `- **ioctl pays for running the filter.** Both presets look at ioctl's request argument (USERFAULTFD_IOC_NEW in minimal, TIOCSTI and TIOCLINUX too in strict), so the cache cannot decide ioctl and the JIT-compiled filter runs on every call: ${ex('minimal', 'ioctl')} instructions for minimal, ${ex('strict', 'ioctl')} for strict` +
      (has('allow') ? `; minimal costs ${diff('minimal', 'allow', 'ioctl')} than the floor (×${r('minimal', 'allow', 'ioctl')})` : '') +
      `. This is the worst case in relative terms: FIONREAD on /dev/null returns ENOTTY at once; a real ioctl does more work and the same nanoseconds weigh less.${iocl}`,
    `- **fork and clone.** clone is conditioned on CLONE_NEWUSER, so the filter runs there too (${ex('minimal', 'clone')} instructions for minimal), but creating and reaping a process costs ${fmtNs(med('none', 'clone'))} to ${fmtNs(med('none', 'fork'))} here: the filter's nanoseconds are far below the noise of this shared machine, and the ratios scatter around 1 by a few percent, the controls' as much as the presets'.`,
  );
  if (has('libseccomp')) {
    out.push(
      `- **Blocked ptrace** is answered by the filter (EPERM) before the kernel looks for a process; without a filter the call goes on to a lookup that fails (ESRCH), so the two ratios to no filter compare different work. It is there for the comparison with libseccomp, whose chain reaches ptrace in ${ex('libseccomp', 'ptrace')} instructions against our ${ex('minimal', 'ptrace')}: ours / libseccomp ×${r('minimal', 'libseccomp', 'ptrace')} (${judge('minimal', 'libseccomp', 'ptrace')}).`,
    );
  }
  return out;
}

const BEGIN = '<!-- syscall-cost:begin: written by `npx tsx bench/syscall-cost.ts --write-docs`; edits between these markers are overwritten -->';
const END = '<!-- syscall-cost:end -->';

/** Writes the syscall-cost section of docs/benchmarks.md (between its markers) and docs/benchmarks-ratios.svg. */
export function writeSyscallCostDocs(m: SyscallCostMeasurement, docsDir = join(packageRoot(), 'docs')): string[] {
  const svgFile = join(docsDir, 'benchmarks-ratios.svg');
  writeFileSync(svgFile, syscallCostSvg(m));
  const date = new Date().toISOString().slice(0, 10);
  const section = [
    BEGIN,
    '## Syscall cost inside bwrap',
    '',
    `Measured ${date} with \`${COMMAND}\` (\`npm run bench\` prints the same tables) on:`,
    '',
    ...machineLines(),
    '',
    'The probe, [bench/syscall-cost.c](../bench/syscall-cost.c), is compiled with `gcc -O2` and started inside `bwrap --ro-bind / / --dev /dev --proc /proc --unshare-pid --unshare-user`, with no filter, with `dist-bpf/x86_64/minimal.bpf` and `strict.bpf` as shipped (`--seccomp`), and with libseccomp\'s build of the same minimal policy (scripts/libseccomp/bridge.ts). It times each operation with `clock_gettime(CLOCK_MONOTONIC)` and checks what the last call returned (ioctl: ENOTTY, ptrace: ESRCH without a filter and EPERM under one), so every configuration measures the path intended.',
    '',
    ...syscallCostLines(m),
    '![Ratios of syscall cost under each filter to no filter](benchmarks-ratios.svg)',
    '',
    '### Reading the numbers',
    '',
    ...readingLines(m),
    END,
  ];
  const mdFile = join(docsDir, 'benchmarks.md');
  let md: string;
  if (existsSync(mdFile)) {
    md = readFileSync(mdFile, 'utf8');
    const a = md.indexOf('<!-- syscall-cost:begin');
    const b = md.indexOf(END);
    md = a >= 0 && b > a ? md.slice(0, a) + section.join('\n') + md.slice(b + END.length) : `${md.trimEnd()}\n\n${section.join('\n')}\n`;
  } else {
    md = ['# Benchmarks', '', section.join('\n'), ''].join('\n');
  }
  writeFileSync(mdFile, md);
  return [mdFile, svgFile];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const m = measureSyscallCost();
  if (typeof m === 'string') {
    console.log(`skipped: ${m}`);
  } else {
    console.log(syscallCostLines(m).join('\n'));
    if (process.argv.includes('--write-docs')) console.log(`wrote ${writeSyscallCostDocs(m).join(', ')}`);
  }
}
