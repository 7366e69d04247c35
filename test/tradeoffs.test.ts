// docs/tradeoffs.md is executable: each ```console block is a `$ sandbox …` command and lines its
// output must contain under the preset, and must not all contain with --seccomp off.
import { readFileSync } from 'node:fs';
import { arch } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT, runCli } from './helpers/cli.js';
import { bwrapMissing, sharedTempDir, which } from './helpers/sandbox.js';

interface Example {
  argv: string[];
  expected: string[];
}

/** Splits a shell command line: words, '…' and "…" quotes (no escapes). */
function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /\s*(?:'([^']*)'|"([^"]*)"|(\S+))/y;
  let m: RegExpExecArray | null;
  while (re.lastIndex < line.length && (m = re.exec(line))) {
    const w = m[1] ?? m[2] ?? m[3];
    if (w !== undefined) words.push(w);
  }
  return words;
}

function examples(markdown: string): Example[] {
  return [...markdown.matchAll(/```console\n([\s\S]*?)```/g)].map((m) => {
    const [command, ...expected] = m[1].trim().split('\n');
    if (!command.startsWith('$ sandbox ')) throw new Error(`docs/tradeoffs.md: a console block must start with "$ sandbox": ${command}`);
    return { argv: shellWords(command.slice('$ sandbox '.length)), expected };
  });
}

const doc = readFileSync(join(ROOT, 'docs/tradeoffs.md'), 'utf8');
const skip = arch() !== 'x64' ? 'the host is not x86_64 (the examples use x86_64 syscall numbers)' : bwrapMissing();
if (skip) console.warn(`tradeoffs tests skipped: ${skip}`);
const WORK = sharedTempDir('tradeoffs-');

describe.skipIf(skip)('docs/tradeoffs.md examples', () => {
  beforeAll(ensureBuilt, 180_000);
  const all = examples(doc);
  it('has examples for both presets', () => {
    expect(all.filter((e) => e.argv.includes('minimal')).length).toBeGreaterThanOrEqual(6);
    expect(all.filter((e) => e.argv.includes('strict')).length).toBeGreaterThanOrEqual(3);
  });
  for (const ex of all) {
    const tool = ex.argv[ex.argv.indexOf('--') + 1];
    const missing = !which(tool);
    if (missing) console.warn(`tradeoffs example skipped: ${tool} is not installed: sandbox ${ex.argv.join(' ')}`);
    it.skipIf(missing)(ex.argv.join(' '), () => {
      const out = (r: ReturnType<typeof runCli>) => `${r.stdout}${r.stderr}`;
      const filtered = out(runCli(ex.argv, { cwd: WORK }));
      for (const line of ex.expected) expect(filtered).toContain(line);
      const offArgv = [...ex.argv];
      offArgv[offArgv.indexOf('--seccomp') + 1] = 'off';
      const unfiltered = out(runCli(offArgv, { cwd: WORK }));
      expect(ex.expected.every((line) => unfiltered.includes(line)), `without a filter the output was:\n${unfiltered}`).toBe(false);
    });
  }
});
