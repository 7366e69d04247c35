// Reads the probe's serial output and checks every line: the kernel that booted, each filter loaded
// and in force (Seccomp: 2), every ABI gate reported every probe, each probe's syscall number is the
// one src/syscalls has for that ABI, the natural result is the expected one, and each filtered result
// is both what the preset promises and what the emulator says the shipped .bpf returns for exactly
// that call (number, audit arch, arguments).

import { ABIS, ARCHES, type AbiName } from '../../src/arch.js';
import { decodeProgram } from '../../src/bpf/codec.js';
import { runProgram, seccompAction, seccompErrno } from '../../src/bpf/emulator.js';
import { errnoName } from '../../src/bpf/errno.js';
import * as op from '../../src/bpf/opcodes.js';
import { syscallNumber } from '../../src/syscalls/index.js';
import type { BootResult } from './boot.js';
import { NATURAL, PRESET_EXPECT, WIDE_ONLY } from './expectations.js';
import type { QemuTarget } from './targets.js';

export interface ProbeLine {
  gate: string;
  probe: string;
  sys: string;
  nr: number;
  args: bigint[];
  /** run name (natural, or a preset) → result. */
  results: Record<string, string>;
}

export interface ParsedSerial {
  boot?: { abi: string; release: string; machine: string };
  probes: ProbeLine[];
  seccomp: { binary: string; run: string; mode: string }[];
  loads: { binary: string; filter: string; result: string }[];
  /** Filters of other arches, loaded before a getpid. */
  foreign: { filter: string; nr: number; result: string }[];
  /** ERROR and EXIT lines of the probe. */
  problems: string[];
  done: boolean;
}

function fields(line: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const w of line.split(/\s+/).slice(1)) {
    const i = w.indexOf('=');
    if (i > 0) m.set(w.slice(0, i), w.slice(i + 1));
  }
  return m;
}

export function parseSerial(text: string): ParsedSerial {
  const out: ParsedSerial = { probes: [], seccomp: [], loads: [], foreign: [], problems: [], done: false };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const f = fields(line);
    if (line.startsWith('BOOT ')) {
      out.boot = { abi: f.get('abi') ?? '', release: f.get('release') ?? '', machine: f.get('machine') ?? '' };
    } else if (line.startsWith('PROBE ')) {
      const results: Record<string, string> = {};
      for (const [k, v] of f) if (!['abi', 'probe', 'sys', 'nr', 'args'].includes(k)) results[k] = v;
      out.probes.push({
        gate: f.get('abi') ?? '',
        probe: f.get('probe') ?? '',
        sys: f.get('sys') ?? '',
        nr: Number(f.get('nr')),
        args: (f.get('args') ?? '').split(',').filter(Boolean).map((h) => BigInt(`0x${h}`)),
        results,
      });
    } else if (line.startsWith('SECCOMP ')) {
      out.seccomp.push({ binary: f.get('binary') ?? '', run: f.get('run') ?? '', mode: f.get('mode') ?? '' });
    } else if (line.startsWith('LOAD ')) {
      out.loads.push({ binary: f.get('binary') ?? '', filter: f.get('filter') ?? '', result: line.replace(/^.*result=/, '') });
    } else if (line.startsWith('FOREIGN ')) {
      out.foreign.push({ filter: f.get('filter') ?? '', nr: Number(f.get('nr')), result: f.get('result') ?? '' });
    } else if (line.startsWith('ERROR ') || line.startsWith('EXIT ')) {
      out.problems.push(line);
    } else if (/^DONE\b/.test(line)) {
      out.done = true;
    }
  }
  return out;
}

/** What a probe sees when a filter returns `ret` (kernel/seccomp.c, __seccomp_filter, with no tracer). */
export function outcomeOf(ret: number, natural: string): string {
  const action = seccompAction(ret);
  switch (action) {
    case op.SECCOMP_RET_ALLOW:
    case op.SECCOMP_RET_LOG:
      return natural;
    case op.SECCOMP_RET_ERRNO: {
      const e = seccompErrno(ret) ?? 0;
      return e === 0 ? 'OK' : errnoName(e) ?? `E${e}`;
    }
    case op.SECCOMP_RET_TRACE:
    case op.SECCOMP_RET_USER_NOTIF:
      return 'ENOSYS'; // no tracer, no listener
    default:
      return 'KILLED:SIGSYS'; // KILL_PROCESS, KILL_THREAD, TRAP (SIGSYS, not handled)
  }
}

export interface CheckedProbe {
  gate: string;
  abi: AbiName | undefined;
  probe: string;
  sys: string;
  nr: number;
  natural: string;
  /** preset → observed, and what the emulator and the preset's table say. */
  filtered: Record<string, { observed: string; emulated: string; promised?: string }>;
  problems: string[];
}

/** What a failure is about: the boot, the loading of the filters, one ABI gate's probes, the foreign-arch kill. */
export type Scope = 'boot' | 'load' | 'foreign' | `gate:${string}`;

export interface Failure {
  scope: Scope;
  message: string;
}

export interface CheckReport {
  release?: string;
  machine?: string;
  /** Whether the kernel took x32 syscalls (x86_64 only). */
  x32Enabled?: boolean;
  probes: CheckedProbe[];
  foreign: { filter: string; observed: string; emulated: string }[];
  failures: Failure[];
}

/**
 * Checks a boot's serial output. `foreign` is the filter of another arch that the probe loaded
 * before a getpid (its name and bytes, in this target's byte order).
 */
export function checkBoot(
  t: QemuTarget,
  boot: BootResult,
  filters: ReadonlyMap<string, Buffer>,
  foreign?: { name: string; bpf: Buffer },
): CheckReport {
  const parsed = parseSerial(boot.output);
  const failures: Failure[] = [];
  const fail = (scope: Scope, message: string) => failures.push({ scope, message });
  const presets = [...filters.keys()];
  const report: CheckReport = { release: parsed.boot?.release, machine: parsed.boot?.machine, probes: [], foreign: [], failures };

  if (boot.timedOut) fail('boot', `qemu did not finish within ${t.timeoutSec} s and was killed`);
  if (!parsed.boot) fail('boot', 'the probe never started (no BOOT line): see the serial log');
  if (parsed.boot && !ARCHES[t.arch].machines.includes(parsed.boot.machine)) {
    fail('boot', `uname -m says ${parsed.boot.machine}, not one of ${ARCHES[t.arch].machines.join(', ')}`);
  }
  if (!parsed.done) fail('boot', 'the probe never printed DONE');
  for (const p of parsed.problems) {
    // A problem of a filtered run is the loading's; of the bare run or of pid 1, the boot's.
    const scope: Scope = /\bforeign=/.test(p) ? 'foreign' : /\b(run|filter)=(?!natural\b)/.test(p) ? 'load' : 'boot';
    fail(scope, `probe: ${p}`);
  }

  // Every binary ran once bare (Seccomp: 0) and once per preset with the filter loaded (Seccomp: 2).
  const binaries = [t.arch, ...t.compat.map((c) => c.label)];
  for (const b of binaries) {
    const mode = (run: string) => parsed.seccomp.find((s) => s.binary === b && s.run === run)?.mode;
    if (mode('natural') !== '0') fail('load', `${b}: without a filter /proc/self/status says Seccomp: ${mode('natural') ?? '(no line)'}, expected 0`);
    for (const preset of presets) {
      const load = parsed.loads.find((l) => l.binary === b && l.filter === preset);
      if (!load?.result.startsWith('ok')) fail('load', `${b}: ${preset}.bpf did not load: ${load?.result ?? '(no LOAD line)'}`);
      if (mode(preset) !== '2') fail('load', `${b}: under ${preset} /proc/self/status says Seccomp: ${mode(preset) ?? '(no line)'}, expected 2`);
    }
  }

  if (foreign) {
    const line = parsed.foreign.find((f) => f.filter === foreign.name);
    const native = ABIS[t.gates[0].abi].auditArch;
    const emulated = line
      ? outcomeOf(runProgram(decodeProgram(foreign.bpf, ARCHES[t.arch].endian), { nr: line.nr, arch: native, instructionPointer: 0n, args: [] }, ARCHES[t.arch].endian).ret, 'OK')
      : 'KILLED:SIGSYS';
    report.foreign.push({ filter: foreign.name, observed: line?.result ?? 'MISSING', emulated });
    if (!line) fail('foreign', `no result for the foreign filter ${foreign.name}`);
    else if (line.result !== 'KILLED:SIGSYS' || emulated !== 'KILLED:SIGSYS') {
      fail('foreign', `getpid under ${foreign.name}: the kernel gave ${line.result}, the emulator says ${emulated}; both must be KILLED:SIGSYS`);
    }
  }

  const programs = new Map([...filters].map(([p, bpf]) => [p, decodeProgram(bpf, ARCHES[t.arch].endian)]));
  // x32 is optional in a kernel: when its getpid fails with ENOSYS, every x32 call does.
  const x32Getpid = parsed.probes.find((p) => p.gate === 'x32' && p.probe === 'getpid');
  if (x32Getpid) report.x32Enabled = x32Getpid.results.natural === 'OK';

  for (const gate of t.gates) {
    const wide = ABIS[gate.abi].bits === 64 || gate.label.endsWith('/int80');
    for (const probe of Object.keys(NATURAL)) {
      if (WIDE_ONLY.has(probe) && !wide) continue;
      if (!parsed.probes.some((p) => p.gate === gate.label && p.probe === probe)) fail(`gate:${gate.label}`, `no result for ${probe}`);
    }
  }

  for (const line of parsed.probes) {
    const gate = t.gates.find((g) => g.label === line.gate);
    const c: CheckedProbe = {
      gate: line.gate, abi: gate?.abi, probe: line.probe, sys: line.sys, nr: line.nr,
      natural: line.results.natural ?? 'MISSING', filtered: {}, problems: [],
    };
    report.probes.push(c);
    if (!gate) {
      c.problems.push(`unexpected ABI gate ${line.gate}`);
      continue;
    }
    const tableNr = syscallNumber(gate.abi, line.sys);
    if (tableNr !== line.nr) {
      c.problems.push(`${line.sys} is ${line.nr} in the target's headers but ${tableNr ?? 'absent'} in src/syscalls/${gate.abi}.ts`);
    }
    const x32Off = gate.abi === 'x32' && report.x32Enabled === false;
    const wantNatural = x32Off ? 'ENOSYS' : NATURAL[line.probe];
    if (wantNatural === undefined) c.problems.push(`unknown probe ${line.probe}`);
    else if (c.natural !== wantNatural) c.problems.push(`natural ${c.natural}, expected ${wantNatural}`);

    for (const preset of presets) {
      const observed = line.results[preset] ?? 'MISSING';
      const ret = runProgram(programs.get(preset)!, {
        nr: line.nr, arch: ABIS[gate.abi].auditArch, instructionPointer: 0n, args: line.args,
      }, ARCHES[t.arch].endian).ret;
      const emulated = outcomeOf(ret, c.natural);
      const table = PRESET_EXPECT[preset]?.[line.probe];
      const promised = table === undefined ? undefined : table === 'natural' ? c.natural : table;
      c.filtered[preset] = { observed, emulated, promised };
      if (observed !== emulated) c.problems.push(`${preset}: the kernel gave ${observed}, the emulator says ${emulated}`);
      if (promised !== undefined && observed !== promised) c.problems.push(`${preset}: ${observed}, the preset promises ${promised}`);
    }
    for (const p of c.problems) fail(`gate:${line.gate}`, `${line.probe}: ${p}`);
  }
  return report;
}

/** A fixed-width table: one row per ABI gate and probe, natural and each preset's result. */
export function formatTable(report: CheckReport, presets: readonly string[]): string {
  const header = ['abi', 'probe', 'nr', 'natural', ...presets, ''];
  const rows = report.probes.map((p) => [
    p.gate, p.probe, String(p.nr), p.natural,
    ...presets.map((s) => p.filtered[s]?.observed ?? '-'),
    p.problems.length ? `FAIL: ${p.problems.join('; ')}` : 'ok',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (i < r.length - 1 ? r[i].length : 0))));
  const fmt = (r: string[]) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]) : cell)).join('  ').trimEnd();
  return [fmt(header), ...rows.map(fmt)].join('\n');
}
