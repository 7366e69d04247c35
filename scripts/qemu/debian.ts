// Debian's packages, through Debian's own clients: the host's qemu and cross compilers with
// apt-get install, and each target's kernel with `apt-get download` from a private apt state (its
// own sources list, architecture and lists under the cache), so the host's dpkg architectures and
// apt lists stay as they are.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cacheDir } from './cache.js';
import type { QemuTarget } from './targets.js';

function run(cmd: string, args: string[], opts: { cwd?: string; input?: string } = {}): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 << 20, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }, ...opts });
}

function mustRun(cmd: string, args: string[], opts: { cwd?: string } = {}): string {
  const r = run(cmd, args, opts);
  if (r.error) throw new Error(`${cmd} could not run: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status}):\n${(r.stderr || r.stdout).trim()}`);
  return r.stdout;
}

// ---- host packages ----

/** The absolute path of a command on PATH, or undefined. */
export function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', cmd], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** The packages of `wanted` that dpkg does not list as installed. */
export function missingPackages(wanted: readonly string[]): string[] {
  return wanted.filter((p) => {
    const r = run('dpkg-query', ['-W', '-f=${Status}', p]);
    return r.status !== 0 || !r.stdout.includes('ok installed');
  });
}

export function installCommand(packages: readonly string[]): string {
  return `apt-get update && apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/** Installs missing host packages with apt-get (root only); throws with the command to run otherwise. */
export function ensurePackages(wanted: readonly string[], log: (s: string) => void): void {
  const missing = missingPackages(wanted);
  if (missing.length === 0) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`missing Debian packages: ${missing.join(' ')}\nrun as root: ${installCommand(missing)}`);
  }
  log(`installing ${missing.join(' ')}`);
  mustRun('apt-get', ['update', '-q']);
  mustRun('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing]);
}

// ---- kernels ----

interface Mirrors {
  archive: string;
  security: string;
}

/** The Debian archive and security URIs the host's apt uses (deb.debian.org when it names none). */
export function debianMirrors(): Mirrors {
  const m: Mirrors = {
    archive: process.env.SANDBOX_SECCOMP_DEBIAN_MIRROR || '',
    security: process.env.SANDBOX_SECCOMP_DEBIAN_SECURITY_MIRROR || '',
  };
  const files: string[] = [];
  if (existsSync('/etc/apt/sources.list')) files.push('/etc/apt/sources.list');
  if (existsSync('/etc/apt/sources.list.d')) {
    for (const f of readdirSync('/etc/apt/sources.list.d').sort()) {
      if (f.endsWith('.list') || f.endsWith('.sources')) files.push(join('/etc/apt/sources.list.d', f));
    }
  }
  const consider = (uri: string, suites: string[]): void => {
    if (!/\/debian(-security)?\/?$/.test(uri)) return;
    if (suites.some((s) => s.endsWith('-security'))) m.security ||= uri;
    else if (suites.some((s) => /^[a-z]+(-updates)?$/.test(s))) m.archive ||= uri;
  };
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    if (f.endsWith('.sources')) {
      for (const stanza of text.split(/\n\s*\n/)) {
        if (/^Enabled:\s*no/im.test(stanza) || !/^Types:.*\bdeb\b/im.test(stanza)) continue;
        const uris = /^URIs:\s*(.+)$/im.exec(stanza)?.[1].trim().split(/\s+/) ?? [];
        const suites = /^Suites:\s*(.+)$/im.exec(stanza)?.[1].trim().split(/\s+/) ?? [];
        for (const u of uris) consider(u, suites);
      }
    } else {
      for (const line of text.split('\n')) {
        const w = line.replace(/#.*/, '').replace(/\[[^\]]*\]/, '').trim().split(/\s+/);
        if (w[0] === 'deb' && w.length >= 3) consider(w[1], [w[2]]);
      }
    }
  }
  m.archive ||= 'http://deb.debian.org/debian';
  m.security ||= 'http://deb.debian.org/debian-security';
  return m;
}

/** apt options that point apt-get and apt-cache at a private state for one suite and architecture. */
function privateApt(suite: string, debArch: string): { opts: string[]; dir: string } {
  const dir = cacheDir('apt', `${suite}-${debArch}`);
  for (const d of ['lists/partial', 'archives/partial', 'parts']) mkdirSync(join(dir, d), { recursive: true });
  const { archive, security } = debianMirrors();
  const keyring = '/usr/share/keyrings/debian-archive-keyring.gpg';
  const signed = existsSync(keyring) ? `[signed-by=${keyring}] ` : '';
  writeFileSync(
    join(dir, 'sources.list'),
    [`deb ${signed}${archive} ${suite} main`, `deb ${signed}${archive} ${suite}-updates main`, `deb ${signed}${security} ${suite}-security main`, ''].join('\n'),
  );
  const opts = [
    `Dir::Etc::SourceList=${join(dir, 'sources.list')}`,
    `Dir::Etc::SourceParts=${join(dir, 'parts')}`,
    `Dir::State::Lists=${join(dir, 'lists')}`,
    `Dir::Cache=${join(dir, 'cache')}`,
    `Dir::Cache::Archives=${join(dir, 'archives')}`,
    `APT::Architecture=${debArch}`,
    `APT::Architectures::=${debArch}`,
    // The download lands in a directory of ours; no need for apt's unprivileged _apt user.
    'APT::Sandbox::User=root',
  ].flatMap((o) => ['-o', o]);
  mkdirSync(join(dir, 'cache'), { recursive: true });
  return { opts, dir };
}

export interface KernelInfo {
  arch: string;
  package: string;
  version: string;
  suite: string;
  debArch: string;
  /** Absolute paths inside the cache. */
  image: string;
  config: string;
  imageSha256: string;
  /** Size of the downloaded .deb (only /boot's image and config are kept). */
  debBytes: number;
  fetchedAt: string;
}

export function kernelDir(t: QemuTarget): string {
  return cacheDir('kernels', t.arch);
}

/** The cached kernel of a target, or undefined when none was fetched yet. */
export function cachedKernel(t: QemuTarget): KernelInfo | undefined {
  const file = join(kernelDir(t), 'kernel.json');
  if (!existsSync(file)) return undefined;
  const k = JSON.parse(readFileSync(file, 'utf8')) as KernelInfo;
  return existsSync(k.image) && existsSync(k.config) && k.suite === t.suite ? k : undefined;
}

/**
 * Fetches the target's current Debian kernel (the metapackage's linux-image dependency) and keeps
 * its image and config in the cache; reuses the cached one unless `refresh`.
 */
export function fetchKernel(t: QemuTarget, opts: { refresh?: boolean; log?: (s: string) => void } = {}): KernelInfo {
  const log = opts.log ?? (() => {});
  if (!opts.refresh) {
    const k = cachedKernel(t);
    if (k) return k;
  }
  const { opts: apt, dir } = privateApt(t.suite, t.debArch);
  log(`apt-get update (${t.suite}, ${t.debArch})`);
  const upd = run('apt-get', [...apt, 'update', '-q']);
  // An index that fails (a mirror mid-sync) is reported but need not stop us: what matters is that
  // the kernel package resolves below.
  if (upd.status !== 0) {
    const errors = upd.stderr.split('\n').filter((l) => /^(E|W):/.test(l) && !/Some index files failed/.test(l));
    log(`apt-get update: some indexes failed, continuing with the others: ${errors.join(' | ') || upd.stderr.trim()}`);
  }
  const deps = mustRun('apt-cache', [...apt, 'depends', '--important', t.kernelMeta]);
  const pkg = /Depends:\s*(linux-image-\d[^\s:]*)/.exec(deps)?.[1];
  if (!pkg) throw new Error(`${t.kernelMeta} (${t.suite}, ${t.debArch}) names no linux-image package:\n${deps}`);
  const policy = mustRun('apt-cache', [...apt, 'policy', pkg]);
  const version = /Candidate:\s*(\S+)/.exec(policy)?.[1];
  if (!version || version === '(none)') throw new Error(`${pkg} has no candidate version for ${t.debArch}:\n${policy}`);

  const work = join(dir, 'download');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  log(`apt-get download ${pkg}=${version}`);
  mustRun('apt-get', [...apt, 'download', `${pkg}=${version}`], { cwd: work });
  const deb = readdirSync(work).find((f) => f.endsWith('.deb'));
  if (!deb) throw new Error(`apt-get download ${pkg} left no .deb in ${work}`);
  const debBytes = statSync(join(work, deb)).size;
  log(`${deb}: ${(debBytes / 1e6).toFixed(1)} MB`);
  const tree = join(work, 'tree');
  mkdirSync(tree);
  const x = spawnSync('sh', ['-c', `dpkg-deb --fsys-tarfile "$1" | tar -x -C "$2" --wildcards './boot/*'`, 'sh', join(work, deb), tree], { encoding: 'utf8' });
  if (x.status !== 0) throw new Error(`extracting /boot from ${deb} failed:\n${x.stderr}`);
  const boot = join(tree, 'boot');
  const files = readdirSync(boot);
  const image = files.find((f) => t.kernelImage.test(f));
  const config = files.find((f) => f.startsWith('config-'));
  if (!image || !config) throw new Error(`${deb} has no kernel image (${t.kernelImage}) or config in /boot: ${files.join(' ')}`);

  const out = kernelDir(t);
  const dest = join(out, `${pkg}_${version}`);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  renameSync(join(boot, image), join(dest, image));
  renameSync(join(boot, config), join(dest, config));
  rmSync(work, { recursive: true, force: true });
  // The package lists served their purpose; a refresh downloads them again.
  rmSync(join(dir, 'lists'), { recursive: true, force: true });
  // Drop older kernels of this target.
  for (const f of readdirSync(out)) if (f !== `${pkg}_${version}` && f !== 'kernel.json') rmSync(join(out, f), { recursive: true, force: true });

  const info: KernelInfo = {
    arch: t.arch,
    package: pkg,
    version,
    suite: t.suite,
    debArch: t.debArch,
    image: join(dest, image),
    config: join(dest, config),
    imageSha256: createHash('sha256').update(readFileSync(join(dest, image))).digest('hex'),
    debBytes,
    fetchedAt: new Date().toISOString(),
  };
  writeFileSync(join(out, 'kernel.json'), JSON.stringify(info, null, 2) + '\n');
  return info;
}

/** A kernel config file's options: CONFIG_FOO → 'y' | 'm' | value; unset options are absent. */
export function readKernelConfig(path: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const i = line.indexOf('=');
    if (line.startsWith('CONFIG_') && i > 0) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

/** The options of `wanted` that are not built in (=y). */
export function missingConfig(k: KernelInfo, wanted: readonly string[]): string[] {
  const c = readKernelConfig(k.config);
  return wanted.filter((o) => c.get(o) !== 'y');
}
