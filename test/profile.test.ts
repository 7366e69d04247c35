// The TOML profile format: every validation error names the file and line; extends and merging.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARCH_NAMES } from '../src/arch.js';
import { actionToRet, errno } from '../src/bpf/action.js';
import { ERRNO } from '../src/bpf/errno.js';
import { compileFilter } from '../src/compile/compile.js';
import { policyAction } from '../src/compile/policy.js';
import { ProfileError } from '../src/profile/errors.js';
import { profileToPolicy } from '../src/profile/lower.js';
import { loadProfile, resolveProfileText } from '../src/profile/resolve.js';

const dir = mkdtempSync(join(tmpdir(), 'profile-test-'));
function write(name: string, text: string): string {
  const f = join(dir, name);
  writeFileSync(f, text);
  return f;
}

/** Loads `text` as a profile file and returns the ProfileError it raises (fails if none). */
function errorOf(text: string, lowerFor?: (typeof ARCH_NAMES)[number]): ProfileError {
  const f = write(`p${Math.random().toString(36).slice(2)}.toml`, text);
  try {
    const p = loadProfile(f);
    if (lowerFor) profileToPolicy(p, lowerFor);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    const err = e as ProfileError;
    expect(err.file).toBe(f);
    expect(err.message.startsWith(`${f}:`)).toBe(true);
    return err;
  }
  throw new Error('expected a ProfileError');
}

const rule = (body: string) => `description = "t"\n\n[[rule]]\n${body}\n`;

describe('validation errors name the file and line', () => {
  it('an unknown syscall, with a did-you-mean', () => {
    const e = errorOf(rule('syscalls = ["ptrace",\n  "keyctll"]\nerrno = "EPERM"'));
    expect(e.line).toBe(5);
    expect(e.problem).toMatch(/unknown syscall "keyctll": no architecture has it \(did you mean keyctl\?\)/);
  });
  it('an unknown group, with a did-you-mean', () => {
    const e = errorOf(rule('syscalls = ["@mout"]\nerrno = "EPERM"'));
    expect(e.line).toBe(4);
    expect(e.problem).toMatch(/unknown group @mout \(did you mean @mount\?\)/);
  });
  it('two conflicting rules for one syscall', () => {
    const e = errorOf(`${rule('syscalls = ["ptrace"]\nerrno = "EPERM"')}\n[[rule]]\nsyscalls = ["ptrace"]\naction = "kill"\n`);
    expect(e.line).toBe(7);
    expect(e.problem).toMatch(/conflicting rules for "ptrace": line 3 says ERRNO\(EPERM\), line 7 says KILL_PROCESS/);
  });
  it('two groups that disagree about a syscall', () => {
    const e = errorOf(`${rule('syscalls = ["@mount"]\nerrno = "EPERM"')}\n[[rule]]\nsyscalls = ["@new-mount-api"]\nerrno = "ENOSYS"\n`);
    expect(e.problem).toMatch(/conflicting rules for "fsopen": line 3 \(@mount\) says ERRNO\(EPERM\), line 7 \(@new-mount-api\) says ERRNO\(ENOSYS\)/);
  });
  it('two conditional rules with the same conditions and different actions', () => {
    const e = errorOf(`${rule('syscalls = ["ioctl"]\nwhen = ["arg1 == TIOCSTI"]\nerrno = "EPERM"')}\n[[rule]]\nsyscalls = ["ioctl"]\nwhen = ["arg1 == TIOCSTI"]\naction = "kill"\n`);
    expect(e.line).toBe(8);
    expect(e.problem).toMatch(/conflicting rules for "ioctl" when arg1 == TIOCSTI/);
  });
  it('a bad errno: unknown name, out of range, wrong type', () => {
    expect(errorOf(rule('syscalls = ["ptrace"]\nerrno = "EPREM"')).problem).toMatch(/unknown errno "EPREM" \(did you mean EPERM\?\)/);
    const e = errorOf(rule('syscalls = ["ptrace"]\nerrno = 5000'));
    expect(e.line).toBe(5);
    expect(e.problem).toMatch(/errno 5000 is outside 0–4095/);
    expect(errorOf(rule('syscalls = ["ptrace"]\nerrno = true')).problem).toMatch(/"errno" must be a name such as "EPERM" or a number, not a boolean/);
  });
  it('an argument index outside 0–5', () => {
    const e = errorOf(rule('syscalls = ["ioctl"]\nerrno = "EPERM"\nwhen = ["arg6 == 1"]'));
    expect(e.line).toBe(6);
    expect(e.problem).toMatch(/argument index 6 is outside 0–5/);
  });
  it('a condition that does not parse, or names an unknown constant', () => {
    expect(errorOf(rule('syscalls = ["ioctl"]\nerrno = "EPERM"\nwhen = ["arg1 === 1"]')).problem).toMatch(/arg1 === 1/);
    expect(errorOf(rule('syscalls = ["ioctl"]\nerrno = "EPERM"\nwhen = ["arg1 == TIOCSIT"]')).problem).toMatch(/unknown constant TIOCSIT \(did you mean TIOCSTI\?\)/);
    expect(errorOf(rule('syscalls = ["ioctl"]\nerrno = "EPERM"\nwhen = ["foo == 1"]')).problem).toMatch(/starts with arg0/);
  });
  it('a value too wide for a 32-bit argument', () => {
    const e = errorOf(rule('syscalls = ["ioctl"]\nerrno = "EPERM"\nwhen = ["arg1 == 0x100000000"]'), 'x86_64');
    expect(e.line).toBe(3);
    expect(e.problem).toMatch(/does not fit a 32-bit argument/);
  });
  it('an unknown key, at the top or in a rule', () => {
    const top = errorOf('descripton = "x"\n');
    expect(top.line).toBe(1);
    expect(top.problem).toMatch(/unknown key "descripton" \(did you mean description\?\)/);
    const inRule = errorOf(rule('syscalls = ["ptrace"]\nerrno = "EPERM"\nwhy = "x"\nbreak = "y"'));
    expect(inRule.line).toBe(7);
    expect(inRule.problem).toMatch(/unknown key "break" in a \[\[rule\]\] \(did you mean breaks\?\)/);
  });
  it('a wrong type', () => {
    expect(errorOf(rule('syscalls = "ptrace"\nerrno = "EPERM"')).problem).toMatch(/"syscalls" must be a non-empty array of strings/);
    expect(errorOf('default = 3\n').problem).toMatch(/"default" must be an action word or \{ errno = "..." \}, not a number/);
    expect(errorOf('description = ["x"]\n').problem).toMatch(/"description" must be a string, not an array/);
    expect(errorOf(rule('syscalls = ["ptrace"]\naction = "deny"')).problem).toMatch(/unknown action "deny"/);
  });
  it('a rule without an action, or with two', () => {
    expect(errorOf(rule('syscalls = ["ptrace"]')).problem).toMatch(/needs an action/);
    expect(errorOf(rule('syscalls = ["ptrace"]\nerrno = "EPERM"\naction = "kill"')).problem).toMatch(/either "errno" or "action", not both/);
  });
  it('TOML syntax errors, with their line', () => {
    const e = errorOf('description = "x"\n[[rule]\n');
    expect(e.line).toBe(2);
    expect(e.problem).toMatch(/^TOML syntax/);
  });
  it('extends: a missing target and a cycle', () => {
    expect(errorOf('extends = "no-such-preset"\n').problem).toMatch(/no such preset/);
    write('a.toml', 'extends = "./b.toml"\n');
    write('b.toml', 'extends = "./a.toml"\n');
    expect(() => loadProfile(join(dir, 'a.toml'))).toThrow(/"extends" makes a cycle: a.toml → b.toml → a.toml/);
  });
});

describe('merging and extends', () => {
  it('an explicit name beats a group listing it in the same file', () => {
    const p = resolveProfileText(`[[rule]]\nsyscalls = ["@mount"]\nerrno = "EPERM"\n\n[[rule]]\nsyscalls = ["fsopen"]\nerrno = "ENOSYS"\n`, join(dir, 'm.toml'));
    expect(p.syscalls.get('fsopen')!.otherwise!.action).toEqual(errno(ERRNO.ENOSYS));
    expect(p.syscalls.get('mount')!.otherwise!.action).toEqual(errno(ERRNO.EPERM));
  });
  it("a child's unconditional rule replaces the parent's entry; its conditional rules go first", () => {
    const p = resolveProfileText(
      'extends = "minimal"\n\n[[rule]]\nsyscalls = ["ptrace"]\naction = "allow"\n\n[[rule]]\nsyscalls = ["clone"]\nwhen = ["arg0 & CLONE_NEWNET"]\nerrno = "EACCES"\n',
      join(dir, 'child.toml'),
    );
    const policy = profileToPolicy(p, 'x86_64');
    expect(policyAction(policy, 'x86_64', 'ptrace', []).kind).toBe('allow');
    expect(policyAction(policy, 'x86_64', 'clone', [0x40000000n | 0x10000000n])).toEqual(errno(ERRNO.EACCES));
    expect(policyAction(policy, 'x86_64', 'clone', [0x10000000n])).toEqual(errno(ERRNO.EPERM)); // the parent's rule stays
    expect(policyAction(policy, 'x86_64', 'keyctl', [])).toEqual(errno(ERRNO.EPERM));
    expect(p.chain.map((c) => c.file.split('/').pop())).toEqual(['child.toml', 'minimal.toml']);
  });
  it('a width follows the syscall: ioctl’s request is judged on 32 bits, clone’s flags on 64', () => {
    const p = loadProfile('strict');
    const policy = profileToPolicy(p, 'x86_64');
    expect(policyAction(policy, 'x86_64', 'ioctl', [0n, 0xffffffff_00005412n])).toEqual(errno(ERRNO.EPERM));
    const clone = policy.syscalls.get('clone')!;
    expect('rules' in clone && clone.rules[0].when[0].width).toBe(64);
  });
});

describe('presets and examples compile for every arch', () => {
  const profiles = ['minimal', 'strict', 'profiles/examples/allowlist-tools.toml', 'profiles/examples/no-network.toml'];
  for (const ref of profiles) {
    it(ref, () => {
      const p = loadProfile(ref);
      for (const arch of ARCH_NAMES) {
        const c = compileFilter(profileToPolicy(p, arch), arch);
        expect(c.insns.length).toBeGreaterThan(10);
        expect(c.insns.length).toBeLessThanOrEqual(4096);
      }
    });
  }

  it('minimal blocks exactly what it says, with the errno it says', () => {
    const policy = profileToPolicy(loadProfile('minimal'), 'aarch64');
    const eperm = errno(ERRNO.EPERM);
    const enosys = errno(ERRNO.ENOSYS);
    for (const n of ['ptrace', 'keyctl', 'add_key', 'request_key', 'bpf', 'perf_event_open', 'userfaultfd', 'mount', 'umount2', 'pivot_root', 'unshare', 'setns', 'init_module', 'finit_module', 'delete_module', 'kexec_load', 'kexec_file_load', 'reboot']) {
      expect(policyAction(policy, 'aarch64', n, []), n).toEqual(eperm);
    }
    for (const n of ['clone3', 'fsopen', 'fsconfig', 'fsmount', 'fspick', 'move_mount', 'open_tree', 'open_tree_attr', 'mount_setattr']) {
      expect(policyAction(policy, 'aarch64', n, []), n).toEqual(enosys);
    }
    expect(policyAction(policy, 'aarch64', 'clone', [0x10000000n])).toEqual(eperm);
    expect(policyAction(policy, 'aarch64', 'clone', [0x11n])).toEqual({ kind: 'allow' });
    expect(policyAction(policy, 'aarch64', 'ioctl', [3n, 0xaa00n])).toEqual(eperm);
    expect(policyAction(policy, 'aarch64', 'ioctl', [3n, 0x5412n])).toEqual({ kind: 'allow' });
    expect(policyAction(policy, 'aarch64', 'getpid', [])).toEqual({ kind: 'allow' });
    // powerpc's _IO() differs: USERFAULTFD_IOC_NEW is 0x2000aa00 there.
    const ppc = profileToPolicy(loadProfile('minimal'), 'ppc64le');
    expect(policyAction(ppc, 'ppc64le', 'ioctl', [3n, 0x2000aa00n])).toEqual(eperm);
  });

  it('strict allows only the harmless personalities', () => {
    const policy = profileToPolicy(loadProfile('strict'), 'x86_64');
    for (const ok of [0n, 8n, 0x20000n, 0x20008n, 0xffffffffn]) expect(policyAction(policy, 'x86_64', 'personality', [ok]).kind).toBe('allow');
    for (const bad of [0x0400000n /* READ_IMPLIES_EXEC */, 0x0100000n /* MMAP_PAGE_ZERO */, 0x0040000n, 1n]) {
      expect(actionToRet(policyAction(policy, 'x86_64', 'personality', [bad]))).toBe(actionToRet(errno(ERRNO.EPERM)));
    }
  });

  it('every minimal and strict rule says why and what it breaks', () => {
    for (const name of ['minimal', 'strict']) {
      const p = loadProfile(name);
      for (const [s, e] of p.syscalls) {
        if (s === 'clone' && name === 'strict') continue;
        expect(e.why, `${name}: ${s}`).toBeTruthy();
        expect(e.breaks, `${name}: ${s}`).toBeTruthy();
      }
    }
  });
});
