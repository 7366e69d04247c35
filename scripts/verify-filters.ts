// npm run verify: rebuilds every filter in a temporary directory and compares it, byte for byte, with
// dist-bpf/ (or DIR). Exit 1, naming each file, when they differ: the committed or vendored filters
// are then not what profiles/ and this compiler produce.
//
//   tsx scripts/verify-filters.ts [DIR]

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { listFiles, writeDistTree } from '../src/artifacts.js';
import { packageRoot } from '../src/paths.js';
import { loadPresets } from './build-filters.js';

export function compareTrees(expectedDir: string, actualDir: string): string[] {
  const expected = listFiles(expectedDir);
  const actual = new Set(listFiles(actualDir));
  const problems: string[] = [];
  for (const f of expected) {
    if (!actual.has(f)) problems.push(`${f}: missing`);
    else if (!readFileSync(join(expectedDir, f)).equals(readFileSync(join(actualDir, f)))) problems.push(`${f}: differs from a fresh build`);
    actual.delete(f);
  }
  for (const f of actual) problems.push(`${f}: not produced by a fresh build`);
  return problems;
}

function main(argv: string[]): number {
  const dir = resolve(argv[0] ?? join(packageRoot(), 'dist-bpf'));
  const fresh = mkdtempSync(join(tmpdir(), 'sandbox-seccomp-verify-'));
  try {
    writeDistTree(loadPresets(), fresh);
    const problems = compareTrees(fresh, dir);
    if (problems.length) {
      console.error(`verify: ${dir} does not match a fresh build of profiles/:\n  ${problems.join('\n  ')}\nRebuild with: npm run build:filters`);
      return 1;
    }
    console.log(`verify: ${listFiles(fresh).length} files in ${dir} match a fresh build`);
    return 0;
  } catch (e) {
    console.error(`verify: ${(e as Error).message}`);
    return 1;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(main(process.argv.slice(2)));
