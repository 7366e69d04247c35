// The dist-bpf build: reproducible, complete, atomic, and what is committed is what profiles/ make.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ARCH_NAMES, ARCHES, isArchName } from '../src/arch.js';
import { listFiles, writeDistTree, type Manifest } from '../src/artifacts.js';
import { assemble } from '../src/bpf/asm.js';
import { decodeProgram } from '../src/bpf/codec.js';
import { checkProgram } from '../src/bpf/verify.js';
import { packageRoot } from '../src/paths.js';
import { crossCheckPresets, loadPresets, presetNames } from '../scripts/build-filters.js';
import { libseccompMissing } from '../scripts/libseccomp/bridge.js';
import { compareTrees } from '../scripts/verify-filters.js';
import { ensureBuilt } from './helpers/cli.js';

const root = packageRoot();
const dist = join(root, 'dist-bpf');
const tmp = (p: string) => mkdtempSync(join(tmpdir(), p));
const tsx = join(root, 'node_modules/.bin/tsx');

describe('dist-bpf', () => {
  it('holds every preset for every arch, and nothing else', () => {
    expect(presetNames()).toEqual(['minimal', 'strict']);
    const expected = ['manifest.json', ...ARCH_NAMES.flatMap((a) => presetNames().flatMap((p) => [`${a}/${p}.asm`, `${a}/${p}.bpf`]))].sort();
    expect(listFiles(dist)).toEqual(expected);
  });

  it('matches a fresh build of profiles/ byte for byte (npm run verify)', () => {
    const fresh = tmp('fresh-');
    writeDistTree(loadPresets(), fresh);
    expect(compareTrees(fresh, dist)).toEqual([]);
  });

  it('is reproducible: two builds are identical', () => {
    const a = tmp('a-');
    const b = tmp('b-');
    writeDistTree(loadPresets(), a);
    writeDistTree(loadPresets(), b);
    expect(compareTrees(a, b)).toEqual([]);
    expect(listFiles(a).length).toBe(33);
  });

  it('has a manifest that describes each file truthfully', () => {
    const m = JSON.parse(readFileSync(join(dist, 'manifest.json'), 'utf8')) as Manifest;
    expect(m.kernelTables).toBe('6.18');
    expect(Object.keys(m.files)).toHaveLength(16);
    for (const [rel, f] of Object.entries(m.files)) {
      const bytes = readFileSync(join(dist, rel));
      expect(createHash('sha256').update(bytes).digest('hex'), rel).toBe(f.sha256);
      expect(f.bytes).toBe(bytes.length);
      expect(f.instructions * 8).toBe(bytes.length);
      expect(isArchName(f.arch)).toBe(true);
      expect(f.abis.map((a) => a.abi)).toEqual(ARCHES[f.arch].abis);
      expect(f.abis[0].filtered.ptrace).toBe('ERRNO(EPERM)');
    }
    // per ABI: skipped names are the ones that ABI lacks
    expect(m.files['x86_64/minimal.bpf'].abis.find((a) => a.abi === 'x32')!.skipped).toContain('create_module');
    expect(m.files['aarch64/minimal.bpf'].abis[0].skipped).toEqual(expect.arrayContaining(['create_module', 'umount']));
    expect(m.files['x86_64/minimal.bpf'].abis[0].filtered.clone).toBe('ERRNO(EPERM) when arg0 & CLONE_NEWUSER; otherwise ALLOW');
    for (const p of Object.values(m.presets)) expect(p.profileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('ships programs the kernel checker accepts, and disassemblies that assemble back to them', () => {
    for (const arch of ARCH_NAMES) {
      for (const preset of presetNames()) {
        const insns = decodeProgram(readFileSync(join(dist, arch, `${preset}.bpf`)), ARCHES[arch].endian);
        checkProgram(insns);
        expect(assemble(readFileSync(join(dist, arch, `${preset}.asm`), 'utf8'), ARCHES[arch]), `${arch}/${preset}`).toEqual(insns);
      }
    }
  });
});

describe('the npm package', () => {
  it('ships dist-bpf, the profiles, the CLI bundle `bin` names and the library `exports` names', async () => {
    await ensureBuilt();
    // --ignore-scripts: packing runs `prepare`, which would rebuild while other test files read build/.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const packed = new Set((JSON.parse(r.stdout) as { files: { path: string }[] }[])[0].files.map((f) => f.path));
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; exports: Record<string, Record<string, string>> };
    const wanted = [
      ...listFiles(dist).map((f) => `dist-bpf/${f}`),
      ...listFiles(join(root, 'profiles')).map((f) => `profiles/${f}`),
      ...Object.values(pkg.bin),
      ...Object.values(pkg.exports['.']).map((p) => p.replace(/^\.\//, '')),
      'build/src/cli/config.js', // the bundle imports the rest on demand
    ];
    expect(wanted.filter((f) => !packed.has(f))).toEqual([]);
    expect([...packed].filter((f) => /^(src|test|scripts|node_modules)\//.test(f))).toEqual([]);
  });
});

describe('build-filters and verify commands', () => {
  it('a broken profile fails the build with file and line, and leaves the output untouched', () => {
    const profiles = tmp('profiles-');
    cpSync(join(root, 'profiles'), profiles, { recursive: true });
    const strict = join(profiles, 'strict.toml');
    writeFileSync(strict, readFileSync(strict, 'utf8').replace('syscalls = ["chroot"]', 'syscalls = ["chrot"]'));
    const out = tmp('out-');
    cpSync(dist, out, { recursive: true });
    const before = listFiles(out).map((f) => [f, readFileSync(join(out, f)).toString('base64')]);
    const r = spawnSync(tsx, ['scripts/build-filters.ts', '--out', out, '--no-crosscheck'], {
      cwd: root, encoding: 'utf8', env: { ...process.env, SANDBOX_SECCOMP_PROFILES: profiles },
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`${strict}:\\d+: unknown syscall "chrot": no architecture has it \\(did you mean chroot\\?\\)`));
    expect(r.stderr).toMatch(/nothing written/);
    expect(listFiles(out).map((f) => [f, readFileSync(join(out, f)).toString('base64')])).toEqual(before);
  });

  it.skipIf(libseccompMissing())('the libseccomp cross-check reads the files written: a tampered one fails it, named', () => {
    const presets = loadPresets().filter((p) => p.name === 'minimal');
    const out = tmp('crosscheck-');
    writeDistTree(presets, out);
    const log: string[] = [];
    crossCheckPresets(presets, out, (s) => log.push(s));
    expect(log.join('\n')).toMatch(/libseccomp cross-check: \d+ cases agree/);
    // Turn aarch64/minimal.bpf's first RET ERRNO(EPERM) into RET ALLOW (little-endian struct sock_filter).
    const f = join(out, 'aarch64', 'minimal.bpf');
    const bytes = readFileSync(f);
    const at = [...Array(bytes.length / 8).keys()].map((i) => i * 8).find((o) => bytes.readUInt16LE(o) === 0x06 && bytes.readUInt32LE(o + 4) === 0x00050001);
    expect(at).toBeDefined();
    bytes.writeUInt32LE(0x7fff0000, at! + 4);
    writeFileSync(f, bytes);
    expect(() => crossCheckPresets(presets, out, () => {})).toThrow(/libseccomp disagrees with our aarch64\/minimal\.bpf:\n {2}aarch64 \w+/);
  });

  it('verify names the file that differs and exits 1', () => {
    const copy = tmp('copy-');
    cpSync(dist, copy, { recursive: true });
    const f = join(copy, 'riscv64', 'strict.bpf');
    const bytes = readFileSync(f);
    bytes[bytes.length - 1] ^= 1;
    writeFileSync(f, bytes);
    const r = spawnSync(tsx, ['scripts/verify-filters.ts', copy], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/riscv64\/strict\.bpf: differs from a fresh build/);
    const ok = spawnSync(tsx, ['scripts/verify-filters.ts'], { cwd: root, encoding: 'utf8' });
    expect(ok.status, ok.stderr).toBe(0);
  });

  it('make install puts the filters and profiles under $(PREFIX)/share/sandbox-seccomp', () => {
    const dest = tmp('destdir-');
    const r = spawnSync('make', ['-s', 'install', 'PREFIX=/usr', `DESTDIR=${dest}`], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const share = join(dest, 'usr/share/sandbox-seccomp');
    expect(compareTrees(dist, join(share, 'dist-bpf'))).toEqual([]);
    expect(listFiles(join(share, 'profiles'))).toEqual(['examples/allowlist-tools.toml', 'examples/no-network.toml', 'minimal.toml', 'strict.toml']);
  });

  it('runs seccomp-tools disasm on the filters when it is on PATH, and fails the build if it cannot read one', () => {
    // seccomp-tools (a Ruby gem) cannot be installed here: stand-ins show the build calls it and obeys it.
    const bin = tmp('fake-bin-');
    const log = join(bin, 'calls');
    const fake = (body: string) => writeFileSync(join(bin, 'seccomp-tools'), `#!/bin/sh\necho "$@" >> ${log}\n${body}\n`, { mode: 0o755 });
    const build = (out: string) => spawnSync(tsx, ['scripts/build-filters.ts', '--out', out], {
      cwd: root, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    fake('echo " line  CODE  JT   JF      K"; echo " 0000: 0x06 0x00 0x00 0x7fff0000  return ALLOW"');
    const ok = build(tmp('out-ok-'));
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/seccomp-tools disasm read 8 filters/);
    expect(readFileSync(log, 'utf8')).toMatch(/^disasm -a amd64 .*x86_64\/minimal\.bpf$/m);
    fake('echo "invalid instruction" >&2; exit 1');
    const out = tmp('out-bad-');
    const bad = build(out);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/seccomp-tools disasm cannot read aarch64\/minimal\.bpf: invalid instruction/);
    expect(listFiles(out)).toEqual([]);
  });
});
