// The vitest suite of one architecture: boot Debian's kernel for it under qemu-system with the probe
// as /init, then one test per concern (the boot, the loading of every preset, each ABI gate's
// probes, the kill of a foreign arch). Run by `npm run test:arch` (scripts/qemu/test-arch.ts), which
// installs and fetches what is missing first; a bare `vitest -c test/qemu/vitest.config.ts` uses
// only what is already there and skips, saying why, what it cannot run.

import { beforeAll, describe, expect, it } from 'vitest';
import type { ArchName } from '../../src/arch.js';
import { formatTable, type Scope } from '../../scripts/qemu/check.js';
import { runArch, whyUnavailable, type ArchRun } from '../../scripts/qemu/run.js';
import { TARGETS } from '../../scripts/qemu/targets.js';

/** SANDBOX_SECCOMP_QEMU_ARCHES=aarch64,s390x limits a run to those arches (test:arch sets it). */
function notSelected(arch: ArchName): string | undefined {
  const sel = process.env.SANDBOX_SECCOMP_QEMU_ARCHES;
  if (!sel) return undefined;
  return sel.split(',').map((s) => s.trim()).includes(arch) ? undefined : `not selected (SANDBOX_SECCOMP_QEMU_ARCHES=${sel})`;
}

export function archSuite(arch: ArchName): void {
  const t = TARGETS[arch];
  const skip = notSelected(arch) ?? whyUnavailable(arch);
  if (skip) console.warn(`qemu ${arch}: skipped: ${skip}`);

  describe.skipIf(skip)(`${arch}: Debian's kernel under qemu-system`, () => {
    let run: ArchRun;
    const failures = (scope: Scope) => run.report.failures.filter((f) => f.scope === scope).map((f) => f.message);

    beforeAll(async () => {
      run = await runArch(arch);
      const b = run.boot;
      const lines = [
        `${arch}: ${run.kernel.package} ${run.kernel.version} (${run.kernel.suite}), uname ${run.report.release ?? '?'} ${run.report.machine ?? '?'}`,
        `  boot ${b.bootSec?.toFixed(1) ?? '-'} s, boot+probe ${b.doneSec?.toFixed(1) ?? '-'} s, qemu exit ${b.totalSec.toFixed(1)} s` +
          (run.report.x32Enabled !== undefined ? `, x32 ${run.report.x32Enabled ? 'on' : 'off'} in the kernel` : ''),
        formatTable(run.report, run.presets),
        ...run.report.foreign.map((f) => `foreign filter ${f.filter}: getpid ${f.observed} (emulator: ${f.emulated})`),
        `serial log: ${run.logFile}`,
      ];
      console.log(lines.join('\n'));
    }, (t.timeoutSec + 120) * 1000);

    it('boots, runs the probe to the end and powers off', () => {
      expect(failures('boot')).toEqual([]);
      expect(run.boot.timedOut).toBe(false);
    });

    it('loads every shipped dist-bpf preset with seccomp(SECCOMP_SET_MODE_FILTER) and runs under it (Seccomp: 2)', () => {
      expect(failures('load')).toEqual([]);
    });

    for (const gate of t.gates) {
      it(`${gate.label} ABI (${gate.how}): natural and filtered results of every probe`, () => {
        expect(run.report.probes.filter((p) => p.gate === gate.label).length).toBeGreaterThan(0);
        expect(failures(`gate:${gate.label}`)).toEqual([]);
      });
    }

    it('a filter for other arches kills the process at its first syscall', () => {
      expect(failures('foreign')).toEqual([]);
      expect(run.report.foreign.map((f) => f.observed)).toEqual(['KILLED:SIGSYS']);
    });

    it('reports nothing unexpected', () => {
      const known = new Set<string>(['boot', 'load', 'foreign', ...t.gates.map((g) => `gate:${g.label}`)]);
      expect(run.report.failures.filter((f) => !known.has(f.scope))).toEqual([]);
    });
  });
}
