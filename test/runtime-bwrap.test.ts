// bwrap's command line, finding programs, and the library used the way docs/runtime.md shows: a host
// program that builds its own bwrap command line around openSeccomp(), on the real kernel.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { findBwrap, resolveCommand, sandboxArgs, which } from '../src/runtime/bwrap.js';
import { openSeccomp } from '../src/runtime/filter.js';
import { spawnSandbox } from '../src/runtime/bwrap.js';
import { bwrapMissing } from './helpers/sandbox.js';
import { failure } from './helpers/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'runtime-bwrap-'));


describe('sandboxArgs', () => {
  it('gives the defaults for a shell or developer workload', () => {
    expect(sandboxArgs({ cwd: '/home/u/proj' })).toEqual([
      '--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp',
      '--bind', '/home/u/proj', '/home/u/proj',
      '--unshare-user', '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--unshare-cgroup-try',
      '--die-with-parent', '--chdir', '/home/u/proj',
    ]);
  });

  it('adds a private network, and more writable directories once each', () => {
    const a = sandboxArgs({ cwd: '/w', network: false, binds: ['/cache', 'rel', '/w'] });
    expect(a).toContain('--unshare-net');
    expect(a.join(' ')).toContain('--bind /w /w --bind /cache /cache --bind /w/rel /w/rel --unshare-user');
  });

  it('does not make / writable when it is the current directory', () => {
    expect(sandboxArgs({ cwd: '/' })).not.toContain('--bind');
  });
});

describe('finding programs', () => {
  it('which follows PATH and takes paths as they are', () => {
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    writeFileSync(join(bin, 'tool'), '#!/bin/sh\n');
    chmodSync(join(bin, 'tool'), 0o755);
    writeFileSync(join(bin, 'plain'), '');
    expect(which('tool', { PATH: `/nonexistent:${bin}` })).toBe(join(bin, 'tool'));
    expect(which('plain', { PATH: bin })).toBeUndefined();
    expect(which('./bin/tool', {}, dir)).toBe(join(bin, 'tool'));
  });

  it('findBwrap says how to install bubblewrap when it is missing', () => {
    const e = failure(() => findBwrap({ PATH: dir }));
    expect(e.code).toBe('bwrap-missing');
    expect(e.hint).toContain('apt-get install bubblewrap');
    expect(failure(() => findBwrap({ PATH: '/usr/bin', SANDBOX_BWRAP: join(dir, 'nope') })).message).toContain('SANDBOX_BWRAP');
  });

  it('resolveCommand: not found (127) and not executable (126) are told apart', () => {
    expect(resolveCommand(['sh', '-c', 'true'])).toMatch(/\/sh$/);
    expect(failure(() => resolveCommand(['no-such-command-xyz'])).code).toBe('command-not-found');
    expect(failure(() => resolveCommand(['./missing'], process.env, dir)).code).toBe('command-not-found');
    writeFileSync(join(dir, 'data.txt'), 'x');
    const e = failure(() => resolveCommand(['./data.txt'], process.env, dir));
    expect(e.code).toBe('command-not-executable');
    expect(failure(() => resolveCommand(['./bin'], process.env, dir)).message).toContain('directory');
    expect(failure(() => resolveCommand([])).code).toBe('usage');
  });
});

const skip = bwrapMissing();
if (skip) console.warn(`runtime-bwrap kernel tests skipped: ${skip}`);

describe.skipIf(skip)('a host program building its own bwrap command line (docs/runtime.md)', () => {
  it('the example in docs/runtime.md runs and prints what it says', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    const doc = readFileSync(join(root, 'docs', 'runtime.md'), 'utf8');
    const [, code, shown] = /```ts example\n([\s\S]*?)```\n\n```\n([\s\S]*?)```/.exec(doc)!;
    const script = join(dir, 'example.mts');
    writeFileSync(script, code.replace("from 'sandbox-seccomp'", `from ${JSON.stringify(join(root, 'src', 'index.ts'))}`));
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    // The doc shows stdout and stderr together; unshare's complaint is the stderr line.
    const lines = shown.trimEnd().split('\n');
    expect(r.stdout).toBe(`${lines.filter((l) => !l.startsWith('unshare:')).join('\n')}\n`);
    expect(r.stderr).toBe(`${lines.filter((l) => l.startsWith('unshare:')).join('\n')}\n`);
  });

  it('blocks ptrace and unshare with EPERM, runs the rest', async () => {
    const filter = (await openSeccomp('minimal'))!;
    try {
      const run = (cmd: string[]) => {
        const fd = (filter.fd);
        return spawnSync('bwrap', [...sandboxArgs({ cwd: dir }), ...filter.bwrapArgs(3), '--', ...cmd], {
          stdio: ['ignore', 'pipe', 'pipe', fd],
          encoding: 'utf8',
        });
      };
      const r = run(['sh', '-c', 'grep ^Seccomp: /proc/self/status; unshare -U true; echo "unshare=$?"']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/Seccomp:\s+2/);
      expect(r.stdout).toContain('unshare=1');
      expect(r.stderr).toMatch(/unshare failed: Operation not permitted/);
    } finally {
      filter.close();
    }
  });

  it('spawnSandbox: the status is the command’s, 128+N for a signal', async () => {
    const args = sandboxArgs({ cwd: dir });
    const run = async (cmd: string[]) => {
      const filter = await openSeccomp('strict');
      try {
        return await spawnSandbox({ args, command: cmd, filter, mode: 'session' });
      } finally {
        filter?.close();
      }
    };
    expect((await run(['true'])).status).toBe(0);
    expect((await run(['sh', '-c', 'exit 3'])).status).toBe(3);
    const killed = await run(['sh', '-c', 'kill -KILL $$']);
    expect(killed.status).toBe(137);
    expect(killed.mode).toBe('session');
  });
});
