// npm run test:arch [ARCH...] [-- --refresh]
//
// Proves the shipped filters on real kernels of other architectures: installs the Debian packages it
// needs (qemu-system-*, cross gcc; as root, with apt-get), fetches and caches each arch's Debian
// kernel, builds the probes, then runs the vitest suites test/qemu/<arch>.qemu.ts (one qemu-system
// boot each) and prints a per-arch summary with the boot-plus-probe time. No ARCH: every arch Debian
// has packages for. See docs/qemu.md.

import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ARCH_NAMES, isArchName, type ArchName } from '../../src/arch.js';
import { packageRoot } from '../../src/paths.js';
import { cacheDir } from './cache.js';
import { ensurePackages, fetchKernel, missingConfig, missingPackages } from './debian.js';
import { buildProbes } from './probes.js';
import { lastRun } from './run.js';
import { hostPackages, TARGETS } from './targets.js';

function usage(): never {
  console.error(
    [
      'usage: npm run test:arch [ARCH...] [-- --refresh] [-- --no-install]',
      `  ARCH: ${ARCH_NAMES.join(' ')} (default: all that Debian has packages for)`,
      '  --refresh     fetch the current Debian kernels again instead of the cached ones',
      '  --no-install  do not apt-get install missing packages: fail and name them',
      `cache: ${cacheDir()} (SANDBOX_SECCOMP_QEMU_CACHE overrides)`,
    ].join('\n'),
  );
  process.exit(2);
}

const log = (s: string) => console.log(`test:arch: ${s}`);

function main(): number {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('-')));
  for (const f of flags) if (!['--refresh', '--no-install', '--help', '-h'].includes(f)) usage();
  if (flags.has('--help') || flags.has('-h')) usage();
  const named = args.filter((a) => !a.startsWith('-'));
  for (const a of named) if (!isArchName(a)) {
    console.error(`test:arch: unknown arch ${a}`);
    usage();
  }
  const requested = named as ArchName[];
  const unavailable = (requested.length ? requested : ARCH_NAMES).filter((a) => TARGETS[a].unavailable);
  for (const a of unavailable) log(`${a}: cannot run: ${TARGETS[a].unavailable}`);
  if (requested.some((a) => TARGETS[a].unavailable)) return 1;
  const arches = (requested.length ? [...new Set(requested)] : ARCH_NAMES.filter((a) => !TARGETS[a].unavailable));

  const t0 = Date.now();
  const packages = [...new Set(arches.flatMap((a) => hostPackages(TARGETS[a])))];
  if (flags.has('--no-install')) {
    const missing = missingPackages(packages);
    if (missing.length) throw new Error(`missing Debian packages: ${missing.join(' ')}`);
  } else {
    if (missingPackages(['gcc-multilib']).length === 0 && missingPackages(packages).length) {
      log('note: Debian\'s gcc-multilib conflicts with its cross compilers and apt-get will remove it; gcc -m32 keeps ' +
        'working through gcc-12-multilib (with -idirafter /usr/include/x86_64-linux-gnu)');
    }
    ensurePackages(packages, log);
  }
  const tPackages = Date.now();

  for (const a of arches) {
    const t = TARGETS[a];
    const k = fetchKernel(t, { refresh: flags.has('--refresh'), log: (s) => log(`${a}: ${s}`) });
    const lacking = missingConfig(k, t.kernelConfig);
    if (lacking.length) throw new Error(`${a}: ${k.package} lacks ${lacking.join(', ')} (not =y)`);
    buildProbes(t);
    log(`${a}: ${k.package} ${k.version} (${k.suite}) ready`);
  }
  const tReady = Date.now();

  // A run that dies before it records must not show the previous run's result.
  for (const a of arches) rmSync(join(cacheDir('runs', a), 'result.json'), { force: true });
  const vitest = join(packageRoot(), 'node_modules', 'vitest', 'vitest.mjs');
  const r = spawnSync(
    process.execPath,
    [vitest, 'run', '-c', join(packageRoot(), 'test', 'qemu', 'vitest.config.ts'), ...arches.map((a) => `test/qemu/${a}.qemu.ts`)],
    { stdio: 'inherit', cwd: packageRoot(), env: { ...process.env, SANDBOX_SECCOMP_QEMU_ARCHES: arches.join(',') } },
  );
  const tDone = Date.now();

  console.log('\nqemu-system proof per arch (TCG, 1 vCPU; boot = to the probe\'s first line, boot+probe = to DONE):');
  const rows = [['arch', 'kernel', 'ABIs', 'probes', 'foreign', 'boot s', 'boot+probe s', 'result']];
  for (const a of arches) {
    const run = lastRun(a);
    if (!run) {
      rows.push([a, '-', '-', '-', '-', '-', '-', 'no run']);
      continue;
    }
    const probes = run.report.probes;
    const ok = probes.filter((p) => p.problems.length === 0).length;
    rows.push([
      a,
      `${run.kernel.package.replace(/^linux-image-/, '')} (${run.kernel.suite})`,
      [...new Set(probes.map((p) => p.gate))].join(' '),
      `${ok}/${probes.length}`,
      run.report.foreign.map((f) => f.observed).join(' ') || '-',
      run.boot.bootSec?.toFixed(1) ?? '-',
      run.boot.doneSec?.toFixed(1) ?? '-',
      run.report.failures.length === 0 ? 'ok' : `${run.report.failures.length} failures`,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const row of rows) console.log('  ' + row.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd());
  for (const a of unavailable) console.log(`  ${a}: not run: ${TARGETS[a].unavailable}`);
  const s = (ms: number) => (ms / 1000).toFixed(1);
  console.log(`time: packages ${s(tPackages - t0)} s, kernels and probes ${s(tReady - tPackages)} s, boots and checks ${s(tDone - tReady)} s`);
  return r.status ?? 1;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`test:arch: ${(e as Error).message}`);
  process.exitCode = 1;
}
