// A seccomp setting → an open fd holding a checked filter: presets, .bpf files (fully checked), .toml
// profiles (compiled on the fly), and every way a file can be wrong.
import { spawn } from 'node:child_process';
import { closeSync, fstatSync, mkdirSync, mkdtempSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ARCH_NAMES, ARCHES } from '../src/arch.js';
import { encodeProgram } from '../src/bpf/codec.js';
import { insn } from '../src/bpf/insn.js';
import * as op from '../src/bpf/opcodes.js';
import { distDir, profilesDir } from '../src/paths.js';
import { hostArch } from '../src/runtime/filter.js';
import { checkBpf } from '../src/runtime/check-bpf.js';
import { fdFromBytes, listPresets, openSeccomp, parseSeccompSetting, presetFile, type SeccompFilter } from '../src/runtime/filter.js';
import { openSeccompSync } from '../src/runtime/filter-sync.js';
import { which } from '../src/runtime/bwrap.js';
import { asyncFailure as failure } from './helpers/errors.js';
import { ensureBuilt } from './helpers/cli.js';
import { pathToFileURL } from 'node:url';
import { packageRoot } from '../src/paths.js';

const host = hostArch();
const endian = ARCHES[host].endian;
const dir = mkdtempSync(join(tmpdir(), 'runtime-filter-'));
const file = (name: string, bytes: Uint8Array) => {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  return p;
};
const RET_ALLOW = insn(op.BPF_RET | op.BPF_K, op.SECCOMP_RET_ALLOW);

/** Reads an fd from its current offset to the end, as bwrap does. */
function readAll(fd: number): Buffer {
  const chunks: Buffer[] = [];
  for (;;) {
    const b = Buffer.alloc(65536);
    const n = readSync(fd, b, 0, b.length, null);
    if (n === 0) return Buffer.concat(chunks);
    chunks.push(b.subarray(0, n));
  }
}


const opened: SeccompFilter[] = [];
const keep = <T extends SeccompFilter | undefined>(f: T) => {
  if (f) opened.push(f);
  return f;
};
afterAll(() => opened.forEach((f) => f.close()));

describe('parseSeccompSetting', () => {
  it('reads true, false, off, presets and paths', () => {
    expect(parseSeccompSetting(true)).toEqual({ kind: 'preset', name: 'minimal' });
    expect(parseSeccompSetting(false)).toBeUndefined();
    expect(parseSeccompSetting('off')).toBeUndefined();
    expect(parseSeccompSetting('strict')).toEqual({ kind: 'preset', name: 'strict' });
    expect(parseSeccompSetting('f.bpf', '/base')).toEqual({ kind: 'bpf', path: '/base/f.bpf' });
    expect(parseSeccompSetting('./sub/filter', '/base')).toEqual({ kind: 'bpf', path: '/base/sub/filter' });
    expect(parseSeccompSetting('/abs/p.toml', '/base')).toEqual({ kind: 'profile', path: '/abs/p.toml' });
    expect(parseSeccompSetting('../p.toml', '/base/x')).toEqual({ kind: 'profile', path: '/base/p.toml' });
    expect(parseSeccompSetting('~/f.bpf')).toEqual({ kind: 'bpf', path: join(process.env.HOME || homedir(), 'f.bpf') });
  });

  it('refuses what is none of those', async () => {
    for (const bad of ['', 'filter.txt', 'two words']) {
      const e = await failure(() => parseSeccompSetting(bad));
      expect(e.code).toBe('bad-setting');
    }
    expect((await failure(() => parseSeccompSetting(42 as unknown as string))).message).toContain('number');
  });
});

describe('opening a preset', () => {
  it('gives an fd at offset 0 holding the shipped file, and bwrap arguments', async () => {
    const f = keep(await openSeccomp('minimal'))!;
    const path = join(distDir(), host, 'minimal.bpf');
    expect(f.file).toBe(path);
    expect(f.arch).toBe(host);
    expect(f.source).toEqual({ kind: 'preset', name: 'minimal' });
    expect(f.bwrapArgs()).toEqual(['--seccomp', '3']);
    expect(f.bwrapArgs(9)).toEqual(['--seccomp', '9']);
    expect(f.instructions).toBe(readFileSync(path).length / 8);
    expect(f.warnings).toEqual([]);
    expect(readAll(f.fd).equals(readFileSync(path))).toBe(true);
    f.close();
    f.close();
  });

  it('true means minimal; false and "off" mean no filter', async () => {
    expect(keep(await openSeccomp(true))!.label).toBe('minimal');
    expect(await openSeccomp(false)).toBeUndefined();
    expect(await openSeccomp('off')).toBeUndefined();
    expect(openSeccompSync('off')).toBeUndefined();
  });

  it('opens every shipped preset for every arch', async () => {
    for (const arch of ARCH_NAMES) {
      for (const name of listPresets(arch)) {
        const f = keep(await openSeccomp(name, { arch }))!;
        expect(f.arch).toBe(arch);
        // And the shipped files pass the full check too.
        expect(checkBpf(f.bytes, arch, f.file)).toEqual([]);
        f.close();
      }
    }
    expect(listPresets(host)).toEqual(expect.arrayContaining(['minimal', 'strict']));
  });

  it('names the known presets when one does not exist', async () => {
    const e = await failure(openSeccomp('nosuch'));
    expect(e.code).toBe('no-such-preset');
    expect(e.message).toContain('minimal, strict');
  });

  it('reads presets from another dist directory (SANDBOX_SECCOMP_DIST, or the distDir option)', async () => {
    const alt = join(dir, 'alt-dist');
    mkdirSync(join(alt, host), { recursive: true });
    writeFileSync(join(alt, host, 'mine.bpf'), encodeProgram([RET_ALLOW], endian));
    const f = keep(await openSeccomp('mine', { distDir: alt }))!;
    expect(f.instructions).toBe(1);
    const saved = process.env.SANDBOX_SECCOMP_DIST;
    process.env.SANDBOX_SECCOMP_DIST = alt;
    try {
      expect(presetFile('mine', host)).toBe(join(alt, host, 'mine.bpf'));
      expect((await failure(() => presetFile('mine', host === 'x86_64' ? 'aarch64' : 'x86_64'))).code).toBe('filter-not-found');
    } finally {
      if (saved === undefined) delete process.env.SANDBOX_SECCOMP_DIST;
      else process.env.SANDBOX_SECCOMP_DIST = saved;
    }
  });
});

describe('opening a .bpf file', () => {
  it('checks it fully and hands it over unchanged', async () => {
    const bytes = readFileSync(join(distDir(), host, 'strict.bpf'));
    const p = file('copy.bpf', bytes);
    const f = keep(await openSeccomp(p))!;
    expect(f.source).toEqual({ kind: 'bpf', path: p });
    expect(f.warnings).toEqual([]);
    expect(readAll(f.fd).equals(bytes)).toBe(true);
    const s = keep(openSeccompSync(p))!;
    expect(readAll(s.fd).equals(bytes)).toBe(true);
  });

  it('resolves a relative path against cwd', async () => {
    file('rel.bpf', readFileSync(join(distDir(), host, 'minimal.bpf')));
    expect(keep(await openSeccomp('rel.bpf', { cwd: dir }))!.file).toBe(join(dir, 'rel.bpf'));
  });

  const cases: [string, Uint8Array, RegExp][] = [
    ['empty.bpf', new Uint8Array(0), /is empty/],
    ['odd.bpf', new Uint8Array(12), /12 bytes, is not a multiple of 8/],
    ['huge.bpf', encodeProgram(Array.from({ length: 4097 }, () => RET_ALLOW), endian), /4097 instructions|more than 4096/],
    ['opcode.bpf', encodeProgram([insn(0xffff, 0), RET_ALLOW], endian), /instruction 0: opcode 0xffff/],
    ['noret.bpf', encodeProgram([insn(op.BPF_LD | op.BPF_W | op.BPF_ABS, op.OFFSET_NR)], endian), /last instruction|not RET/],
    ['jump.bpf', encodeProgram([insn(op.BPF_JMP | op.BPF_JA, 5), RET_ALLOW], endian), /outside the program/],
    ['load.bpf', encodeProgram([insn(op.BPF_LD | op.BPF_W | op.BPF_ABS, 64), RET_ALLOW], endian), /outside struct seccomp_data/],
  ];
  for (const [name, bytes, want] of cases) {
    it(`refuses ${name} with a clear message`, async () => {
      const p = file(name, bytes);
      const e = await failure(openSeccomp(p));
      expect(e.code).toBe('invalid-filter');
      expect(e.message).toContain(p);
      expect(e.message).toMatch(want);
      expect((await failure(() => openSeccompSync(p))).message).toMatch(want);
    });
  }

  it('recognises a filter built for the other byte order', async () => {
    const other = ARCH_NAMES.find((a) => ARCHES[a].endian !== endian)!;
    const p = file('other-endian.bpf', readFileSync(join(distDir(), other, 'minimal.bpf')));
    const e = await failure(openSeccomp(p));
    expect(e.code).toBe('invalid-filter');
    expect(e.hint).toMatch(/valid (big|little)-endian program.*another arch/);
    expect(e.hint).toContain(`--arch ${host}`);
  });

  it('recognises a filter built for another arch of the same byte order', async () => {
    const other = ARCH_NAMES.find((a) => a !== host && ARCHES[a].endian === endian && !ARCHES[host].abis.includes(ARCHES[a].abis[0]))!;
    const p = file('other-arch.bpf', readFileSync(join(distDir(), other, 'minimal.bpf')));
    const e = await failure(openSeccomp(p));
    expect(e.code).toBe('invalid-filter');
    expect(e.message).toMatch(/ARCH_\w+.*every syscall would be refused/);
  });

  it('warns about a filter that never checks the arch', async () => {
    const f = keep(await openSeccomp(file('allow.bpf', encodeProgram([RET_ALLOW], endian))))!;
    expect(f.warnings.join()).toMatch(/never looks at seccomp_data.arch/);
  });

  it('says so when the file is missing or a directory', async () => {
    const missing = await failure(openSeccomp(join(dir, 'missing.bpf')));
    expect(missing.code).toBe('filter-not-found');
    expect(missing.message).toContain('no such file');
    mkdirSync(join(dir, 'd.bpf'));
    expect((await failure(openSeccomp(join(dir, 'd.bpf')))).message).toContain('is a directory');
  });

  if (!which('mkfifo')) console.warn('mkfifo is not installed: the pipe case is skipped');
  it.skipIf(!which('mkfifo'))('reads a pipe once and hands bwrap a private copy', async () => {
    const fifo = join(dir, 'fifo');
    const bytes = readFileSync(join(distDir(), host, 'minimal.bpf'));
    const src = file('fifo-src.bpf', bytes);
    await new Promise((res) => spawn('mkfifo', [fifo]).on('exit', res));
    const writer = spawn('sh', ['-c', `cat "${src}" > "${fifo}"`]);
    const f = keep(await openSeccomp(fifo))!;
    await new Promise((res) => writer.on('exit', res));
    expect(f.bytes.equals(bytes)).toBe(true);
    expect(readAll(f.fd).equals(bytes)).toBe(true);
  });
});

describe('opening a .toml profile', () => {
  it('compiles it for this arch, byte for byte what dist-bpf ships for the preset', async () => {
    const f = keep(await openSeccomp(join(profilesDir(), 'minimal.toml')))!;
    expect(f.source.kind).toBe('profile');
    expect(readAll(f.fd).equals(readFileSync(join(distDir(), host, 'minimal.bpf')))).toBe(true);
    const g = keep(await openSeccomp(join(profilesDir(), 'strict.toml'), { arch: 'aarch64' }))!;
    expect(g.bytes.equals(readFileSync(join(distDir(), 'aarch64', 'strict.bpf')))).toBe(true);
  });

  it("reports a profile's mistakes at file:line", async () => {
    const p = join(dir, 'bad.toml');
    writeFileSync(p, 'description = "x"\n\n[[rule]]\nsyscalls = ["ptrace", "nosuchcall"]\nerrno = "EPERM"\n');
    const e = await failure(openSeccomp(p));
    expect(e.code).toBe('profile-error');
    expect(e.message).toMatch(new RegExp(`${p.replace(/[.]/g, '\\.')}:4: .*nosuchcall`));
  });

  it('is async only: openSeccompSync refuses it', async () => {
    const e = await failure(() => openSeccompSync(join(profilesDir(), 'minimal.toml')));
    expect(e.code).toBe('bad-setting');
    expect(e.message).toContain('openSeccomp()');
  });

  it('says so when the profile is missing', async () => {
    expect((await failure(openSeccomp(join(dir, 'none.toml')))).code).toBe('filter-not-found');
  });
});

describe('fdFromBytes', () => {
  it('returns an fd at offset 0 on a file that is already unlinked', () => {
    const bytes = Buffer.from('0123456789abcdef');
    const fd = fdFromBytes(bytes);
    try {
      expect(fstatSync(fd).nlink).toBe(0);
      expect(readAll(fd).equals(bytes)).toBe(true);
    } finally {
      closeSync(fd);
    }
  });
});

describe('SandboxError across copies of the package', () => {
  it('is recognised whichever copy threw it, and a subclass keeps the ordinary check', async () => {
    const { SandboxError, isSandboxError } = await import('../src/runtime/errors.js');
    // A second copy: tsc's output, what the CLI bundle imports its on-demand modules from.
    await ensureBuilt();
    const compiled = pathToFileURL(join(packageRoot(), 'build', 'src', 'runtime', 'errors.js')).href;
    const other = (await import(/* @vite-ignore */ compiled)) as typeof import('../src/runtime/errors.js');
    expect(other.SandboxError).not.toBe(SandboxError);
    const foreign = new other.SandboxError('usage', 'from the other copy');
    expect(foreign instanceof SandboxError).toBe(true);
    expect(isSandboxError(foreign)).toBe(true);
    expect(new Error('plain') instanceof SandboxError).toBe(false);
    expect(Object.create(SandboxError.prototype) instanceof SandboxError).toBe(false);
    class Narrower extends SandboxError {}
    expect(new SandboxError('usage', 'x') instanceof Narrower).toBe(false);
    expect(new Narrower('usage', 'x') instanceof Narrower).toBe(true);
    expect(new Narrower('usage', 'x') instanceof SandboxError).toBe(true);
  });
});
