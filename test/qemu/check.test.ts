// The qemu harness's own pieces, without qemu (part of `npm test`): the newc cpio writer, and the
// check of serial output recorded from real boots (fixtures/*.serial.log: aarch64 with arm32 compat,
// s390x, x86_64 with x32, int 0x80 and a 32-bit probe) against the shipped filters, including that a
// wrong result is caught and blamed on the right ABI.

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ArchName } from '../../src/arch.js';
import type { BootResult } from '../../scripts/qemu/boot.js';
import { checkBoot, outcomeOf, parseSerial } from '../../scripts/qemu/check.js';
import { cpioNewc, gzipInitramfs } from '../../scripts/qemu/initramfs.js';
import { foreignFilter, shippedFilters } from '../../scripts/qemu/run.js';
import { TARGETS } from '../../scripts/qemu/targets.js';

const fixture = (arch: string) => readFileSync(new URL(`fixtures/${arch}.serial.log`, import.meta.url), 'utf8');

function bootOf(output: string): BootResult {
  return { command: [], output, exitCode: 0, signal: null, timedOut: false, bootSec: 1, doneSec: 2, totalSec: 2, stderr: '' };
}

function check(arch: ArchName, output: string) {
  return checkBoot(TARGETS[arch], bootOf(output), shippedFilters(arch), foreignFilter(arch));
}

/** Reads back a newc archive: name, mode, rdev and data of each entry. */
function readCpio(buf: Buffer) {
  const out: { name: string; mode: number; rmajor: number; rminor: number; data: Buffer }[] = [];
  let off = 0;
  const align = (n: number) => (n + 3) & ~3;
  for (;;) {
    expect(buf.toString('ascii', off, off + 6)).toBe('070701');
    const field = (i: number) => parseInt(buf.toString('ascii', off + 6 + 8 * i, off + 14 + 8 * i), 16);
    const [mode, size, rmajor, rminor, namesize] = [field(1), field(6), field(9), field(10), field(11)];
    const name = buf.toString('utf8', off + 110, off + 110 + namesize - 1);
    const dataAt = align(off + 110 + namesize);
    if (name === 'TRAILER!!!') return out;
    out.push({ name, mode, rmajor, rminor, data: buf.subarray(dataAt, dataAt + size) });
    off = align(dataAt + size);
  }
}

describe('initramfs (newc cpio)', () => {
  it('writes directories, files and a console device, 4-byte aligned, and gzips them', () => {
    const entries = [
      { path: 'dev', type: 'dir' as const },
      { path: 'dev/console', type: 'char' as const, major: 5, minor: 1 },
      { path: 'init', type: 'file' as const, data: Buffer.from('\x7fELF!'), mode: 0o755 },
      { path: 'filters/minimal.bpf', type: 'file' as const, data: Buffer.alloc(16, 7) },
    ];
    const got = readCpio(cpioNewc(entries));
    expect(got.map((e) => e.name)).toEqual(['dev', 'dev/console', 'init', 'filters/minimal.bpf']);
    expect(got[0].mode).toBe(0o040755);
    expect([got[1].mode, got[1].rmajor, got[1].rminor]).toEqual([0o020600, 5, 1]);
    expect(got[2].mode).toBe(0o100755);
    expect(got[2].data.toString('latin1')).toBe('\x7fELF!');
    expect(got[3].data).toEqual(Buffer.alloc(16, 7));
    expect(gunzipSync(gzipInitramfs(entries))).toEqual(cpioNewc(entries));
  });
});

describe('checking recorded serial output', () => {
  it('parses the probe lines of a real boot', () => {
    const p = parseSerial(fixture('aarch64'));
    expect(p.boot).toEqual({ abi: 'aarch64', release: '6.1.0-56-arm64', machine: 'aarch64' });
    expect(p.done).toBe(true);
    const clone = p.probes.find((l) => l.gate === 'arm' && l.probe === 'clone_newuser')!;
    expect(clone).toMatchObject({ sys: 'clone', nr: 120, results: { natural: 'OK', minimal: 'EPERM', strict: 'EPERM' } });
    expect(clone.args[0]).toBe(0x10000011n);
    expect(p.foreign).toEqual([{ filter: 'x86_64-minimal', nr: 172, result: 'KILLED:SIGSYS' }]);
  });

  for (const arch of ['aarch64', 's390x', 'x86_64'] as const) {
    it(`a recorded ${arch} boot passes every check against the shipped filters`, () => {
      const r = check(arch, fixture(arch));
      expect(r.failures).toEqual([]);
      expect(new Set(r.probes.map((p) => p.gate))).toEqual(new Set(TARGETS[arch].gates.map((g) => g.label)));
    });
  }

  it('x86_64: x32 counted as on when the kernel took x32 syscalls (syscall.x32=y)', () => {
    expect(check('x86_64', fixture('x86_64')).x32Enabled).toBe(true);
  });

  it('blames a filtered result that differs from the emulator and the preset on its ABI gate', () => {
    const bad = fixture('aarch64').replace(/(PROBE abi=arm probe=ptrace .* minimal=)EPERM/, '$1ESRCH');
    const r = check('aarch64', bad);
    expect(r.failures.map((f) => f.scope)).toEqual(['gate:arm', 'gate:arm']);
    expect(r.failures.map((f) => f.message).join('\n')).toMatch(/ptrace: minimal: the kernel gave ESRCH, the emulator says EPERM/);
  });

  it('s390x: a clone whose flags are not in argument 1 is seen by neither the kernel nor the filter', () => {
    // What a probe that put the flags in argument 0 would have reported: the kernel reads them from
    // argument 1, so the clone succeeds, and the filter (which also reads argument 1) allows it.
    const moved = fixture('s390x').replace(/(probe=clone_newuser sys=clone nr=120 args=)0,10000011(.*) minimal=EPERM strict=EPERM/, '$110000011,0$2 minimal=OK strict=OK');
    const r = check('s390x', moved);
    const msgs = r.failures.map((f) => f.message);
    expect(msgs).toContain('clone_newuser: minimal: OK, the preset promises EPERM');
    expect(msgs.some((m) => /emulator/.test(m))).toBe(false);
  });

  it('reports a probe that is missing, a filter that did not load, a kill and a missing DONE', () => {
    const text = fixture('aarch64')
      .replace(/^PROBE abi=aarch64 probe=keyctl .*\n/m, '')
      .replace(/LOAD binary=arm filter=strict result=ok.*/, 'LOAD binary=arm filter=strict result=seccomp EINVAL')
      .replace(/(PROBE abi=aarch64 probe=bpf .* strict=)EPERM/, '$1KILLED:SIGSYS')
      .replace('DONE\n', '');
    const r = check('aarch64', text);
    const text2 = r.failures.map((f) => `${f.scope} ${f.message}`).join('\n');
    expect(text2).toMatch(/^gate:aarch64 no result for keyctl$/m);
    expect(text2).toMatch(/^load arm: strict\.bpf did not load: seccomp EINVAL$/m);
    expect(text2).toMatch(/^gate:aarch64 bpf: strict: the kernel gave KILLED:SIGSYS, the emulator says EPERM$/m);
    expect(text2).toMatch(/^boot the probe never printed DONE$/m);
  });

  it('maps filter return values to what the probe sees', () => {
    expect(outcomeOf(0x7fff0000, 'ESRCH')).toBe('ESRCH');
    expect(outcomeOf(0x00050001, 'ESRCH')).toBe('EPERM');
    expect(outcomeOf(0x80000000, 'OK')).toBe('KILLED:SIGSYS');
    expect(outcomeOf(0x00030000, 'OK')).toBe('KILLED:SIGSYS');
    expect(outcomeOf(0x7ff00000, 'OK')).toBe('ENOSYS');
  });
});
