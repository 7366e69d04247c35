// The compiled x86_64 seed program on the real kernel, inside real bwrap.
import { join } from 'node:path';
import { arch } from 'node:os';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeProgram } from '../src/bpf/codec.js';
import { compileFilter } from '../src/compile/compile.js';
import { seedPolicy } from './fixtures/seed-policy.js';
import { bwrapMissing, compileC, gccMissing, parseProbe, runInSandbox, sharedTempDir } from './helpers/sandbox.js';

const skip = arch() !== 'x64' ? 'the host is not x86_64' : bwrapMissing() ?? gccMissing();
if (skip) console.warn(`kernel-seed tests skipped: ${skip}`);

describe.skipIf(skip)('seed blocklist on the real kernel (x86_64, bwrap --seccomp)', () => {
  let probe = '';
  const filter = encodeProgram(compileFilter(seedPolicy(), 'x86_64').insns, 'little');
  beforeAll(() => {
    probe = compileC(fileURLToPath(new URL('probes/probe.c', import.meta.url)), join(sharedTempDir('probe-'), 'probe'));
  });

  for (const unprivileged of [false, true]) {
    const who = unprivileged ? 'as nobody' : 'as root';
    it(`blocks ptrace, unshare and keyctl with EPERM, ${who}`, () => {
      const names = ['ptrace', 'unshare', 'keyctl', 'clone_newuser', 'clone', 'getpid'];
      const bare = runInSandbox([probe, ...names], { unprivileged });
      expect(bare.status, bare.stderr).toBe(0);
      const natural = parseProbe(bare.stdout);
      // Without the filter these do not fail with EPERM, so EPERM below is the filter's doing.
      expect(natural.get('ptrace')).toBe('ESRCH');
      expect(natural.get('keyctl')).toBe('EINVAL');
      expect(natural.get('unshare')).toBe('OK');
      expect(natural.get('clone_newuser')).toBe('OK');

      const filtered = runInSandbox([probe, ...names], { filter, unprivileged });
      expect(filtered.status, filtered.stderr).toBe(0);
      const got = parseProbe(filtered.stdout);
      expect(got.get('ptrace')).toBe('EPERM');
      expect(got.get('unshare')).toBe('EPERM');
      expect(got.get('keyctl')).toBe('EPERM');
      expect(got.get('clone_newuser')).toBe('EPERM');
      expect(got.get('clone')).toBe('OK');
      expect(got.get('getpid')).toBe('OK');
    });

    it(`lets true, ls and sh -c run, ${who}`, () => {
      for (const cmd of [['true'], ['ls', '/'], ['sh', '-c', 'echo hi && ls /proc/self/status >/dev/null']]) {
        const r = runInSandbox(cmd, { filter, unprivileged });
        expect(r.status, `${cmd.join(' ')}: ${r.stderr}`).toBe(0);
      }
      const r = runInSandbox(['sh', '-c', 'grep ^Seccomp: /proc/self/status'], { filter, unprivileged });
      expect(r.stdout).toMatch(/Seccomp:\s+2/);
    });

    it(`makes util-linux unshare and strace fail, ${who}`, () => {
      const u = runInSandbox(['unshare', '-U', 'true'], { filter, unprivileged });
      expect(u.status).not.toBe(0);
      expect(u.stderr).toMatch(/Operation not permitted/);
      const s = runInSandbox(['strace', '-f', 'true'], { filter, unprivileged });
      expect(s.status).not.toBe(0);
      expect(s.stderr).toMatch(/Operation not permitted/);
    });
  }
});
