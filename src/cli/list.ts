// `sandbox list`: the presets and the architectures filters are shipped for.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ARCH_NAMES, ARCHES, type ArchName } from '../arch.js';
import { distDir } from '../paths.js';
import { hostArch } from '../runtime/filter.js';
import { listPresets } from '../runtime/filter.js';
import { parseArgs, UsageError } from './run.js';

interface ManifestView {
  presets?: Record<string, { description?: string; default?: string }>;
  files?: Record<string, { instructions?: number }>;
}

export function list(argv: string[]): number {
  const parsed = parseArgs(argv, [], 'list');
  if (parsed.positionals.length) throw new UsageError(`unexpected argument ${parsed.positionals[0]}`, 'list');
  const dir = distDir();
  let manifest: ManifestView = {};
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ManifestView;
  } catch {
    /* a vendored dist without a manifest: list what is on disk */
  }
  let host: ArchName | undefined;
  let hostProblem = '';
  try {
    host = hostArch();
  } catch (e) {
    hostProblem = (e as Error).message;
  }
  const presetNames = [...new Set([...Object.keys(manifest.presets ?? {}), ...ARCH_NAMES.flatMap((a) => listPresets(a, dir))])].sort();
  const out: string[] = ['Presets (--seccomp NAME):'];
  const width = Math.max(...presetNames.map((p) => p.length), 4);
  for (const name of presetNames) {
    const desc = manifest.presets?.[name]?.description ?? '';
    out.push(`  ${name.padEnd(width)}  ${desc}${name === 'minimal' ? ' (what seccomp = true means)' : ''}`);
  }
  out.push('', `Architectures (filters in ${dir}):`);
  for (const arch of ARCH_NAMES) {
    const d = ARCHES[arch];
    const presets = listPresets(arch, dir)
      .map((p) => {
        const n = manifest.files?.[`${arch}/${p}.bpf`]?.instructions;
        return n ? `${p} (${n} insns)` : p;
      })
      .join(', ');
    const mark = arch === host ? '  <- this machine' : '';
    out.push(`  ${arch.padEnd(12)} Node ${d.nodeArch.padEnd(8)} ABIs ${d.abis.join(', ').padEnd(20)} ${presets || '(no filters)'}${mark}`);
  }
  if (!host) out.push('', `This machine: ${hostProblem}`);
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}
