// Profile → the shipped artifacts: dist-bpf/<arch>/<preset>.bpf (raw struct sock_filter array for
// `bwrap --seccomp FD`), <preset>.asm beside it, and dist-bpf/manifest.json describing every file.
// Everything here is deterministic: no timestamps, no absolute paths, sorted keys.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { ABIS, ARCH_NAMES, ARCHES, type ArchName } from './arch.js';
import { actionToRet, describeRet, type Action } from './bpf/action.js';
import { encodeProgram } from './bpf/codec.js';
import { disassemble } from './bpf/disasm.js';
import type { Insn } from './bpf/insn.js';
import { compileFilter, type AbiReport } from './compile/compile.js';
import { packageRoot } from './paths.js';
import { profileToPolicy } from './profile/lower.js';
import type { ResolvedProfile } from './profile/resolve.js';
import { KERNEL_TABLE_VERSION, syscallNumber } from './syscalls/index.js';

export const GENERATOR = 'sandbox-seccomp-compiler 1';

export interface Artifact {
  arch: ArchName;
  insns: Insn[];
  bpf: Buffer;
  asm: string;
  abis: AbiReport[];
}

export function compileProfile(profile: ResolvedProfile, arch: ArchName): Artifact {
  const compiled = compileFilter(profileToPolicy(profile, arch), arch);
  const desc = ARCHES[arch];
  const bpf = encodeProgram(compiled.insns, desc.endian);
  const asm = [
    `# ${profile.name}: ${profile.description ?? ''}`.trimEnd(),
    `# ${describeAbis(compiled.abis)}; unknown arches: KILL_PROCESS; syscall tables: Linux ${KERNEL_TABLE_VERSION}`,
    disassemble(compiled.insns, desc),
  ].join('\n');
  return { arch, insns: compiled.insns, bpf, asm: asm.endsWith('\n') ? asm : `${asm}\n`, abis: compiled.abis };
}

function describeAbis(abis: AbiReport[]): string {
  return `ABIs ${abis.map((a) => a.abi).join(', ')}`;
}

/** What one syscall does under a profile, in words: "ERRNO(EPERM)" or "ERRNO(EPERM) when arg0 & CLONE_NEWUSER". */
export function describeEntry(profile: ResolvedProfile, name: string): string {
  const entry = profile.syscalls.get(name)!;
  const say = (a: Action) => describeRet(actionToRet(a));
  const parts = entry.rules.map((r) => `${say(r.action)} when ${r.when.map((c) => c.text).join(' and ')}`);
  const otherwise = entry.otherwise?.action ?? profile.defaultAction;
  if (parts.length === 0) return say(otherwise);
  return [...parts, `otherwise ${say(otherwise)}`].join('; ');
}

export interface ManifestFile {
  arch: ArchName;
  preset: string;
  endian: string;
  sha256: string;
  bytes: number;
  instructions: number;
  abis: {
    abi: string;
    auditArch: string;
    /** Syscalls whose outcome differs from the default, with what they do. */
    filtered: Record<string, string>;
    /** Syscalls the profile names that this ABI does not have. */
    skipped: string[];
  }[];
}

export interface Manifest {
  generator: string;
  kernelTables: string;
  presets: Record<string, { description?: string; default: string; profileSha256: string; sources: { file: string; sha256: string }[] }>;
  files: Record<string, ManifestFile>;
}

/** sha256 of the profile and every file it extends, in order. */
export function profileHash(profile: ResolvedProfile): string {
  const h = createHash('sha256');
  for (const c of profile.chain) h.update(`${basename(c.file)}\0${c.sha256}\n`);
  return h.digest('hex');
}

const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Writes every preset for every arch into `outDir` (which must be empty or absent) and returns the manifest. */
export function writeDistTree(presets: ResolvedProfile[], outDir: string, arches: readonly ArchName[] = ARCH_NAMES): Manifest {
  const root = packageRoot();
  const manifest: Manifest = { generator: GENERATOR, kernelTables: KERNEL_TABLE_VERSION, presets: {}, files: {} };
  for (const profile of [...presets].sort((a, b) => a.name.localeCompare(b.name))) {
    manifest.presets[profile.name] = {
      description: profile.description,
      default: describeRet(actionToRet(profile.defaultAction)),
      profileSha256: profileHash(profile),
      sources: profile.chain.map((c) => ({ file: relative(root, c.file), sha256: c.sha256 })),
    };
    for (const arch of arches) {
      const a = compileProfile(profile, arch);
      const rel = `${arch}/${profile.name}.bpf`;
      mkdirSync(join(outDir, arch), { recursive: true });
      writeFileSync(join(outDir, rel), a.bpf);
      writeFileSync(join(outDir, arch, `${profile.name}.asm`), a.asm);
      manifest.files[rel] = {
        arch,
        preset: profile.name,
        endian: ARCHES[arch].endian,
        sha256: sha256(a.bpf),
        bytes: a.bpf.length,
        instructions: a.insns.length,
        abis: a.abis.map((r) => ({
          abi: r.abi,
          auditArch: `0x${ABIS[r.abi].auditArch.toString(16)}`,
          filtered: Object.fromEntries(
            r.applied
              .filter((n) => syscallNumber(r.abi, n) !== undefined && describeEntry(profile, n) !== describeRet(actionToRet(profile.defaultAction)))
              .map((n) => [n, describeEntry(profile, n)]),
          ),
          skipped: r.skipped,
        })),
      };
    }
  }
  const sorted = { ...manifest, files: Object.fromEntries(Object.entries(manifest.files).sort(([a], [b]) => a.localeCompare(b))) };
  writeFileSync(join(outDir, 'manifest.json'), `${JSON.stringify(sorted, null, 2)}\n`);
  return sorted;
}

/**
 * Replaces `target` with what `fill` writes into a fresh sibling directory. If `fill` throws, `target`
 * is left exactly as it was and the half-written sibling is removed.
 */
export function replaceDirAtomically(target: string, fill: (dir: string) => void): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const fresh = join(parent, `.${basename(target)}.new-${process.pid}`);
  const old = join(parent, `.${basename(target)}.old-${process.pid}`);
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh);
  try {
    fill(fresh);
  } catch (e) {
    rmSync(fresh, { recursive: true, force: true });
    throw e;
  }
  if (existsSync(target)) renameSync(target, old);
  renameSync(fresh, target);
  rmSync(old, { recursive: true, force: true });
}

/** Every file below `dir`, as paths relative to it, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  if (existsSync(dir)) walk(dir);
  return out.sort();
}
