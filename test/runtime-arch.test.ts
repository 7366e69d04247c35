// Which dist-bpf/<arch>/ a machine gets: Node's arch, its byte order, and the kernel's own arch.
import { describe, expect, it } from 'vitest';
import { ARCH_NAMES, ARCHES } from '../src/arch.js';
import { archOfMachine, archOfNode, hostArch } from '../src/runtime/filter.js';
import { failure } from './helpers/errors.js';

const linux = (arch: string, machine: string, extra: object = {}) => ({ platform: 'linux', arch, machine, endianness: 'LE' as const, kernelArch: null, ...extra });


describe('hostArch', () => {
  it.each([
    ['x64', 'x86_64', 'x86_64'],
    ['arm64', 'aarch64', 'aarch64'],
    ['arm', 'armv7l', 'arm'],
    ['ia32', 'i686', 'i386'],
    ['riscv64', 'riscv64', 'riscv64'],
    ['ppc64', 'ppc64le', 'ppc64le'],
    ['s390x', 's390x', 's390x'],
    ['loong64', 'loongarch64', 'loongarch64'],
  ])('Node %s on a %s kernel → %s', (nodeArch, machine, want) => {
    expect(hostArch(linux(nodeArch, machine, { endianness: want === 's390x' ? 'BE' : 'LE' }))).toBe(want);
  });

  it('maps every target arch from its own descriptor', () => {
    for (const a of ARCH_NAMES) {
      const d = ARCHES[a];
      expect(hostArch(linux(d.nodeArch, d.machines[0], { endianness: d.endian === 'big' ? 'BE' : 'LE' }))).toBe(a);
    }
  });

  it("takes the kernel's arch for a 32-bit Node on a 64-bit kernel (its filter covers the 32-bit ABI)", () => {
    expect(hostArch(linux('ia32', 'x86_64'))).toBe('x86_64');
    expect(hostArch(linux('arm', 'aarch64'))).toBe('aarch64');
    expect(hostArch(linux('arm', 'armv8l', { kernelArch: 'aarch64' }))).toBe('aarch64');
  });

  it('sees through a linux32 personality (uname says i686 on an x86_64 kernel)', () => {
    expect(hostArch(linux('ia32', 'i686', { kernelArch: 'x86_64' }))).toBe('x86_64');
    expect(hostArch(linux('x64', 'i686', { kernelArch: 'x86_64' }))).toBe('x86_64');
    // No /proc/sys/kernel/arch (before Linux 6.1): a 64-bit Node still proves a 64-bit kernel; for a
    // 32-bit Node uname is all there is.
    expect(hostArch(linux('x64', 'i686', { kernelArch: null }))).toBe('x86_64');
    expect(hostArch(linux('arm64', 'armv8l', { kernelArch: null }))).toBe('aarch64');
    expect(hostArch(linux('ia32', 'i686', { kernelArch: null }))).toBe('i386');
  });

  it('refuses big-endian ppc64, naming it and the supported list', () => {
    const e = failure(() => hostArch(linux('ppc64', 'ppc64', { endianness: 'BE' })));
    expect(e.code).toBe('unsupported-arch');
    expect(e.message).toContain('"ppc64" (big-endian)');
    expect(e.message).toContain('ppc64le (Node ppc64)');
  });

  it('refuses an arch no filter is shipped for, with the supported list', () => {
    const e = failure(() => hostArch(linux('mips64el', 'mips64')));
    expect(e.code).toBe('unsupported-arch');
    expect(e.message).toMatch(/"mips64el"/);
    for (const a of ARCH_NAMES) expect(e.message).toContain(a);
  });

  it('refuses a kernel whose ABIs do not include Node’s', () => {
    const e = failure(() => hostArch(linux('x64', 'aarch64')));
    expect(e.code).toBe('unsupported-arch');
    expect(e.message).toContain('Node is built for x86_64 but the kernel is aarch64');
  });

  it('refuses a platform that is not Linux', () => {
    const e = failure(() => hostArch({ platform: 'darwin', arch: 'arm64', machine: 'arm64' }));
    expect(e.code).toBe('unsupported-platform');
    expect(e.message).toContain('darwin');
  });

  it('knows this machine', () => {
    expect(ARCH_NAMES).toContain(hostArch());
  });

  it('archOfNode and archOfMachine', () => {
    expect(archOfNode('ppc64', 'LE')).toBe('ppc64le');
    expect(archOfNode('ppc64', 'BE')).toBeUndefined();
    expect(archOfNode('s390x', 'BE')).toBe('s390x');
    expect(archOfMachine('amd64')).toBe('x86_64');
    expect(archOfMachine('sparc64')).toBeUndefined();
  });
});
