// How long the build takes: load every preset and compile it for every arch, repeated; medians.
import { ARCH_NAMES } from '../src/arch.js';
import { compileProfile } from '../src/artifacts.js';
import { loadPresets } from '../scripts/build-filters.js';

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export function benchCompileTime(rounds = 15): string[] {
  const load: number[] = [];
  const compile: number[] = [];
  let filters = 0;
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    const presets = loadPresets();
    const t1 = performance.now();
    filters = 0;
    for (const p of presets) for (const arch of ARCH_NAMES) {
      compileProfile(p, arch);
      filters++;
    }
    const t2 = performance.now();
    load.push(t1 - t0);
    compile.push(t2 - t1);
  }
  return [
    `| step | median over ${rounds} rounds |`,
    '|---|---:|',
    `| parse and resolve every preset | ${median(load).toFixed(1)} ms |`,
    `| compile, encode and disassemble ${filters} filters (every preset × every arch) | ${median(compile).toFixed(1)} ms |`,
    `| per filter | ${(median(compile) / filters).toFixed(2)} ms |`,
    '',
  ];
}
