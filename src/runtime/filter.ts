// Which filter this machine needs, and a seccomp setting → an open file descriptor holding a checked
// filter, with the bwrap arguments that load it.
//
// This is the start-up path of `sandbox --seccomp minimal -- cmd`: opening a preset reads one small
// file and checks its shape. The full check of a user's .bpf (check-bpf.ts) and, for a .toml profile,
// the TOML parser and the compiler are imported on those paths alone.

import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { endianness, machine, tmpdir } from 'node:os';
import { basename, join, resolve as resolvePath } from 'node:path';
import { ARCH_NAMES, ARCHES, type ArchName } from '../arch.js';
import { distDir } from '../paths.js';
import { SandboxError } from './errors.js';

// ---- Which arch
// A seccomp filter judges the syscalls the kernel sees, so the kernel's architecture decides which
// dist-bpf/<arch>/ applies, not Node's build: a 32-bit Node on an x86_64 or aarch64 kernel gets the
// 64-bit filter, which already covers the 32-bit ABI it runs on (i386, arm).

/** What the arch choice depends on; every field defaults to this process and machine. */
export interface HostInfo {
  /** process.platform */
  platform?: string;
  /** process.arch: x64, arm64, arm, ia32, riscv64, ppc64, s390x, loong64 */
  arch?: string;
  /** os.endianness() */
  endianness?: 'LE' | 'BE';
  /** os.machine(), as `uname -m` says it (a linux32 personality makes an x86_64 kernel say i686) */
  machine?: string;
  /**
   * The kernel's own arch, unaffected by personality (/proc/sys/kernel/arch, Linux 6.1+); read only
   * when `machine` names a 32-bit arch. `null`: not available.
   */
  kernelArch?: string | null;
}

const SUPPORTED = ARCH_NAMES.map((a) => `${a} (Node ${ARCHES[a].nodeArch})`).join(', ');

/** The target arch Node's process.arch (and byte order) stands for, or undefined. */
export function archOfNode(nodeArch: string, endian: 'LE' | 'BE' = endianness()): ArchName | undefined {
  for (const name of ARCH_NAMES) {
    const d = ARCHES[name];
    if (d.nodeArch !== nodeArch) continue;
    // Node calls both ppc64 and ppc64le "ppc64"; only little-endian is a target.
    if ((d.endian === 'little') !== (endian === 'LE')) return undefined;
    return name;
  }
  return undefined;
}

/** The target arch a `uname -m` string stands for, or undefined. */
export function archOfMachine(m: string): ArchName | undefined {
  return ARCH_NAMES.find((a) => ARCHES[a].machines.includes(m));
}

function readKernelArch(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/arch', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/**
 * The arch whose filter guards this machine's kernel. Throws SandboxError ('unsupported-platform' or
 * 'unsupported-arch') with the supported list when there is none.
 */
export function hostArch(host: HostInfo = {}): ArchName {
  const platform = host.platform ?? process.platform;
  if (platform !== 'linux') {
    throw new SandboxError('unsupported-platform', `seccomp and bubblewrap need Linux; this is ${platform}`);
  }
  const nodeArch = host.arch ?? process.arch;
  const endian = host.endianness ?? endianness();
  const fromNode = archOfNode(nodeArch, endian);
  let m = host.machine ?? machine();
  let fromKernel = archOfMachine(m);
  // A linux32 personality (setarch i686, linux32) makes uname say i686 or armv8l on a 64-bit kernel.
  if (fromKernel && ARCHES[fromKernel].abis.length === 1 && (fromKernel === 'i386' || fromKernel === 'arm')) {
    const k = host.kernelArch === undefined ? readKernelArch() : host.kernelArch;
    const real = k ? archOfMachine(k) : undefined;
    if (real) {
      m = k!;
      fromKernel = real;
    }
  }

  const nodeDesc = `Node's arch "${nodeArch}"${nodeArch === 'ppc64' ? ` (${endian === 'LE' ? 'little' : 'big'}-endian)` : ''}`;
  if (!fromNode) {
    throw new SandboxError('unsupported-arch', `no seccomp filter for ${nodeDesc} (kernel "${m}"). Supported: ${SUPPORTED}`);
  }
  if (!fromKernel) {
    throw new SandboxError('unsupported-arch', `no seccomp filter for this kernel's arch "${m}" (${nodeDesc}). Supported kernels: ${ARCH_NAMES.map((a) => ARCHES[a].machines[0]).join(', ')}`);
  }
  if (fromNode === fromKernel) return fromKernel;
  // Node built for a compat ABI of the kernel (ia32 on x86_64, arm on aarch64): the kernel's filter covers it.
  const nativeAbiOfNode = ARCHES[fromNode].abis[0];
  if (ARCHES[fromKernel].abis.includes(nativeAbiOfNode)) return fromKernel;
  // A 64-bit Node proves a 64-bit kernel: uname saying i686 or armv8l is a linux32 personality.
  if (ARCHES[fromNode].abis.includes(ARCHES[fromKernel].abis[0])) return fromNode;
  throw new SandboxError(
    'unsupported-arch',
    `Node is built for ${fromNode} but the kernel is ${fromKernel} ("${m}"): no filter covers both. Supported: ${SUPPORTED}`,
  );
}

// ---- The setting and the filter

/**
 * What a user can ask for: `true` (the minimal preset), `false` or "off" (no filter), a preset name
 * ("minimal", "strict"), a path to a compiled filter (.bpf, or any path that is not .toml) or a path to a
 * .toml profile (compiled on the fly for the host arch).
 */
export type SeccompSetting = boolean | string;

export type SeccompSource =
  | { kind: 'preset'; name: string }
  | { kind: 'bpf'; path: string }
  | { kind: 'profile'; path: string };

export const DEFAULT_PRESET = 'minimal';
const INSN_SIZE = 8;
const BPF_MAXINSNS = 4096;
const MAX_BYTES = BPF_MAXINSNS * INSN_SIZE;

/**
 * Reads a setting without touching the disk: undefined for "no filter". Relative paths are resolved
 * against `baseDir` (the current directory for flags, the config file's folder for config files).
 */
export function parseSeccompSetting(setting: SeccompSetting, baseDir: string = process.cwd()): SeccompSource | undefined {
  if (setting === true) return { kind: 'preset', name: DEFAULT_PRESET };
  if (setting === false) return undefined;
  if (typeof setting !== 'string') {
    throw new SandboxError('bad-setting', `seccomp setting must be true, false or a string, not ${typeof setting}`);
  }
  const s = setting.trim();
  if (s === 'off') return undefined;
  if (s === '') throw new SandboxError('bad-setting', 'empty seccomp setting: use "off", a preset name or a path to a .bpf or .toml file');
  if (s.endsWith('.toml')) return { kind: 'profile', path: resolvePath(baseDir, expandHome(s)) };
  if (s.endsWith('.bpf') || s.includes('/')) return { kind: 'bpf', path: resolvePath(baseDir, expandHome(s)) };
  if (/^[A-Za-z0-9_-]+$/.test(s)) return { kind: 'preset', name: s };
  throw new SandboxError(
    'bad-setting',
    `"${setting}" is not a seccomp setting: use "off", a preset (${safePresetList()}), a path to a .bpf filter or a .toml profile`,
  );
}

function expandHome(p: string): string {
  if (p === '~' || p.startsWith('~/')) return join(process.env.HOME || '/', p.slice(1));
  return p;
}

/** An open, checked filter, ready to hand to bwrap. One fd serves one bwrap launch (bwrap reads it to the end). */
export interface SeccompFilter {
  /** Readable file descriptor positioned at the start of the filter; not inherited unless passed in stdio. */
  readonly fd: number;
  /** The arch the filter was checked (or compiled) for. */
  readonly arch: ArchName;
  readonly source: SeccompSource;
  /** A short name for messages: the preset name or the file's path. */
  readonly label: string;
  /** The file the program came from (for a compiled profile, the .toml). */
  readonly file: string;
  /** The filter as bwrap will read it: struct sock_filter[], in the arch's byte order. */
  readonly bytes: Buffer;
  readonly instructions: number;
  /** Things worth telling the user that do not stop the filter from loading. */
  readonly warnings: readonly string[];
  /** `["--seccomp", String(childFd)]`: the fd number as the bwrap process will see it (default 3, the first slot after stdio). */
  bwrapArgs(childFd?: number): string[];
  /** Closes the fd (idempotent). */
  close(): void;
}

export interface OpenSeccompOptions {
  /** Default: hostArch(). */
  arch?: ArchName;
  /** Where relative paths start; default process.cwd(). */
  cwd?: string;
  /** Where the presets are; default distDir() (SANDBOX_SECCOMP_DIST or the package's dist-bpf/). */
  distDir?: string;
}

/** Checks a program's bytes for an arch and returns warnings, or throws SandboxError('invalid-filter'). */
export type BpfChecker = (bytes: Uint8Array, arch: ArchName, name: string, options: { trusted: boolean }) => string[];

/**
 * Opens any setting and returns undefined for "no filter". A preset is trusted (it was built and
 * checked with the package) and only checked for shape; a .bpf file is checked as the kernel would
 * (checkBpf, loaded on this path only); a .toml profile is compiled for the arch on the fly (the
 * compiler and the TOML parser are loaded on this path only).
 */
export async function openSeccomp(setting: SeccompSetting, options: OpenSeccompOptions = {}): Promise<SeccompFilter | undefined> {
  const source = parseSeccompSetting(setting, options.cwd);
  if (!source) return undefined;
  if (source.kind === 'preset') return openSourceSync(source, options, checkShape);
  if (source.kind === 'bpf') {
    const { checkBpf } = await import('./check-bpf.js');
    return openSourceSync(source, options, checkBpf);
  }
  const arch = options.arch ?? hostArch();
  const bytes = await compileProfileFile(source.path, arch);
  checkShape(bytes, arch, source.path);
  const fd = fdFromBytes(bytes);
  return makeFilter(fd, arch, source, source.path, source.path, bytes, []);
}

/** Compiles a .toml profile for one arch; the compiler and TOML parser are loaded here, on demand. */
export async function compileProfileFile(path: string, arch: ArchName): Promise<Buffer> {
  if (!existsSync(path)) throw new SandboxError('filter-not-found', `profile ${path} does not exist`);
  const [{ loadProfile }, { compileProfile }, { ProfileError }] = await Promise.all([
    import('../profile/resolve.js'),
    import('../artifacts.js'),
    import('../profile/errors.js'),
  ]);
  try {
    return compileProfile(loadProfile(path), arch).bpf;
  } catch (e) {
    if (e instanceof ProfileError) throw new SandboxError('profile-error', e.message);
    throw new SandboxError('profile-error', `${path}: cannot compile for ${arch}: ${(e as Error).message}`);
  }
}

/**
 * What the kernel checks first, and all a shipped preset gets on the hot path: not empty, whole
 * 8-byte instructions, at most 4096 of them, ending in RET.
 */
export function checkShape(bytes: Uint8Array, arch: ArchName, name = 'the filter'): string[] {
  const bad = (why: string) => new SandboxError('invalid-filter', `${name} is not a valid seccomp filter for ${arch}: ${why}`);
  if (bytes.length === 0) throw bad('it is empty (0 bytes)');
  if (bytes.length % INSN_SIZE !== 0) throw bad(`its length, ${bytes.length} bytes, is not a multiple of 8 (sizeof struct sock_filter)`);
  if (bytes.length > MAX_BYTES) throw bad(`${bytes.length / INSN_SIZE} instructions, more than the kernel's ${BPF_MAXINSNS}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lastCode = view.getUint16(bytes.length - INSN_SIZE, ARCHES[arch].endian === 'little');
  if ((lastCode & 0x07) !== 0x06) throw bad('its last instruction is not RET');
  return [];
}

/** Opens a preset or .bpf file, reads it without moving the fd's offset, and checks it with `check`. */
export function openSourceSync(source: Exclude<SeccompSource, { kind: 'profile' }>, options: OpenSeccompOptions, check: BpfChecker): SeccompFilter {
  const arch = options.arch ?? hostArch();
  const trusted = source.kind === 'preset';
  const path = source.kind === 'preset' ? join(options.distDir ?? distDir(), arch, `${source.name}.bpf`) : source.path;
  const label = source.kind === 'preset' ? source.name : source.path;
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (source.kind === 'preset' && code === 'ENOENT') presetFile(source.name, arch, options.distDir); // throws the helpful error
    throw new SandboxError('filter-not-found', `cannot open the seccomp filter ${path}: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new SandboxError('invalid-filter', `${path} is a directory, not a seccomp filter`);
    let bytes: Buffer;
    if (st.isFile()) {
      if (st.size > MAX_BYTES) throw tooLong(path, st.size);
      bytes = Buffer.alloc(st.size);
      // Positioned reads leave the fd's offset at 0 for bwrap, which then reads exactly what was checked.
      let off = 0;
      while (off < bytes.length) {
        const n = readSync(fd, bytes, off, bytes.length - off, off);
        if (n === 0) break;
        off += n;
      }
      bytes = bytes.subarray(0, off);
    } else {
      // A pipe or a /dev/fd/N: read it once, then hand bwrap a private copy.
      bytes = readStream(fd, path);
      closeSync(fd);
      fd = -1;
    }
    const warnings = check(bytes, arch, path, { trusted });
    if (fd < 0) fd = fdFromBytes(bytes);
    return makeFilter(fd, arch, source, label, path, bytes, warnings);
  } catch (e) {
    if (fd >= 0) closeSync(fd);
    throw e;
  }
}

function readStream(fd: number, path: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.alloc(65536);
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw e;
    }
    if (n === 0) break;
    total += n;
    if (total > MAX_BYTES) throw tooLong(path, total);
    chunks.push(chunk.subarray(0, n));
  }
  return Buffer.concat(chunks);
}

function tooLong(path: string, bytes: number): SandboxError {
  return new SandboxError('invalid-filter', `${path} is not a seccomp filter: ${bytes} bytes is more than ${BPF_MAXINSNS} instructions (${MAX_BYTES} bytes), the kernel's limit`);
}

function makeFilter(fd: number, arch: ArchName, source: SeccompSource, label: string, file: string, bytes: Buffer, warnings: string[]): SeccompFilter {
  let open = true;
  return {
    fd,
    arch,
    source,
    label,
    file,
    bytes,
    instructions: bytes.length / INSN_SIZE,
    warnings,
    bwrapArgs: (childFd = 3) => ['--seccomp', String(childFd)],
    close() {
      if (open) {
        open = false;
        closeSync(fd);
      }
    },
  };
}

/**
 * A readable fd at offset 0 holding `bytes`, backed by a file that is already unlinked (Node has no
 * memfd_create): created 0600 with O_EXCL in the temp directory, written with pwrite.
 */
export function fdFromBytes(bytes: Uint8Array): number {
  let fd = -1;
  let path = '';
  for (let attempt = 0; fd < 0; attempt++) {
    path = join(tmpdir(), `sandbox-seccomp-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}.bpf`);
    try {
      fd = openSync(path, 'wx+', 0o600);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 100) throw e;
    }
  }
  try {
    unlinkSync(path);
    let off = 0;
    while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off, off);
    return fd;
  } catch (e) {
    closeSync(fd);
    throw e;
  }
}

/** dist-bpf/<arch>/<name>.bpf; throws 'no-such-preset' (with the list) when there is no such preset. */
export function presetFile(name: string, arch: ArchName, dir: string = distDir()): string {
  const file = join(dir, arch, `${name}.bpf`);
  if (existsSync(file)) return file;
  const known = listPresets(arch, dir);
  if (known.length === 0) {
    throw new SandboxError('filter-not-found', `no filters for ${arch} in ${dir}`, 'run "npm run build:filters" in the package, or set SANDBOX_SECCOMP_DIST to a dist-bpf directory');
  }
  throw new SandboxError('no-such-preset', `no preset named "${name}" (known: ${known.join(', ')})`, `a path to a filter needs a "/" or a .bpf/.toml suffix, e.g. ./${name}.bpf`);
}

/** The presets shipped for `arch`, sorted. */
export function listPresets(arch: ArchName, dir: string = distDir()): string[] {
  try {
    return readdirSync(join(dir, arch))
      .filter((f) => f.endsWith('.bpf'))
      .map((f) => basename(f, '.bpf'))
      .sort();
  } catch {
    return [];
  }
}

function safePresetList(): string {
  try {
    const names = listPresets(hostArch());
    return names.length ? names.join(', ') : 'minimal, strict';
  } catch {
    return 'minimal, strict';
  }
}
