import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ABIS, ARCH_NAMES, ARCHES, AUDIT_ARCH, X32_SYSCALL_BIT, type AbiName } from '../src/arch.js';
import { actionToRet, ALLOW, errno } from '../src/bpf/action.js';
import { isConstAllow } from '../src/bpf/cache.js';
import { prepare, type SeccompData } from '../src/bpf/emulator.js';
import { ERRNO } from '../src/bpf/errno.js';
import * as op from '../src/bpf/opcodes.js';
import { compileFilter, CompileError } from '../src/compile/compile.js';
import { policyAction, type Policy, type SyscallRule } from '../src/compile/policy.js';
import { SYSCALL_TABLES, syscallName, syscallNumber } from '../src/syscalls/index.js';
import { CLONE_NEWUSER, SEED_BLOCKED, seedPolicy } from './fixtures/seed-policy.js';

const EPERM = actionToRet(errno(ERRNO.EPERM));
const data = (arch: number, nr: number, args: bigint[] = []): SeccompData => ({ nr, arch, instructionPointer: 0n, args });

describe('compileFilter on the seed blocklist', () => {
  const x86 = prepare(compileFilter(seedPolicy(), 'x86_64').insns);

  it('blocks ptrace through all three x86_64 ABIs', () => {
    expect(x86.run(data(AUDIT_ARCH.X86_64, 101), 'little').ret).toBe(EPERM);
    // x32's ptrace is one of its own compat entries (512+), not 101 | bit 30
    expect(x86.run(data(AUDIT_ARCH.X86_64, syscallNumber('x32', 'ptrace')!), 'little').ret).toBe(EPERM);
    expect(syscallNumber('x32', 'ptrace')).toBe(X32_SYSCALL_BIT + 521);
    expect(x86.run(data(AUDIT_ARCH.I386, 26), 'little').ret).toBe(EPERM);
    expect(x86.run(data(AUDIT_ARCH.X86_64, 39 /* getpid */), 'little').ret).toBe(op.SECCOMP_RET_ALLOW);
  });

  it('kills a syscall made under an audit arch it does not cover', () => {
    for (const foreign of [AUDIT_ARCH.ARM, AUDIT_ARCH.AARCH64, 0, 0xffffffff]) {
      expect(x86.run(data(foreign, 39), 'little').ret).toBe(op.SECCOMP_RET_KILL_PROCESS);
    }
  });

  it('judges clone by CLONE_NEWUSER in its flags argument, argument 1 on s390x', () => {
    const s390 = prepare(compileFilter(seedPolicy(), 's390x').insns);
    const clone = syscallNumber('s390x', 'clone')!;
    expect(s390.run(data(AUDIT_ARCH.S390X, clone, [0n, CLONE_NEWUSER]), 'big').ret).toBe(EPERM);
    expect(s390.run(data(AUDIT_ARCH.S390X, clone, [CLONE_NEWUSER, 0n]), 'big').ret).toBe(op.SECCOMP_RET_ALLOW);
    const nr = syscallNumber('x86_64', 'clone')!;
    expect(x86.run(data(AUDIT_ARCH.X86_64, nr, [CLONE_NEWUSER | 0x11n]), 'little').ret).toBe(EPERM);
    expect(x86.run(data(AUDIT_ARCH.X86_64, nr, [0x11n, CLONE_NEWUSER]), 'little').ret).toBe(op.SECCOMP_RET_ALLOW);
  });

  it('reports the syscalls an ABI lacks', () => {
    const r = compileFilter(seedPolicy(), 'x86_64');
    expect(r.abis.find((a) => a.abi === 'x32')!.skipped).toEqual(['create_module']);
    expect(r.abis.find((a) => a.abi === 'i386')!.skipped).toEqual(['kexec_file_load']);
    expect(r.abis.find((a) => a.abi === 'x86_64')!.skipped).toEqual([]);
  });
});

describe('kernel action cache (seccomp_is_const_allow)', () => {
  // The kernel caches native and compat numbers; we check every number of every covered ABI.
  for (const arch of ARCH_NAMES) {
    it(`${arch}: every unconditionally allowed syscall is cached, nothing else is`, () => {
      const policy = seedPolicy();
      const insns = compileFilter(policy, arch).insns;
      for (const abi of ARCHES[arch].abis) {
        // Every number of the table, and every number up to 600 past the ABI's base (gaps included).
        const base = abi === 'x32' ? X32_SYSCALL_BIT : 0;
        const numbers = new Set([...Object.values(SYSCALL_TABLES[abi].syscalls), ...Array.from({ length: 600 }, (_, i) => base + i)]);
        for (const nr of numbers) {
          const name = syscallName(abi, nr);
          const rule = name ? policy.syscalls.get(name) : undefined;
          const alwaysAllowed = rule ? 'action' in rule && rule.action.kind === 'allow' : policy.defaultAction.kind === 'allow';
          expect(isConstAllow(insns, nr, ABIS[abi].auditArch), `${abi} ${name ?? nr}`).toBe(alwaysAllowed);
        }
      }
    });
  }

  it('caches the allowed syscalls of random policies too', () => {
    const abi: AbiName = 'aarch64';
    const names = Object.keys(SYSCALL_TABLES[abi].syscalls);
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...names), { maxLength: 60 }), fc.boolean(), (picked, allowlist) => {
        const listed: SyscallRule = allowlist ? { action: ALLOW } : { action: errno(1) };
        const syscalls = new Map<string, SyscallRule>(picked.map((n) => [n, listed]));
        syscalls.set('ioctl', { rules: [{ when: [{ arg: 1, op: 'eq', value: 0x5412n, width: 32 }], action: errno(1) }], otherwise: ALLOW });
        const policy: Policy = { defaultAction: allowlist ? errno(38) : ALLOW, syscalls };
        const insns = compileFilter(policy, 'aarch64').insns;
        for (const [name, nr] of Object.entries(SYSCALL_TABLES[abi].syscalls)) {
          const meaning = policyAction(policy, abi, name, []);
          const unconditional = name !== 'ioctl' && meaning.kind === 'allow';
          expect(isConstAllow(insns, nr, AUDIT_ARCH.AARCH64)).toBe(unconditional);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('argument width', () => {
  const tiocsti = (width: 32 | 64 | undefined): Policy => ({
    defaultAction: ALLOW,
    syscalls: new Map([['ioctl', { rules: [{ when: [{ arg: 1, op: 'eq', value: 0x5412n, width }], action: errno(ERRNO.EPERM) }], otherwise: ALLOW }]]),
  });
  const garbage = 0xdeadbeef00005412n; // libc may leave the high word dirty for an int argument

  it('a 32-bit argument is judged on its low word only (CVE-2019-10063)', () => {
    const p = prepare(compileFilter(tiocsti(32), 'x86_64').insns);
    expect(p.run(data(AUDIT_ARCH.X86_64, 16, [0n, garbage]), 'little').ret).toBe(EPERM);
    expect(p.run(data(AUDIT_ARCH.X86_64, 16, [0n, 0x5412n]), 'little').ret).toBe(EPERM);
    expect(p.run(data(AUDIT_ARCH.X86_64, 16, [0n, 0x5413n]), 'little').ret).toBe(op.SECCOMP_RET_ALLOW);
    const be = prepare(compileFilter(tiocsti(32), 's390x').insns);
    expect(be.run(data(AUDIT_ARCH.S390X, syscallNumber('s390x', 'ioctl')!, [0n, garbage]), 'big').ret).toBe(EPERM);
  });

  it('a 64-bit argument is judged on both words', () => {
    const p = prepare(compileFilter(tiocsti(64), 'x86_64').insns);
    expect(p.run(data(AUDIT_ARCH.X86_64, 16, [0n, garbage]), 'little').ret).toBe(op.SECCOMP_RET_ALLOW);
    expect(p.run(data(AUDIT_ARCH.X86_64, 16, [0n, 0x5412n]), 'little').ret).toBe(EPERM);
  });

  it('a 32-bit ABI has no high word: i386 ignores it whatever the width', () => {
    const p = prepare(compileFilter(tiocsti(64), 'x86_64').insns);
    expect(p.run(data(AUDIT_ARCH.I386, 54 /* ioctl */, [0n, garbage]), 'little').ret).toBe(EPERM);
  });
});

describe('large programs', () => {
  it('bridges conditional jumps longer than 255 with JA and stays correct', () => {
    // Every x86_64 syscall conditioned on two 64-bit arguments: thousands of instructions.
    const names = Object.keys(SYSCALL_TABLES.x86_64.syscalls).slice(0, 160);
    const syscalls = new Map<string, SyscallRule>(names.map((n, i) => [n, {
      rules: [{ when: [{ arg: i % 6, op: 'gt', value: BigInt(i) << 32n }, { arg: (i + 1) % 6, op: 'masked-eq', mask: 0xff00n, value: 0x1200n }], action: errno(i + 1) }],
      otherwise: ALLOW,
    }]));
    const policy: Policy = { defaultAction: errno(38), syscalls };
    const compiled = compileFilter(policy, 'aarch64');
    expect(compiled.insns.length).toBeGreaterThan(1000);
    const far = compiled.insns.filter((i) => i.code === (op.BPF_JMP | op.BPF_JA));
    expect(far.length).toBeGreaterThan(0);
    const p = prepare(compiled.insns); // the kernel's checks: every jump in range
    for (const abi of ['aarch64', 'arm'] as const) {
      for (const [name, nr] of Object.entries(SYSCALL_TABLES[abi].syscalls)) {
        for (const args of [[0n, 0n, 0n, 0n, 0n, 0n], Array(6).fill(0xffffffff_00001234n), Array(6).fill(0x1_0000_1200n)]) {
          const want = actionToRet(policyAction(policy, abi, name, args));
          expect(p.run(data(ABIS[abi].auditArch, nr, args), 'little').ret, `${abi} ${name}`).toBe(want);
        }
      }
    }
  });

  it('refuses a policy whose program would exceed 4096 instructions', () => {
    const names = Object.keys(SYSCALL_TABLES.x86_64.syscalls);
    const when = [0, 1, 2, 3, 4, 5].map((arg) => ({ arg, op: 'ne' as const, value: 0x1_0000_0000n + BigInt(arg) }));
    const syscalls = new Map<string, SyscallRule>(names.map((n) => [n, { rules: [{ when, action: errno(1) }], otherwise: ALLOW }]));
    expect(() => compileFilter({ defaultAction: ALLOW, syscalls }, 'x86_64')).toThrow(/over the kernel's limit of 4096/);
  });
});

describe('bad policies', () => {
  const one = (name: string, rule: SyscallRule): Policy => ({ defaultAction: ALLOW, syscalls: new Map([[name, rule]]) });
  it('names the unknown syscalls', () => {
    expect(() => compileFilter(one('ptrac', { action: errno(1) }), 'x86_64')).toThrow(CompileError);
    expect(() => compileFilter(one('ptrac', { action: errno(1) }), 'x86_64')).toThrow(/unknown syscall: ptrac/);
  });
  it('accepts a name only another arch has, and skips it', () => {
    const r = compileFilter(one('riscv_flush_icache', { action: errno(1) }), 'x86_64');
    expect(r.abis.every((a) => a.skipped.includes('riscv_flush_icache'))).toBe(true);
  });
  it('refuses argument indexes outside 0–5, values too wide, and bad errno values', () => {
    const cond = (c: object): SyscallRule => ({ rules: [{ when: [{ arg: 0, op: 'eq', value: 0n, ...c }], action: errno(1) }], otherwise: ALLOW });
    expect(() => compileFilter(one('ioctl', cond({ arg: 6 })), 'x86_64')).toThrow(/argument index 6 is outside 0–5/);
    expect(() => compileFilter(one('ioctl', cond({ value: 1n << 32n, width: 32 })), 'x86_64')).toThrow(/does not fit a 32-bit argument/);
    expect(() => compileFilter(one('ioctl', cond({ value: 1n << 64n })), 'x86_64')).toThrow(/does not fit a 64-bit argument/);
    expect(() => compileFilter(one('ioctl', { action: errno(4096) }), 'x86_64')).toThrow(/errno 4096/);
  });
});

describe('the seed list', () => {
  it('names syscalls every 64-bit ABI knows', () => {
    for (const name of SEED_BLOCKED) expect(syscallNumber('x86_64', name), name).toBeDefined();
  });
});
