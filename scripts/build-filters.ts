// Compiles every preset in profiles/ for every arch into dist-bpf/ (run by `npm install` through
// `prepare`, and by `make`). All or nothing: the new tree is built beside the old one and swapped in
// only when every file compiled and every cross-check passed.
//
//   tsx scripts/build-filters.ts [--out DIR] [--no-crosscheck]

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ARCH_NAMES, ARCHES } from '../src/arch.js';
import { listFiles, replaceDirAtomically, writeDistTree } from '../src/artifacts.js';
import { decodeProgram } from '../src/bpf/codec.js';
import { packageRoot, profilesDir } from '../src/paths.js';
import { ProfileError } from '../src/profile/errors.js';
import { profileToPolicy } from '../src/profile/lower.js';
import { loadProfile, type ResolvedProfile } from '../src/profile/resolve.js';
import { libseccompLacksArch, libseccompMissing } from './libseccomp/bridge.js';
import { crossCheck } from './libseccomp/crosscheck.js';

/** The presets: every profiles/*.toml (examples/ holds documentation, not presets). */
export function presetNames(): string[] {
  return readdirSync(profilesDir())
    .filter((f) => f.endsWith('.toml'))
    .map((f) => f.replace(/\.toml$/, ''))
    .sort();
}

export function loadPresets(): ResolvedProfile[] {
  return presetNames().map((n) => loadProfile(n));
}

/**
 * libseccomp builds each preset too, and must agree with the files just written to `dir` (decoded from
 * their bytes: what is checked is what ships). Any disagreement is an error. Skipped, with a note,
 * without python3-seccomp.
 */
export function crossCheckPresets(presets: ResolvedProfile[], dir: string, log: (s: string) => void): void {
  const missing = libseccompMissing();
  if (missing) {
    log(`libseccomp cross-check skipped: ${missing}`);
    return;
  }
  let cases = 0;
  for (const profile of presets) {
    for (const arch of ARCH_NAMES) {
      if (libseccompLacksArch(arch)) continue;
      const file = `${arch}/${profile.name}.bpf`;
      const shipped = decodeProgram(readFileSync(join(dir, file)), ARCHES[arch].endian);
      const r = crossCheck(profileToPolicy(profile, arch), arch, shipped);
      if (r.disagreements.length) {
        throw new Error(`libseccomp disagrees with our ${file}:\n  ${r.disagreements.slice(0, 10).join('\n  ')}${r.disagreements.length > 10 ? `\n  … ${r.disagreements.length - 10} more` : ''}`);
      }
      cases += r.compared;
    }
  }
  log(`libseccomp cross-check: ${cases} cases agree`);
}

/** seccomp-tools' names for our arches (the Ruby gem cannot be installed here; where it is, it must read our files). */
const SECCOMP_TOOLS_ARCH: Partial<Record<string, string>> = { x86_64: 'amd64', i386: 'i386', aarch64: 'aarch64', s390x: 's390x' };

/** If seccomp-tools is on PATH, its `disasm` must read every file it knows the arch of. */
export function checkWithSeccompTools(dir: string, log: (s: string) => void): void {
  const found = spawnSync('sh', ['-c', 'command -v seccomp-tools'], { encoding: 'utf8' });
  if (found.status !== 0) {
    log('seccomp-tools is not on PATH: its disasm check skipped');
    return;
  }
  let n = 0;
  for (const f of listFiles(dir).filter((x) => x.endsWith('.bpf'))) {
    const arch = SECCOMP_TOOLS_ARCH[f.split('/')[0]];
    if (!arch) continue;
    const r = spawnSync('seccomp-tools', ['disasm', '-a', arch, join(dir, f)], { encoding: 'utf8' });
    if (r.status !== 0 || !/return/.test(r.stdout)) throw new Error(`seccomp-tools disasm cannot read ${f}: ${r.stderr || r.stdout}`);
    n++;
  }
  log(`seccomp-tools disasm read ${n} filters`);
}

function main(argv: string[]): number {
  let out = join(packageRoot(), 'dist-bpf');
  let check = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') out = resolve(argv[++i] ?? '');
    else if (argv[i] === '--no-crosscheck') check = false;
    else {
      console.error(`build-filters: unknown argument ${argv[i]}\nusage: build-filters [--out DIR] [--no-crosscheck]`);
      return 2;
    }
  }
  const started = Date.now();
  try {
    const presets = loadPresets();
    let count = 0;
    const log = (s: string) => console.log(`build-filters: ${s}`);
    replaceDirAtomically(out, (dir) => {
      count = Object.keys(writeDistTree(presets, dir).files).length;
      if (check) {
        crossCheckPresets(presets, dir, log);
        checkWithSeccompTools(dir, log);
      }
    });
    console.log(`build-filters: wrote ${count} filters (${presets.map((p) => p.name).join(', ')} × ${ARCH_NAMES.length} arches) to ${out} in ${Date.now() - started} ms`);
    return 0;
  } catch (e) {
    const msg = e instanceof ProfileError ? e.message : (e as Error).message;
    console.error(`build-filters: ${msg}\nbuild-filters: nothing written; ${out} is unchanged`);
    return 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
