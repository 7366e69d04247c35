// One architecture, end to end: the cached Debian kernel, the probes, an initramfs with the shipped
// filters, a boot under qemu-system, and the check of every probe line.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ABIS, ARCH_NAMES, ARCHES, type ArchName } from '../../src/arch.js';
import { decodeProgram, encodeProgram } from '../../src/bpf/codec.js';
import { distDir } from '../../src/paths.js';
import { boot, type BootResult } from './boot.js';
import { cacheDir } from './cache.js';
import { checkBoot, type CheckReport } from './check.js';
import { cachedKernel, fetchKernel, type KernelInfo, missingConfig, missingPackages, which } from './debian.js';
import { buildProbes } from './probes.js';
import { gzipInitramfs, type CpioEntry } from './initramfs.js';
import { hostPackages, TARGETS, type QemuTarget } from './targets.js';

export interface ArchRun {
  arch: ArchName;
  kernel: KernelInfo;
  presets: string[];
  initrdBytes: number;
  boot: BootResult;
  report: CheckReport;
  logFile: string;
}

/** The shipped filters of an arch: preset → .bpf bytes. */
export function shippedFilters(arch: ArchName): Map<string, Buffer> {
  const dir = join(distDir(), arch);
  const m = new Map<string, Buffer>();
  for (const f of readdirSync(dir).sort()) if (f.endsWith('.bpf')) m.set(f.slice(0, -4), readFileSync(join(dir, f)));
  return m;
}

/**
 * A filter that knows none of this arch's audit arches: another target's minimal.bpf, re-encoded in
 * this target's byte order. The probe loads it and makes one syscall, which must be killed.
 */
export function foreignFilter(arch: ArchName): { name: string; bpf: Buffer } {
  const own = new Set(ARCHES[arch].abis.map((a) => ABIS[a].auditArch));
  for (const other of ARCH_NAMES) {
    if (other === arch || ARCHES[other].abis.some((a) => own.has(ABIS[a].auditArch))) continue;
    const file = join(distDir(), other, 'minimal.bpf');
    if (!existsSync(file)) continue;
    const insns = decodeProgram(readFileSync(file), ARCHES[other].endian);
    return { name: `${other}-minimal`, bpf: encodeProgram(insns, ARCHES[arch].endian) };
  }
  throw new Error(`no shipped filter of another arch to use as ${arch}'s foreign filter`);
}

/**
 * Why this arch cannot run here without installing or fetching anything, or undefined when it can.
 * (npm run test:arch installs and fetches first; a bare vitest run only uses what is there.)
 */
export function whyUnavailable(arch: ArchName): string | undefined {
  const t = TARGETS[arch];
  if (t.unavailable) return t.unavailable;
  if (process.platform !== 'linux') return 'not Linux';
  const missing = missingPackages(hostPackages(t));
  if (missing.length) return `missing Debian packages: ${missing.join(' ')} (npm run test:arch ${arch} installs them)`;
  if (!which(t.qemu.binary)) return `${t.qemu.binary} is not on PATH`;
  if (!cachedKernel(t)) return `no cached ${t.debArch} kernel (npm run test:arch ${arch} fetches it)`;
  return undefined;
}

export function qemuArgs(t: QemuTarget, kernel: string, initrd: string): string[] {
  // loglevel=1: only emergencies reach the console, so no kernel message splits a probe line
  // (SANDBOX_SECCOMP_QEMU_VERBOSE=1 shows the whole boot, to debug one that fails).
  const verbose = process.env.SANDBOX_SECCOMP_QEMU_VERBOSE === '1';
  const append = [`console=${t.qemu.console}`, 'panic=-1', verbose ? 'ignore_loglevel' : 'loglevel=1', ...t.qemu.append].join(' ');
  return [
    ...t.qemu.args,
    '-accel', 'tcg',
    '-smp', '1',
    '-nodefaults',
    '-display', 'none',
    '-serial', 'stdio',
    '-monitor', 'none',
    '-no-reboot',
    '-kernel', kernel,
    '-initrd', initrd,
    '-append', append,
  ];
}

export async function runArch(arch: ArchName, opts: { fetch?: boolean; onLine?: (l: string) => void } = {}): Promise<ArchRun> {
  const t = TARGETS[arch];
  if (t.unavailable) throw new Error(`${arch}: ${t.unavailable}`);
  const kernel = opts.fetch ? fetchKernel(t) : cachedKernel(t);
  if (!kernel) throw new Error(`${arch}: no cached kernel; run npm run test:arch ${arch}`);
  const lacking = missingConfig(kernel, t.kernelConfig);
  if (lacking.length) throw new Error(`${arch}: ${kernel.package} does not build in ${lacking.join(', ')}`);

  const probes = buildProbes(t);
  const filters = shippedFilters(arch);
  if (filters.size === 0) throw new Error(`${arch}: no .bpf files in ${join(distDir(), arch)}`);
  const foreign = foreignFilter(arch);
  const entries: CpioEntry[] = [
    { path: 'dev', type: 'dir' },
    { path: 'dev/console', type: 'char', major: 5, minor: 1 },
    { path: 'proc', type: 'dir', mode: 0o555 },
    { path: 'init', type: 'file', data: readFileSync(probes.init), mode: 0o755 },
    { path: 'probes', type: 'dir' },
    ...Object.entries(probes.compat).map(([label, p]): CpioEntry => ({ path: `probes/${label}`, type: 'file', data: readFileSync(p), mode: 0o755 })),
    { path: 'filters', type: 'dir' },
    ...[...filters].map(([preset, bpf]): CpioEntry => ({ path: `filters/${preset}.bpf`, type: 'file', data: bpf })),
    { path: 'foreign', type: 'dir' },
    { path: `foreign/${foreign.name}.bpf`, type: 'file', data: foreign.bpf },
  ];
  const runDir = cacheDir('runs', arch);
  const initrd = join(runDir, 'initrd.img');
  const image = gzipInitramfs(entries);
  writeFileSync(initrd, image);

  const result = await boot({ binary: t.qemu.binary, args: qemuArgs(t, kernel.image, initrd), timeoutSec: t.timeoutSec, onLine: opts.onLine });
  const logFile = join(runDir, 'serial.log');
  writeFileSync(logFile, result.output);
  const report = checkBoot(t, result, filters, foreign);
  const run: ArchRun = { arch, kernel, presets: [...filters.keys()], initrdBytes: image.length, boot: result, report, logFile };
  writeFileSync(join(runDir, 'result.json'), JSON.stringify({ ...run, boot: { ...run.boot, output: undefined } }, null, 2) + '\n');
  return run;
}

/** The last recorded run of an arch (written by runArch), for the summary. */
export function lastRun(arch: ArchName): Omit<ArchRun, 'boot'> & { boot: Omit<BootResult, 'output'> } | undefined {
  const f = join(cacheDir('runs', arch), 'result.json');
  return existsSync(f) ? JSON.parse(readFileSync(f, 'utf8')) : undefined;
}
