// `sandbox check [--seccomp X]`: what the filter does, seen from inside a real sandbox.
//
// One bwrap run with the same options `sandbox -- CMD` would use executes a shell script that prints
// the Seccomp lines of /proc/self/status, calls each syscall the filter blocks through python3's
// ctypes (Node cannot make raw syscalls; python3 is found on most systems, and is reported missing
// otherwise), and runs strace, unshare and perf where installed. Which syscalls to call, and what
// each should return, comes from running the filter in the emulator for this machine's native ABI;
// only calls the filter answers with an errno are made (so none of them reaches the kernel), with
// arguments that would be harmless even if one did.

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ABIS, ARCHES, type ArchName } from '../arch.js';
import { describeRet } from '../bpf/action.js';
import { decodeProgram } from '../bpf/codec.js';
import { prepare, runProgram, seccompAction } from '../bpf/emulator.js';
import { SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO, SECCOMP_RET_LOG } from '../bpf/opcodes.js';
import { distDir } from '../paths.js';
import { SYSCALL_TABLES } from '../syscalls/index.js';
import { hostArch } from '../runtime/filter.js';
import { findBwrap, sandboxArgs } from '../runtime/bwrap.js';
import type { SeccompFilter } from '../runtime/filter.js';
import { parseArgs } from './run.js';
import { openFilter, resolveRunSettings, SANDBOX_OPTIONS } from './run.js';

interface Probe {
  id: string;
  syscall: string;
  nr: number;
  args: bigint[];
  /** The filter's answer, e.g. "ERRNO(EPERM)". */
  expected: string;
  /** The errno name the call should fail with, when the answer is an errno. */
  expectedErrno?: string;
}

/** Arguments under which each call fails early and changes nothing, even without a filter. */
const ARGS: Record<string, number[]> = {
  ptrace: [16 /* PTRACE_ATTACH */, -1],
  // CLONE_NEWUSER | CLONE_THREAD without CLONE_SIGHAND: EINVAL before anything happens. s390 takes the
  // flags as the second argument, so they go in both.
  clone: [0x10010000, 0x10010000],
  keyctl: [0 /* KEYCTL_GET_KEYRING_ID */, -100],
  add_key: [0, 0, 0, 0, 0],
  request_key: [0, 0, 0, 0],
  bpf: [-1, 0, 0],
  perf_event_open: [0, 0, -1, -1, 0],
  userfaultfd: [-1],
  mount: [0, 0, 0, 0, 0],
  umount: [0],
  umount2: [0, 0x80000000],
  pivot_root: [0, 0],
  chroot: [0],
  unshare: [0],
  setns: [-1, 0],
  clone3: [0, 0],
  init_module: [0, 0, 0],
  finit_module: [-1, 0, 0],
  delete_module: [0, 0],
  kexec_load: [0, 0, 0, 0],
  kexec_file_load: [-1, -1, 0, 0, 0],
  reboot: [0, 0, 0, 0],
  io_uring_setup: [0, 0],
  personality: [0xffffffff /* PER_QUERY */],
};
const DEFAULT_ARGS = [-1, 0, 0, 0, 0, 0];

/** Argument-dependent cases: the name of a constant from the profile language, and where it goes. */
const CONDITIONAL: { id: string; syscall: string; args: (c: (n: string) => bigint, arch: ArchName) => bigint[] }[] = [
  { id: 'ioctl(USERFAULTFD_IOC_NEW)', syscall: 'ioctl', args: (c) => [-1n, c('USERFAULTFD_IOC_NEW')] },
  { id: 'ioctl(TIOCSTI)', syscall: 'ioctl', args: (c) => [-1n, c('TIOCSTI')] },
  { id: 'ioctl(TIOCLINUX)', syscall: 'ioctl', args: (c) => [-1n, c('TIOCLINUX')] },
  { id: 'personality(READ_IMPLIES_EXEC)', syscall: 'personality', args: (c) => [c('READ_IMPLIES_EXEC')] },
];

const u64 = (n: number | bigint) => BigInt.asUintN(64, BigInt(n));
const s64 = (n: bigint) => BigInt.asIntN(64, n);

async function plan(filter: SeccompFilter): Promise<{ probes: Probe[]; killers: Probe[] }> {
  const { constantValue } = await import('../profile/constants.js');
  const arch = filter.arch;
  const abi = ARCHES[arch].abis[0];
  const endian = ARCHES[arch].endian;
  const program = prepare(decodeProgram(filter.bytes, endian));
  const judge = (nr: number, args: bigint[]) =>
    runProgram(program, { nr, arch: ABIS[abi].auditArch, instructionPointer: 0n, args: args.map(u64) }, endian).ret >>> 0;
  const probes: Probe[] = [];
  const killers: Probe[] = [];
  const consider = (id: string, syscall: string, nr: number, args: bigint[]) => {
    const ret = judge(nr, args);
    const action = seccompAction(ret) >>> 0;
    if (action === SECCOMP_RET_ALLOW || action === SECCOMP_RET_LOG) return;
    const p: Probe = { id, syscall, nr, args, expected: describeRet(ret) };
    if (action === SECCOMP_RET_ERRNO) {
      p.expectedErrno = /^ERRNO\((.*)\)$/.exec(p.expected)?.[1];
      probes.push(p);
    } else {
      killers.push(p);
    }
  };
  const table = SYSCALL_TABLES[abi].syscalls;
  for (const [name, nr] of Object.entries(table).sort(([, a], [, b]) => a - b)) {
    consider(name, name, nr, (ARGS[name] ?? DEFAULT_ARGS).map((a) => BigInt(a)));
  }
  const c = (n: string) => constantValue(n, arch) ?? 0n;
  for (const k of CONDITIONAL) {
    const nr = table[k.syscall];
    if (nr === undefined || probes.some((p) => p.syscall === k.syscall && p.id === k.syscall)) continue;
    consider(k.id, k.syscall, nr, k.args(c, arch));
  }
  return { probes, killers };
}

function pythonScript(probes: Probe[]): string {
  const list = probes.map((p) => `(${JSON.stringify(p.id)},${p.nr},[${p.args.map((a) => s64(u64(a)).toString()).join(',')}])`).join(',');
  return [
    'import ctypes, errno',
    'libc = ctypes.CDLL(None, use_errno=True)',
    'libc.syscall.restype = ctypes.c_long',
    `for name, nr, args in [${list}]:`,
    '    ctypes.set_errno(0)',
    '    r = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) for a in args])',
    '    e = ctypes.get_errno()',
    '    print("@probe", name, r, errno.errorcode.get(e, str(e)) if r == -1 else "OK", flush=True)',
  ].join('\n');
}

const TOOLS: { name: string; argv: string[]; about: string }[] = [
  { name: 'strace', argv: ['strace', '-f', '-o', '/dev/null', 'true'], about: 'ptrace' },
  { name: 'unshare', argv: ['unshare', '-U', 'true'], about: 'unshare(CLONE_NEWUSER)' },
  { name: 'perf', argv: ['perf', 'stat', '-e', 'task-clock', '-x,', '-o', '/dev/null', 'true'], about: 'perf_event_open' },
];

const SHELL = `
echo "@status"
grep -E '^(Seccomp|Seccomp_filters|NoNewPrivs):' /proc/self/status
if command -v python3 >/dev/null 2>&1; then
  echo "@python $(command -v python3)"
  python3 -c "$1" 2>&1
  echo "@python-exit $?"
else
  echo "@python-missing"
fi
shift
for t in "$@"; do
  name=\${t%% *}
  if command -v "$name" >/dev/null 2>&1; then
    out=$($t </dev/null 2>&1); rc=$?
    echo "@tool $name $rc"
    printf '%s\\n' "$out" | grep -v '^$' | head -n 2 | sed 's/^/| /'
  else
    echo "@tool-missing $name"
  fi
done
`;

interface Observed {
  status: Map<string, string>;
  python?: string;
  pythonExit?: number;
  results: Map<string, string>;
  tools: Map<string, { rc?: number; lines: string[] }>;
}

function parseOutput(stdout: string): Observed {
  const o: Observed = { status: new Map(), results: new Map(), tools: new Map() };
  let section = '';
  let tool: { rc?: number; lines: string[] } | undefined;
  for (const line of stdout.split('\n')) {
    if (line === '@status') section = 'status';
    else if (line.startsWith('@python ')) o.python = line.slice(8);
    else if (line.startsWith('@python-exit ')) o.pythonExit = Number(line.slice(13));
    else if (line === '@python-missing') o.python = undefined;
    else if (line.startsWith('@probe ')) {
      const [, id, , result] = line.split(' ');
      o.results.set(id, result);
    } else if (line.startsWith('@tool ')) {
      const [, name, rc] = line.split(' ');
      tool = { rc: Number(rc), lines: [] };
      o.tools.set(name, tool);
      section = 'tool';
    } else if (line.startsWith('@tool-missing ')) {
      o.tools.set(line.slice(14), { lines: [] });
      tool = undefined;
    } else if (section === 'status' && /^\w+:/.test(line)) {
      const [k, v] = line.split(/:\s*/);
      o.status.set(k, v);
    } else if (section === 'tool' && tool && line.startsWith('| ')) {
      tool.lines.push(line.slice(2));
    }
  }
  return o;
}

function fmtArgs(args: bigint[]): string {
  return args.map((a) => {
    const v = s64(u64(a));
    return v < 0n || v < 4096n ? v.toString() : `0x${u64(a).toString(16)}`;
  }).join(', ');
}

export async function check(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, SANDBOX_OPTIONS.filter((o) => o.name !== 'help' && o.name !== 'version'), 'check');
  const settings = await resolveRunSettings(parsed.options, parsed.lists);
  const out: string[] = [];
  if (settings.seccompFrom === 'default') {
    settings.seccomp = 'minimal';
    out.push('No seccomp setting in the flags or a config file (the filter is opt-in); checking the minimal preset.');
  }
  const bwrap = findBwrap();
  const arch = hostArch();
  const filter = await openFilter(settings);
  const { probes, killers } = filter ? await plan(filter) : { probes: [], killers: [] };
  const args = [...sandboxArgs({ cwd: settings.cwd, network: settings.network, binds: settings.binds }), ...(filter ? filter.bwrapArgs(3) : [])];
  const toolArgs = TOOLS.map((t) => t.argv.join(' '));
  const argvInside = ['sh', '-c', SHELL, 'sh', pythonScript(probes), ...toolArgs];
  const r = spawnSync(bwrap, [...args, '--', ...argvInside], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe', ...(filter ? [filter.fd] : [])],
    timeout: 120_000,
  });
  filter?.close();

  const where = filter ? `${filter.label}${filter.source.kind === 'preset' ? ` (${filter.file})` : ''}, ${filter.instructions} instructions` : 'off (no filter)';
  out.push(`seccomp: ${where}; arch ${arch}${settings.configFile ? `; config ${settings.configFile}` : ''}`);
  let problems = 0;
  if (filter?.source.kind === 'preset') {
    // Presets are trusted on the start-up path (checked for shape only): here, check them against the manifest.
    const m = manifestSha(filter.arch, filter.source.name);
    const sha = createHash('sha256').update(filter.bytes).digest('hex');
    if (m === undefined) out.push(`  (${filter.arch}/${filter.source.name}.bpf is not listed in ${join(distDir(), 'manifest.json')})`);
    else if (m === sha) out.push(`  its sha256 matches ${join(distDir(), 'manifest.json')}`);
    else {
      problems++;
      out.push(`  its sha256 ${sha} DIFFERS from ${m} in ${join(distDir(), 'manifest.json')}: the shipped file was changed`);
    }
  }
  out.push(`ran: ${bwrap} ${args.join(' ')} -- sh -c <probe script>`);
  if (r.error || r.status !== 0) {
    out.push('', `bwrap failed (${r.error ? r.error.message : `status ${r.status}${r.signal ? `, ${r.signal}` : ''}`}):`, ...r.stderr.trim().split('\n').map((l) => `  ${l}`));
    process.stdout.write(`${out.join('\n')}\n`);
    return 1;
  }
  const o = parseOutput(r.stdout);

  const seccompMode = o.status.get('Seccomp');
  const active = seccompMode === '2';
  out.push('', `Inside the sandbox, /proc/self/status says: ${[...o.status].map(([k, v]) => `${k}: ${v}`).join(', ') || '(nothing)'}`);
  if (filter) {
    out.push(active ? '  → a seccomp filter is active' : '  → NO seccomp filter is active');
    if (!active) problems++;
  } else {
    out.push(active ? '  → a seccomp filter is active (inherited from outside)' : '  → no seccomp filter, as asked');
  }

  if (filter) {
    const abi = ARCHES[arch].abis[0];
    out.push('');
    if (probes.length === 0) {
      out.push(`The filter answers no ${abi} syscall with an errno: nothing to call.`);
    } else if (!o.python) {
      out.push(`${probes.length} ${abi} syscalls are answered with an errno by the filter; python3 is not installed, so they were not called:`);
      out.push(`  ${probes.map((p) => `${p.id} → ${p.expected}`).join(', ')}`);
    } else {
      out.push(`Each syscall the filter answers with an errno on ${abi} (the native ABI), called through ${o.python} (ctypes):`);
      const rows = probes.map((p) => {
        const got = o.results.get(p.id) ?? '(no result)';
        const ok = got === p.expectedErrno;
        if (!ok) problems++;
        return [p.id, `${p.syscall}(${fmtArgs(p.args)})`, p.expected, got, ok ? 'ok' : 'DIFFERENT'];
      });
      out.push(...table(['syscall', 'call', 'filter says', 'got', ''], rows));
      if (o.pythonExit !== 0) {
        problems++;
        out.push(`  python3 exited with status ${o.pythonExit}${o.pythonExit && o.pythonExit > 128 ? ` (signal ${o.pythonExit - 128})` : ''}`);
      }
    }
    if (killers.length) {
      out.push(`Not called (the filter would end the caller): ${killers.map((k) => `${k.id} → ${k.expected}`).join(', ')}`);
    }
  }

  out.push('', 'Tools:');
  const toolRows = TOOLS.map((t) => {
    const res = o.tools.get(t.name);
    const cmd = `$ ${t.argv.join(' ')}`;
    if (!res || res.rc === undefined) return [cmd, t.about, 'not installed', ''];
    return [cmd, t.about, `exit ${res.rc}`, res.lines.join(' ')];
  });
  out.push(...table(['command', 'probes', 'result', 'output'], toolRows));

  out.push('');
  if (!filter) out.push('No filter was loaded.');
  else if (problems === 0) out.push(`Result: the filter is active${probes.length && o.python ? ` and each of the ${probes.length} calls returned what the filter says` : ''}.`);
  else out.push(`Result: ${problems} problem${problems === 1 ? '' : 's'} (see above).`);
  process.stdout.write(`${out.join('\n')}\n`);
  return problems ? 1 : 0;
}

function manifestSha(arch: string, preset: string): string | undefined {
  try {
    const m = JSON.parse(readFileSync(join(distDir(), 'manifest.json'), 'utf8')) as { files?: Record<string, { sha256?: string }> };
    return m.files?.[`${arch}/${preset}.bpf`]?.sha256;
  } catch {
    return undefined;
  }
}

function table(head: string[], rows: string[][]): string[] {
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]))).join('  ')}`.trimEnd();
  return [line(head), ...rows.map(line)];
}
