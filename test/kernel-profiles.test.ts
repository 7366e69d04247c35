// The shipped x86_64 presets and the example profiles, loaded by real bwrap on the real kernel.
import { readFileSync } from 'node:fs';
import { arch } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileProfile } from '../src/artifacts.js';
import { distDir } from '../src/paths.js';
import { loadProfile } from '../src/profile/resolve.js';
import { bwrapMissing, compileC, gccMissing, parseProbe, runInSandbox, sharedTempDir, which } from './helpers/sandbox.js';

const skip = arch() !== 'x64' ? 'the host is not x86_64' : bwrapMissing() ?? gccMissing();
if (skip) console.warn(`kernel-profiles tests skipped: ${skip}`);

describe.skipIf(skip)('profiles on the real kernel (x86_64, bwrap --seccomp)', () => {
  let probe = '';
  beforeAll(() => {
    probe = compileC(fileURLToPath(new URL('probes/probe.c', import.meta.url)), join(sharedTempDir('probe-'), 'probe'));
  });

  for (const preset of ['minimal', 'strict']) {
    it(`shipped dist-bpf/x86_64/${preset}.bpf blocks the seed syscalls and runs a shell`, () => {
      const filter = readFileSync(join(distDir(), 'x86_64', `${preset}.bpf`));
      const got = parseProbe(runInSandbox([probe, 'ptrace', 'keyctl', 'unshare', 'setns', 'umount2', 'clone_newuser', 'clone', 'getpid'], { filter }).stdout);
      for (const n of ['ptrace', 'keyctl', 'unshare', 'setns', 'umount2', 'clone_newuser']) expect(got.get(n), n).toBe('EPERM');
      expect(got.get('clone')).toBe('OK');
      expect(got.get('getpid')).toBe('OK');
      const sh = runInSandbox(['sh', '-c', 'echo hi | tr h H && ls / >/dev/null'], { filter });
      expect(sh.status, sh.stderr).toBe(0);
      expect(sh.stdout).toBe('Hi\n');
    });
  }

  it('the allowlist example runs a shell, Python and Node, and refuses what it does not list', () => {
    const filter = compileProfile(loadProfile('profiles/examples/allowlist-tools.toml'), 'x86_64').bpf;
    const sh = runInSandbox(['sh', '-c', 'seq 3 | sort -r | head -1; grep -c . /etc/hostname; date +%Y >/dev/null'], { filter });
    expect(sh.status, sh.stderr).toBe(0);
    expect(sh.stdout).toBe('3\n1\n');
    const py = runInSandbox(['python3', '-c', 'import os, json, subprocess; print(json.dumps(len(os.listdir("/")) > 0)); subprocess.run(["true"], check=True)'], { filter });
    expect(py.status, py.stderr).toBe(0);
    expect(py.stdout).toBe('true\n');
    if (which('node')) {
      const node = runInSandbox([process.execPath, '-e', 'console.log([1,2,3].map(x => x * 2).join())'], { filter });
      expect(node.status, node.stderr).toBe(0);
      expect(node.stdout).toBe('2,4,6\n');
    }
    const net = runInSandbox(['python3', '-c', 'import socket\ntry:\n  socket.socket()\nexcept OSError as e: print(e.errno)'], { filter });
    expect(net.stdout.trim()).toBe('1'); // EPERM: socket is not on the list
    const got = parseProbe(runInSandbox([probe, 'ptrace', 'bpf', 'getpid'], { filter }).stdout);
    expect(got.get('ptrace')).toBe('EPERM');
    expect(got.get('bpf')).toBe('EPERM');
    expect(got.get('getpid')).toBe('OK');
  });

  it('the no-network example refuses IP sockets but keeps AF_UNIX', () => {
    const filter = compileProfile(loadProfile('profiles/examples/no-network.toml'), 'x86_64').bpf;
    const code = [
      'import socket',
      'a, b = socket.socketpair(socket.AF_UNIX)',
      'print("unix ok")',
      'for fam in (socket.AF_INET, socket.AF_INET6, socket.AF_NETLINK):',
      '  try:',
      '    socket.socket(fam, socket.SOCK_DGRAM)',
      '    print("open")',
      '  except OSError as e: print(e.errno)',
    ].join('\n');
    const r = runInSandbox(['python3', '-c', code], { filter });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('unix ok\n97\n97\n97\n'); // EAFNOSUPPORT
    const bare = runInSandbox(['python3', '-c', code]);
    expect(bare.stdout).toBe('unix ok\nopen\nopen\nopen\n'); // without the filter they open
  });
});
