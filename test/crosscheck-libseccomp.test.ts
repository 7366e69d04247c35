// Cross-check with an independent implementation: the same policy built by libseccomp
// (python3-seccomp) and by our compiler, both emulated on every syscall number of every ABI they
// cover, with arguments around each condition's constants. They must agree, except where libseccomp
// does not know a syscall: there ours must block it.
import { describe, expect, it } from 'vitest';
import { ARCH_NAMES, ARCHES } from '../src/arch.js';
import { compileFilter } from '../src/compile/compile.js';
import { profileToPolicy } from '../src/profile/lower.js';
import { loadProfile } from '../src/profile/resolve.js';
import { libseccompLacksArch, libseccompMissing } from '../scripts/libseccomp/bridge.js';
import { crossCheck } from '../scripts/libseccomp/crosscheck.js';
import { seedPolicy } from './fixtures/seed-policy.js';

const missing = libseccompMissing();
if (missing) console.warn(`libseccomp cross-check skipped: ${missing}`);

describe.skipIf(missing)('libseccomp and our compiler agree', () => {
  for (const arch of ARCH_NAMES) {
    const lacks = libseccompLacksArch(arch);
    if (lacks) console.warn(`libseccomp cross-check for ${arch} skipped: ${lacks}`);

    it.skipIf(lacks)(`seed blocklist, ${arch}: every number of ${ARCHES[arch].abis.join(', ')}`, () => {
      const policy = seedPolicy();
      const r = crossCheck(policy, arch, compileFilter(policy, arch).insns);
      expect(r.disagreements).toEqual([]);
      // The seed list is plain: libseccomp can express all of it (loongarch64's stand-in aside).
      expect(r.excluded).toEqual([]);
      expect(r.compared).toBeGreaterThan(3000);
      console.log(`seed ${arch}: ${r.compared} cases agree${r.libseccompLacks.length ? `; libseccomp lacks, ours blocks: ${r.libseccompLacks.join(' ')}` : ''}`);
    });

    for (const preset of ['minimal', 'strict']) {
      it.skipIf(lacks)(`${preset} preset, ${arch}`, () => {
        const policy = profileToPolicy(loadProfile(preset), arch);
        const r = crossCheck(policy, arch, compileFilter(policy, arch).insns);
        expect(r.disagreements).toEqual([]);
        expect(r.compared).toBeGreaterThan(3000);
        // What libseccomp cannot say is named, never silently dropped.
        for (const e of r.excluded) expect(e.why).not.toBe('');
        console.log(`${preset} ${arch}: ${r.compared} cases agree; not expressible in libseccomp: ${r.excluded.map((e) => e.name).join(', ') || 'none'}; libseccomp lacks, ours blocks: ${r.libseccompLacks.join(' ') || 'none'}`);
      });
    }
  }
});
