// The generated per-ABI syscall tables (src/syscalls/<abi>.ts, written by scripts/gen-syscalls.ts):
// expected counts, spot checks, freshness against the reference .tbl files, the generator's error
// handling, and cross-checks against libseccomp and the host's uapi headers.
//
// The libseccomp cross-check needs python3-seccomp (or the `seccomp` package's scmp_sys_resolver);
// the header cross-check needs linux-libc-dev. CI installs both (apt-get install seccomp
// python3-seccomp linux-libc-dev); where they are missing those tests skip and say why.

import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ABI_NAMES, X32_SYSCALL_BIT, type AbiName } from '../src/arch.js';
import { SYSCALL_TABLES, syscallName, syscallNumber } from '../src/syscalls/index.js';
import {
  abiSpecs, buildTable, generate, GenSyscallsError, parseTbl, TBL_FILES, type TblFile,
} from '../scripts/gen-syscalls.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SCRIPT = path.join(ROOT, 'scripts/gen-syscalls.ts');
const TABLE_DIR = path.join(ROOT, 'src/syscalls');
// package.json's gen-syscalls script reads the reference tables from here.
const REF = path.resolve(ROOT, '../shared/reference/linux-syscalls');
const REF_618 = path.join(REF, 'v6.18');
const HAVE_REF_618 = existsSync(path.join(REF_618, 'syscall_64.tbl'));
const HAVE_REF_71 = existsSync(path.join(REF, 'syscall_64.tbl'));
const NO_REF = `reference tables not found at ${REF}`;

function note(msg: string): void {
  console.log(`[syscalls.test] ${msg}`);
}

function runGenerator(args: string[]) {
  const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
  return spawnSync(process.execPath, [tsxCli, SCRIPT, ...args], { encoding: 'utf8', cwd: ROOT });
}

function tmpDir(tag: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `gen-syscalls-${tag}-`));
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(path.join(dir, f), 'latin1')]));
}

const ARM_PRIVATE = { breakpoint: 0xf0001, cacheflush: 0xf0002, usr26: 0xf0003, usr32: 0xf0004, set_tls: 0xf0005, get_tls: 0xf0006 };

// README.md "Deriving each ABI's name→number table", names column. arm is the README's EABI count
// (422 for 6.18, 424 for 7.1) plus the 6 ARM private syscalls, which the generator adds.
const EXPECTED_COUNT_618: Record<AbiName, number> = {
  x86_64: 383, x32: 372, i386: 459, aarch64: 325, arm: 422 + 6, riscv64: 326, ppc64le: 422, s390x: 388, loongarch64: 321,
};
const EXPECTED_COUNT_71: Record<AbiName, number> = {
  x86_64: 385, x32: 374, i386: 461, aarch64: 327, arm: 424 + 6, riscv64: 328, ppc64le: 424, s390x: 390, loongarch64: 324,
};

// README.md "Defined but not implemented" (same names in 6.18 and 7.1).
const GENERIC_NI = 'lookup_dcookie nfsservctl';
const EXPECTED_NOT_IMPLEMENTED: Record<AbiName, string> = {
  x86_64: '_sysctl afs_syscall create_module epoll_ctl_old epoll_wait_old get_kernel_syms get_thread_area getpmsg lookup_dcookie nfsservctl putpmsg query_module security set_thread_area tuxcall uselib vserver',
  x32: 'afs_syscall getpmsg lookup_dcookie putpmsg security tuxcall',
  i386: '_sysctl afs_syscall bdflush break create_module ftime get_kernel_syms getpmsg gtty idle lock lookup_dcookie mpx nfsservctl prof profil putpmsg query_module stty ulimit vserver',
  aarch64: GENERIC_NI,
  riscv64: GENERIC_NI,
  loongarch64: GENERIC_NI,
  arm: '_sysctl bdflush lookup_dcookie nfsservctl vserver',
  ppc64le: '_sysctl afs_syscall bdflush break create_module ftime get_kernel_syms getpmsg getrlimit gtty idle ioperm iopl lock lookup_dcookie map_shadow_stack modify_ldt mpx multiplexer nfsservctl oldfstat oldlstat oldolduname oldstat olduname prof profil putpmsg query_module readdir select sigaction sigpending sigprocmask sigreturn sigsuspend stty sys_debug_setcontext tuxcall ulimit umount vm86',
  s390x: '_sysctl afs_syscall bdflush create_module get_kernel_syms getpmsg idle lookup_dcookie nfsservctl putpmsg query_module readdir timerfd',
};

// README.md, v6.18 file table.
const SHA256_618: Record<string, string> = {
  'syscall_64.tbl': 'ae37c49896f869681c077b14a4722b7ea3909c1906de31a2e273eacdd496102b',
  'syscall_32.tbl': 'a3dc4002329bb8624cdaeedfad27b4d337ecd0a810e5710da1ff8cdcc52cd141',
  'arm-syscall.tbl': '16ab1a2c7a83e57ff1643470875f0df870dff1308ccc5784097fa4733908600e',
  'generic-syscall.tbl': '2839dcf1306798792f4678264d41d3bb2c618eb33504c3b7274704d0a57ab20c',
  'powerpc-syscall.tbl': 'c9908a65f86188aaf0b7e0271394dcc628ddd58e6a4b1497a406a12bf62ebf68',
  's390-syscall.tbl': 'a4056bdba606680e8cf49391eefc5ccc04d0dbf26d945879b504e3b12b056b3a',
};

// README.md "Syscalls by recent addition": on all nine ABIs with these numbers (x32 with bit 30).
const RECENT_618 = {
  cachestat: 451, fchmodat2: 452, map_shadow_stack: 453, futex_wake: 454, futex_wait: 455, futex_requeue: 456,
  statmount: 457, listmount: 458, lsm_get_self_attr: 459, lsm_set_self_attr: 460, lsm_list_modules: 461,
  mseal: 462, setxattrat: 463, getxattrat: 464, listxattrat: 465, removexattrat: 466, open_tree_attr: 467,
  file_getattr: 468, file_setattr: 469,
};

describe('generated syscall tables (Linux 6.18)', () => {
  it('cover exactly the ABIs of src/arch.ts, all from 6.18', () => {
    expect(Object.keys(SYSCALL_TABLES).sort()).toEqual([...ABI_NAMES].sort());
    for (const abi of ABI_NAMES) {
      const t = SYSCALL_TABLES[abi];
      expect(t.abi).toBe(abi);
      expect(t.kernel).toBe('6.18');
      expect(t.sources).toHaveLength(1);
      expect(t.sources[0].sha256).toBe(SHA256_618[t.sources[0].file]);
    }
  });

  it.each(ABI_NAMES.map((abi) => [abi, EXPECTED_COUNT_618[abi]] as const))(
    '%s has %i names (README 6.18 column; arm includes the 6 ARM private calls)',
    (abi, count) => {
      expect(Object.keys(SYSCALL_TABLES[abi].syscalls)).toHaveLength(count);
    },
  );

  it.each(ABI_NAMES)('%s: numbers are unique, carry the offset, and ascend in file order', (abi) => {
    const t = SYSCALL_TABLES[abi];
    const nrs = Object.values(t.syscalls);
    expect(new Set(nrs).size).toBe(nrs.length);
    for (let i = 1; i < nrs.length; i++) expect(nrs[i]).toBeGreaterThan(nrs[i - 1]);
    for (const nr of nrs) {
      expect(Number.isInteger(nr)).toBe(true);
      if (abi === 'x32') expect(nr & X32_SYSCALL_BIT).toBe(X32_SYSCALL_BIT);
      else expect(nr).toBeLessThan(0x100000);
    }
    expect(t.offset).toBe(abi === 'x32' ? X32_SYSCALL_BIT : 0);
    for (const [name, nr] of Object.entries(t.syscalls)) expect(syscallName(abi, nr)).toBe(name);
  });

  it.each(ABI_NAMES)('%s: not-implemented names are as in the README', (abi) => {
    const t = SYSCALL_TABLES[abi];
    expect([...t.notImplemented].sort()).toEqual(EXPECTED_NOT_IMPLEMENTED[abi].split(' ').sort());
    for (const name of t.notImplemented) expect(t.syscalls[name]).toBeTypeOf('number');
  });

  it('spot checks', () => {
    const n = syscallNumber;
    expect(n('x86_64', 'read')).toBe(0);
    expect(n('x86_64', 'ptrace')).toBe(101);
    expect(n('x86_64', 'clone3')).toBe(435);
    expect(n('x86_64', 'open_tree_attr')).toBe(467);
    expect(n('x86_64', 'file_setattr')).toBe(469);
    expect(Math.max(...Object.values(SYSCALL_TABLES.x86_64.syscalls))).toBe(469);
    expect(n('x32', 'read')).toBe(0x40000000);
    expect(n('x32', 'rt_sigaction')).toBe(0x40000000 + 512);
    expect(n('x32', 'execve')).toBe(0x40000000 + 520);
    expect(n('x32', 'uselib')).toBeUndefined(); // 64-only
    expect(n('i386', 'socketcall')).toBe(102);
    expect(n('i386', 'socket')).toBe(359);
    expect(n('s390x', 'clone')).toBe(120);
    expect(n('s390x', 'socketcall')).toBe(102);
    expect(n('aarch64', 'open')).toBeUndefined();
    expect(n('aarch64', 'openat')).toBe(56);
    expect(n('aarch64', 'renameat')).toBe(38);
    expect(n('riscv64', 'renameat')).toBeUndefined();
    expect(n('riscv64', 'riscv_flush_icache')).toBe(259);
    expect(n('riscv64', 'riscv_hwprobe')).toBe(258);
    expect(n('aarch64', 'riscv_flush_icache')).toBeUndefined();
    expect(n('loongarch64', 'memfd_secret')).toBeUndefined(); // 6.18; 7.x adds it
    expect(n('loongarch64', 'getrlimit')).toBeUndefined();
    expect(n('aarch64', 'getrlimit')).toBe(163);
    expect(n('riscv64', 'setrlimit')).toBe(164);
    expect(n('aarch64', 'memfd_secret')).toBe(447);
    expect(n('riscv64', 'memfd_secret')).toBe(447);
    expect(n('arm', 'memfd_secret')).toBeUndefined();
    expect(n('ppc64le', 'memfd_secret')).toBeUndefined();
    expect(n('ppc64le', 'spu_run')).toBe(278);
    expect(n('ppc64le', 'sys_debug_setcontext')).toBe(256);
    expect(n('arm', 'arm_sync_file_range')).toBe(341);
    expect(n('arm', 'time')).toBeUndefined(); // oabi only
    for (const [name, nr] of Object.entries(ARM_PRIVATE)) expect(n('arm', name)).toBe(nr);
    for (const abi of ABI_NAMES) {
      const uprobes = abi === 'x86_64' || abi === 'x32';
      expect(n(abi, 'uretprobe') !== undefined, `${abi} uretprobe`).toBe(uprobes);
      expect(n(abi, 'uprobe') !== undefined, `${abi} uprobe`).toBe(uprobes);
    }
    expect(n('x86_64', 'uretprobe')).toBe(335);
    expect(n('x86_64', 'uprobe')).toBe(336);
  });

  it.each(ABI_NAMES)('%s has the recent syscalls 451..469 at the common numbers', (abi) => {
    const off = abi === 'x32' ? X32_SYSCALL_BIT : 0;
    for (const [name, nr] of Object.entries(RECENT_618)) expect(syscallNumber(abi, name), name).toBe(nr + off);
    expect(syscallNumber(abi, 'listns')).toBeUndefined(); // 7.1
  });
});

describe('scripts/gen-syscalls.ts', () => {
  it.skipIf(!HAVE_REF_618)(`regenerating from the 6.18 reference gives the committed files byte for byte${HAVE_REF_618 ? '' : ` (skipped: ${NO_REF})`}`, () => {
    const out = tmpDir('regen');
    try {
      const r = runGenerator([REF_618, '6.18', '--out', out]);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      const files = readdirSync(out).sort();
      expect(files).toEqual(ABI_NAMES.map((a) => `${a}.ts`).sort()); // no temp files left
      for (const f of files) {
        expect(readFileSync(path.join(out, f), 'latin1'), `src/syscalls/${f} is stale: run npm run gen-syscalls`)
          .toBe(readFileSync(path.join(TABLE_DIR, f), 'latin1'));
      }
      // And a second, in-process run renders the same bytes.
      for (const [abi, g] of generate(REF_618, '6.18')) expect(g.text).toBe(readFileSync(path.join(out, `${abi}.ts`), 'utf8'));
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it.skipIf(!HAVE_REF_618)(`a malformed row fails naming file and line, and writes nothing${HAVE_REF_618 ? '' : ` (skipped: ${NO_REF})`}`, () => {
    const src = tmpDir('bad-src');
    const out = tmpDir('bad-out');
    try {
      // Copy file by file: the reference files are read-only and the copies must be writable.
      for (const f of readdirSync(REF_618)) writeFileSync(path.join(src, f), readFileSync(path.join(REF_618, f)));
      const tbl = path.join(src, 'syscall_64.tbl');
      const lines = readFileSync(tbl, 'utf8').split('\n');
      const lineNo = lines.findIndex((l) => /^101\s+64\s+ptrace\b/.test(l)) + 1;
      expect(lineNo).toBeGreaterThan(0);
      lines[lineNo - 1] = lines[lineNo - 1].replace(/^101/, '1O1');
      writeFileSync(tbl, lines.join('\n'));
      // An existing, older table in the output dir must survive untouched.
      writeFileSync(path.join(out, 'x86_64.ts'), '// previous contents\n');
      const before = snapshot(out);
      const r = runGenerator([src, '6.18', '--out', out]);
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain(`${tbl}:${lineNo}:`);
      expect(r.stderr).toMatch(/not a decimal integer/);
      expect(snapshot(out)).toEqual(before);

      // A file missing entirely is an error too, again without output.
      rmSync(path.join(src, 's390-syscall.tbl'));
      writeFileSync(tbl, readFileSync(path.join(REF_618, 'syscall_64.tbl')));
      const r2 = runGenerator([src, '6.18', '--out', out]);
      expect(r2.status).not.toBe(0);
      expect(r2.stderr).toContain('s390-syscall.tbl');
      expect(snapshot(out)).toEqual(before);
    } finally {
      rmSync(src, { recursive: true, force: true });
      rmSync(out, { recursive: true, force: true });
    }
  });

  it('rejects malformed rows, naming file and line', () => {
    const tags = TBL_FILES['syscall_64.tbl'];
    const bad = (text: string) => () => parseTbl(text, 'x.tbl', tags);
    expect(bad('# c\n0\tcommon\tread\tsys_read\n1\tcommon\n')).toThrow(/^x\.tbl:3: malformed row/);
    expect(bad('0 common read sys_read\n-1 common write sys_write\n')).toThrow(/^x\.tbl:2: .*not a decimal integer/);
    expect(bad('0\tcommon\tread\tsys_read\n\n1 weird write sys_write\n')).toThrow(/^x\.tbl:3: unknown ABI tag 'weird'/);
    expect(bad('0\tcommon\tre-ad\tsys_read\n')).toThrow(/^x\.tbl:1: .*not a valid syscall name/);
    expect(bad('0\tcommon\t__proto__\tsys_read\n')).toThrow(GenSyscallsError);
    expect(bad('0 common read a b c d\n')).toThrow(/^x\.tbl:1: .*at most 6/);
    // Mixed tabs and spaces, comments, blank lines and trailing blanks are fine.
    const rows = parseTbl('# hdr\n\n0 \t common\tread   sys_read \n1\tcommon\twrite\n', 'x.tbl', tags);
    expect(rows).toEqual([
      { line: 3, nr: 0, abi: 'common', name: 'read', entry: 'sys_read' },
      { line: 4, nr: 1, abi: 'common', name: 'write', entry: undefined },
    ]);
  });

  it("enforces the kernel's invariants on the selected rows only", () => {
    const spec = abiSpecs('6.18').find((s) => s.abi === 'x86_64')!;
    const tbl = (text: string): TblFile => ({ file: 'syscall_64.tbl', sha256: '0', rows: parseTbl(text, 't.tbl', TBL_FILES['syscall_64.tbl']) });
    const build = (text: string) => () => buildTable(spec, tbl(text), '6.18', 't.tbl');
    expect(build('1 common a sys_a\n0 common b sys_b\n')).toThrow(/^t\.tbl:2: .*not in ascending order/);
    expect(build('0 common a sys_a\n0 64 b sys_b\n')).toThrow(/^t\.tbl:2: .*number 0 selected twice/);
    expect(build('0 common a sys_a\n1 64 a sys_a\n')).toThrow(/^t\.tbl:2: .*name 'a' selected twice/);
    expect(build('0 x32 a sys_a\n')).toThrow(/no rows carry/);
    // Rows of other ABIs are outside the invariant (as x32's 512.. rows sit among 64's).
    const ok = buildTable(spec, tbl('0 common a sys_a\n5 x32 b\n1 64 b sys_ni_syscall\n2 64 c -\n3 64 d\n'), '6.18', 't.tbl');
    expect(ok.syscalls).toEqual([['a', 0], ['b', 1], ['c', 2], ['d', 3]]);
    expect(ok.notImplemented).toEqual(['b', 'c', 'd']);
  });

  it('takes tag sets as a function of the kernel version', () => {
    const tags = (k: string, abi: AbiName) => abiSpecs(k).find((s) => s.abi === abi)!.tags;
    expect(tags('6.18', 'loongarch64')).toEqual(['common', '64']);
    expect(tags('6.18.35', 'loongarch64')).toEqual(['common', '64']);
    expect(tags('7.1', 'loongarch64')).toEqual(['common', '64', 'memfd_secret']);
    expect(tags('6.18', 's390x')).toEqual(['common', '64']);
    expect(() => abiSpecs('6.19')).toThrow(/no ABI tag sets recorded/);
    expect(() => abiSpecs('v6.18')).toThrow(/MAJOR\.MINOR/);
  });

  it.skipIf(!HAVE_REF_618 || !HAVE_REF_71)(`the 7.1 reference gives the README's 7.1 counts${HAVE_REF_71 ? '' : ` (skipped: ${NO_REF})`}`, () => {
    const g71 = generate(REF, '7.1');
    for (const abi of ABI_NAMES) {
      const t = g71.get(abi)!.table;
      expect(t.syscalls.length, abi).toBe(EXPECTED_COUNT_71[abi]);
      expect([...t.notImplemented].sort(), abi).toEqual(EXPECTED_NOT_IMPLEMENTED[abi].split(' ').sort());
      const m = new Map(t.syscalls);
      const off = abi === 'x32' ? X32_SYSCALL_BIT : 0;
      expect(m.get('listns'), abi).toBe(470 + off);
      expect(m.get('rseq_slice_yield'), abi).toBe(471 + off);
      // Every 6.18 name keeps its number in 7.1 (s390's table was rewritten but kept its numbers).
      for (const [name, nr] of Object.entries(SYSCALL_TABLES[abi].syscalls)) expect(m.get(name), `${abi} ${name}`).toBe(nr);
    }
    expect(new Map(g71.get('loongarch64')!.table.syscalls).get('memfd_secret')).toBe(447);
  });
});

// ---- libseccomp cross-check ----------------------------------------------------------------

const LIBSECCOMP_ARCH: Record<AbiName, { py: string; cli: string }> = {
  x86_64: { py: 'X86_64', cli: 'x86_64' },
  x32: { py: 'X32', cli: 'x32' },
  i386: { py: 'X86', cli: 'x86' },
  aarch64: { py: 'AARCH64', cli: 'aarch64' },
  arm: { py: 'ARM', cli: 'arm' },
  riscv64: { py: 'RISCV64', cli: 'riscv64' },
  ppc64le: { py: 'PPC64LE', cli: 'ppc64le' },
  s390x: { py: 'S390X', cli: 's390x' },
  loongarch64: { py: 'LOONGARCH64', cli: 'loongarch64' },
};

// One python3 process per ABI: names on stdin, "name number" on stdout. Exit 3: arch unknown to this libseccomp.
const PY_RESOLVE = `
import sys, seccomp
arch = getattr(seccomp.Arch, sys.argv[1], None)
if arch is None:
    sys.exit(3)
for line in sys.stdin:
    name = line.strip()
    if name:
        print(name, seccomp.resolve_syscall(arch, name))
`;
const PY_ARCHES = `
import sys, seccomp
print(' '.join(t for t in sys.argv[1:] if hasattr(seccomp.Arch, t)))
`;

type Resolver = { kind: string; supports: (abi: AbiName) => boolean; resolve: (abi: AbiName, names: string[]) => Map<string, number> };

function findResolver(): Resolver | string {
  // SYSCALLS_TEST_RESOLVER=cli forces the scmp_sys_resolver path (one process per name: slower).
  const pythons = process.env.SYSCALLS_TEST_RESOLVER === 'cli' ? [] : ['/usr/bin/python3', 'python3'];
  for (const py of pythons) {
    const probe = spawnSync(py, ['-c', PY_ARCHES, ...ABI_NAMES.map((a) => LIBSECCOMP_ARCH[a].py)], { encoding: 'utf8' });
    if (probe.status !== 0) continue;
    const tokens = new Set(probe.stdout.trim().split(/\s+/));
    return {
      kind: `${py} seccomp module`,
      supports: (abi) => tokens.has(LIBSECCOMP_ARCH[abi].py),
      resolve: (abi, names) => {
        const r = spawnSync(py, ['-c', PY_RESOLVE, LIBSECCOMP_ARCH[abi].py], { input: names.join('\n') + '\n', encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`${py} resolve for ${abi} failed (${r.status}): ${r.stderr}`);
        return new Map(r.stdout.trim().split('\n').map((l) => {
          const [name, nr] = l.split(' ');
          return [name, Number(nr)] as const;
        }));
      },
    };
  }
  const cli = '/usr/bin/scmp_sys_resolver';
  if (existsSync(cli)) {
    const cliArgs = (abi: AbiName, name: string) => ['-a', LIBSECCOMP_ARCH[abi].cli, name];
    const run = (abi: AbiName, name: string) => spawnSync(cli, cliArgs(abi, name), { encoding: 'utf8' });
    const supported = new Set(ABI_NAMES.filter((abi) => {
      const r = run(abi, 'read');
      return r.status === 0 && /^-?\d+$/.test(r.stdout.trim());
    }));
    return {
      kind: cli,
      supports: (abi) => supported.has(abi),
      resolve: (abi, names) => new Map(names.map((name) => {
        const r = run(abi, name);
        const text = r.stdout.trim();
        if (r.status !== 0 || !/^-?\d+$/.test(text)) throw new Error(`${cli} ${cliArgs(abi, name).join(' ')}: ${r.status} ${r.stderr}`);
        return [name, Number(text)] as const;
      })),
    };
  }
  return 'neither python3 with the seccomp module (python3-seccomp) nor /usr/bin/scmp_sys_resolver (seccomp) is installed';
}

// Names the kernel multiplexes through socketcall(2)/ipc(2) on i386, ppc and s390. python3-seccomp's
// resolve_syscall() uses seccomp_syscall_resolve_name_rewrite(), which maps them to the multiplexer's
// number there; scmp_sys_resolver gives a negative pseudo-number. Neither is a direct-call number, so
// these names are not compared (when the arch has the multiplexer).
const SOCKETCALL_NAMES = new Set('socket bind connect listen accept accept4 getsockname getpeername socketpair send sendto recv recvfrom shutdown setsockopt getsockopt sendmsg recvmsg recvmmsg sendmmsg'.split(' '));
const IPC_NAMES = new Set('semop semget semctl semtimedop shmat shmdt shmget shmctl msgsnd msgrcv msgget msgctl'.split(' '));

const resolver = findResolver();
if (typeof resolver === 'string') note(`libseccomp cross-check skipped: ${resolver}`);

describe('cross-check against libseccomp', () => {
  for (const abi of ABI_NAMES) {
    const reason = typeof resolver === 'string'
      ? resolver
      : resolver.supports(abi) ? undefined : `this libseccomp (${resolver.kind}) does not know the ${abi} arch`;
    if (reason && typeof resolver !== 'string') note(`${abi}: libseccomp cross-check skipped: ${reason}`);
    it.skipIf(reason !== undefined)(`${abi}: every name libseccomp knows has our number${reason ? ` (skipped: ${reason})` : ''}`, () => {
      const r = resolver as Resolver;
      const table = SYSCALL_TABLES[abi].syscalls;
      const names = Object.keys(table);
      const theirs = r.resolve(abi, names);
      const unknown: string[] = [];
      const multiplexed: string[] = [];
      const mismatches: string[] = [];
      for (const name of names) {
        const nr = theirs.get(name);
        if (nr === undefined || !Number.isInteger(nr)) {
          mismatches.push(`${name}: no answer`);
          continue;
        }
        if (nr === table[name]) continue;
        const via = SOCKETCALL_NAMES.has(name) ? 'socketcall' : IPC_NAMES.has(name) ? 'ipc' : undefined;
        if (via && table[via] !== undefined && (nr < 0 || nr === table[via])) multiplexed.push(name);
        else if (nr < 0) unknown.push(name); // libseccomp lacks it for this arch (newer than libseccomp; negative pseudo-number)
        else mismatches.push(`${name}: ours ${table[name]}, libseccomp ${nr}`);
      }
      note(`${abi} vs ${r.kind}: ${names.length - unknown.length - multiplexed.length} agree; ` +
        `${unknown.length} unknown to libseccomp${unknown.length ? ` (${unknown.join(' ')})` : ''}` +
        `${multiplexed.length ? `; ${multiplexed.length} resolved to socketcall/ipc` : ''}`);
      expect(mismatches).toEqual([]);
      // Guard against a resolver that answers "unknown" to everything.
      expect(unknown.length).toBeLessThan(names.length * 0.1);
      expect(theirs.get('read')).toBe(table.read);
    });
  }
});

// ---- host uapi header cross-check (x86 only) -------------------------------------------------

const HEADER_DIR = '/usr/include/x86_64-linux-gnu/asm';
const HEADERS: Partial<Record<AbiName, string>> = { x86_64: 'unistd_64.h', i386: 'unistd_32.h', x32: 'unistd_x32.h' };
// Added after the host headers' kernel into holes below their highest number (x86 syscall_64.tbl 335/336).
const BACKFILLED = new Set(['uretprobe', 'uprobe']);
// x32's own legacy range (arch/x86/entry/syscalls/syscall_64.tbl): not where new syscalls go.
const X32_LEGACY = { first: 512, last: 547 };

function parseUnistd(file: string, offset: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^#define\s+__NR_(\w+)\s+(.*?)\s*$/.exec(line);
    if (!m) continue;
    const plain = /^(\d+)$/.exec(m[2]);
    const x32 = /^\(__X32_SYSCALL_BIT \+ (\d+)\)$/.exec(m[2]);
    if (plain && offset === 0) out.set(m[1], Number(plain[1]));
    else if (x32 && offset !== 0) out.set(m[1], offset + Number(x32[1]));
    else throw new Error(`${file}: unexpected definition: ${line}`);
  }
  return out;
}

describe('cross-check against the host uapi headers', () => {
  for (const abi of ['x86_64', 'i386', 'x32'] as const) {
    const file = path.join(HEADER_DIR, HEADERS[abi]!);
    const reason = existsSync(file) ? undefined : `${file} not found (install linux-libc-dev)`;
    if (reason) note(`${abi}: header cross-check skipped: ${reason}`);
    it.skipIf(reason !== undefined)(`${abi} agrees with ${file}${reason ? ` (skipped: ${reason})` : ''}`, () => {
      const t = SYSCALL_TABLES[abi];
      const header = parseUnistd(file, t.offset);
      expect(header.size).toBeGreaterThan(300);
      const differing: string[] = [];
      for (const [name, nr] of header) if (t.syscalls[name] !== nr) differing.push(`${name}: header ${nr}, ours ${t.syscalls[name]}`);
      expect(differing).toEqual([]);
      // Names only we have must be newer than the header: numbered above its highest number (outside
      // x32's legacy range), or known backfills, and never on a number the header gives another name.
      const base = (nr: number) => nr - t.offset;
      const headerNrs = new Set(header.values());
      const headerMax = Math.max(...[...header.values()].map(base).filter((n) => abi !== 'x32' || n < X32_LEGACY.first));
      const newer = Object.entries(t.syscalls).filter(([name]) => !header.has(name));
      const bad = newer.filter(([name, nr]) => headerNrs.has(nr) || !(base(nr) > headerMax || BACKFILLED.has(name)));
      expect(bad).toEqual([]);
      note(`${abi} vs ${HEADERS[abi]}: ${header.size} header names agree; ${newer.length} newer than the header (max ${headerMax}): ${newer.map(([n]) => n).join(' ')}`);
    });
  }
});
