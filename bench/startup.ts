// Start-up cost of `sandbox --seccomp minimal -- true` (the shipped CLI, build/sandbox.cjs) next to what
// it cannot avoid: Node's own start-up (`node -e ""`) and the bare bwrap command line it runs. All the
// commands are timed in alternation, round after round, so drift in the machine's load hits all of them
// alike; each figure is the median. Goal: CLI ≤ 1.2 × (node + bwrap).
//
// Two more commands explain the difference: a CommonJS script that only spawns the same bwrap line and
// waits (the floor for any Node CLI: node:child_process and an asynchronous spawn, which `node -e ""`
// does not pay), and the same CLI unbundled, as tsc's ES modules (build/src/cli/main.js): why `bin` is
// a CommonJS bundle (scripts/build-cli.ts), since Node 20's ESM loader alone costs about 10 ms.

import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageRoot } from '../src/paths.js';
import { hostArch } from '../src/runtime/filter.js';
import { findBwrap, sandboxArgs } from '../src/runtime/bwrap.js';
import { presetFile } from '../src/runtime/filter.js';

export interface StartupOptions {
  rounds?: number;
  warmup?: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function time(run: () => { status: number | null; error?: Error }, label: string): number {
  const t0 = process.hrtime.bigint();
  const r = run();
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error || r.status !== 0) throw new Error(`${label} failed: ${r.error?.message ?? `status ${r.status}`}`);
  return ms;
}

/** Markdown lines: the timings, and the CLI's ratio to node + bwrap (and to the floor any ES-module CLI pays). */
export async function benchStartup(options: StartupOptions = {}): Promise<string[]> {
  const rounds = options.rounds ?? 30;
  const warmup = options.warmup ?? 3;
  const out = ['## Start-up: `sandbox --seccomp minimal -- true`', ''];
  let bwrap: string;
  try {
    bwrap = findBwrap();
  } catch (e) {
    return [...out, `skipped: ${(e as Error).message}`];
  }
  const root = packageRoot();
  const esmCli = join(root, 'build', 'src', 'cli', 'main.js');
  const cli = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { sandbox: string } }).bin.sandbox);
  if (!existsSync(cli) || !existsSync(esmCli)) {
    const b = spawnSync('npm', ['run', 'build:js'], { cwd: root, encoding: 'utf8' });
    if (!existsSync(cli) || !existsSync(esmCli)) return [...out, `skipped: could not build the CLI: ${b.stdout}${b.stderr}`];
  }
  // A clean directory and no config file: what a first run sees.
  const cwd = mkdtempSync(join(tmpdir(), 'sandbox-bench-'));
  const env = { ...process.env, XDG_CONFIG_HOME: cwd, SANDBOX_DEBUG: '' };
  const filterFile = presetFile('minimal', hostArch());
  const bareArgs = [...sandboxArgs({ cwd }), '--seccomp', '3', '--', 'true'];

  const floor = join(cwd, 'floor.cjs');
  writeFileSync(floor, [
    "const { spawn } = require('node:child_process');",
    "const { openSync } = require('node:fs');",
    `const fd = openSync(${JSON.stringify(filterFile)}, 'r');`,
    `spawn(${JSON.stringify(bwrap)}, ${JSON.stringify(bareArgs)}, { stdio: ['inherit', 'inherit', 'inherit', fd] }).on('exit', (code) => { process.exitCode = code; });`,
  ].join('\n'));
  const runs = {
    cli: () => spawnSync(process.execPath, [cli, '--seccomp', 'minimal', '--', 'true'], { cwd, env, stdio: 'ignore' }),
    node: () => spawnSync(process.execPath, ['-e', ''], { cwd, env, stdio: 'ignore' }),
    floor: () => spawnSync(process.execPath, [floor], { cwd, env, stdio: 'ignore' }),
    esm: () => spawnSync(process.execPath, [esmCli, '--seccomp', 'minimal', '--', 'true'], { cwd, env, stdio: 'ignore' }),
  };
  const times = { cli: [] as number[], bwrap: [] as number[], node: [] as number[], floor: [] as number[], esm: [] as number[] };
  try {
    for (let i = 0; i < warmup + rounds; i++) {
      for (const k of ['cli', 'bwrap', 'node', 'floor', 'esm'] as const) {
        // bwrap reads the fd to its end, so each bare run gets a fresh one (opened outside the timing).
        const ms = k === 'bwrap' ? timeBwrap(bwrap, bareArgs, filterFile, cwd, env) : time(runs[k], k);
        if (i >= warmup) times[k].push(ms);
      }
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const cliMs = median(times.cli);
  const bwrapMs = median(times.bwrap);
  const nodeMs = median(times.node);
  const floorMs = median(times.floor);
  const esmMs = median(times.esm);
  const ratio = cliMs / (nodeMs + bwrapMs);
  const f = (n: number) => n.toFixed(1);
  out.push(
    `${rounds} rounds after ${warmup} warm-up rounds, the five commands alternating; medians.`,
    '',
    '| command | median ms |',
    '|---|---:|',
    `| \`node -e ""\` | ${f(nodeMs)} |`,
    `| \`bwrap … --seccomp 3 -- true\` (the CLI's own bwrap line) | ${f(bwrapMs)} |`,
    `| node + bwrap | ${f(nodeMs + bwrapMs)} |`,
    `| a CommonJS script that only spawns that bwrap line and waits | ${f(floorMs)} |`,
    `| \`sandbox --seccomp minimal -- true\` (build/sandbox.cjs, as shipped) | ${f(cliMs)} |`,
    `| the same, unbundled ES modules (build/src/cli/main.js) | ${f(esmMs)} |`,
    '',
    `CLI / (node + bwrap) = **${ratio.toFixed(3)}** (goal ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'NOT met'}); the CLI adds ${f(cliMs - nodeMs - bwrapMs)} ms.`,
    `Of that, ${f(floorMs - nodeMs - bwrapMs)} ms (floor / (node + bwrap) = ${(floorMs / (nodeMs + bwrapMs)).toFixed(3)}) is what any Node program that spawns bwrap and waits pays; the CLI's own work (its code, reading the preset, finding bwrap and the command, signal set-up) is the other ${f(cliMs - floorMs)} ms (CLI / floor = ${(cliMs / floorMs).toFixed(3)}).`,
    `Unbundled, as ES modules, the CLI would take ${f(esmMs)} ms: ${(esmMs / (nodeMs + bwrapMs)).toFixed(3)} × (node + bwrap), ${(esmMs / cliMs).toFixed(3)} × the bundle.`,
  );
  return out;
}

function timeBwrap(bwrap: string, args: string[], filterFile: string, cwd: string, env: NodeJS.ProcessEnv): number {
  const fd = openSync(filterFile, 'r');
  try {
    return time(() => spawnSync(bwrap, args, { cwd, env, stdio: ['ignore', 'ignore', 'ignore', fd] }), 'bwrap');
  } finally {
    closeSync(fd);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await benchStartup()).join('\n'));
}
