// Generates src/syscalls/<abi>.ts, one name→number table per syscall ABI, from the kernel's own
// syscall .tbl files (see /work/shared/reference/linux-syscalls/README.md and abi-selection.txt).
//
// Usage: tsx scripts/gen-syscalls.ts <dir-of-tbl-files> <kernel-version> [--out <dir>]
//
// The selection rule is the one scripts/syscallhdr.sh applies: every non-comment row whose <abi>
// field is one of the ABI's tags defines __NR_<name> = <offset> + <number>, implemented or not.
// The kernel's own invariants are checked (selected rows strictly ascending, each name and each
// number at most once per ABI) and any violation, like any malformed row, aborts the run naming
// the file and line. Output is deterministic and written all-or-nothing: every file is rendered
// and written to a temporary name first, then renamed into place.

import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, renameSync, rmSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AbiName } from '../src/arch.js';
import { ABI_NAMES, X32_SYSCALL_BIT } from '../src/arch.js';

export class GenSyscallsError extends Error {
  override name = 'GenSyscallsError';
}

/** One non-comment row of a .tbl file. */
export interface TblRow {
  /** 1-based line number in the file. */
  line: number;
  nr: number;
  abi: string;
  name: string;
  /** The native entry point column, if present. */
  entry: string | undefined;
}

export interface TblFile {
  /** File name as listed in the output's provenance (basename). */
  file: string;
  sha256: string;
  rows: TblRow[];
}

/** The .tbl files this generator reads, and the ABI tags each may contain (any other tag is an error). */
export const TBL_FILES = {
  'syscall_64.tbl': ['common', '64', 'x32'],
  'syscall_32.tbl': ['i386'],
  'arm-syscall.tbl': ['common', 'oabi', 'eabi'],
  'generic-syscall.tbl': [
    'common', '32', '64', 'time32', 'stat64', 'renameat', 'rlimit', 'memfd_secret',
    'riscv', 'arc', 'csky', 'nios2', 'or1k',
  ],
  'powerpc-syscall.tbl': ['common', '32', '64', 'nospu', 'spu'],
  // 6.18 has common/32/64 rows; from 7.x every row is common.
  's390-syscall.tbl': ['common', '32', '64'],
} as const satisfies Record<string, readonly string[]>;
export type TblFileName = keyof typeof TBL_FILES;

export interface AbiSpec {
  abi: AbiName;
  file: TblFileName;
  tags: readonly string[];
  offset: number;
  /** Numbers defined outside the .tbl (uapi header), added after the table's own rows. */
  extra: readonly { name: string; nr: number }[];
}

/** arch/arm/include/uapi/asm/unistd.h: __ARM_NR_BASE = __NR_SYSCALL_BASE + 0x0f0000 (EABI base 0). */
const ARM_NR_BASE = 0x0f0000;
const ARM_PRIVATE = ['breakpoint', 'cacheflush', 'usr26', 'usr32', 'set_tls', 'get_tls'] as const;

export function parseKernelVersion(v: string): [number, number] {
  const m = /^(\d+)\.(\d+)(?:\.\d+)?$/.exec(v);
  if (!m) throw new GenSyscallsError(`kernel version '${v}' is not of the form MAJOR.MINOR[.PATCH]`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * The tag sets of each ABI for a kernel release (abi-selection.txt). Only releases whose build
 * files were read are accepted: 6.18 and 7.0 onwards. The only difference between them is
 * loongarch64, whose arch/loongarch/kernel/Makefile.syscalls adds memfd_secret in 7.x.
 */
export function abiSpecs(kernel: string): AbiSpec[] {
  const [major, minor] = parseKernelVersion(kernel);
  const is618 = major === 6 && minor === 18;
  const is7plus = major >= 7;
  if (!is618 && !is7plus) {
    throw new GenSyscallsError(
      `no ABI tag sets recorded for Linux ${kernel}: only 6.18 and 7.0+ are known ` +
        `(loongarch64 gained memfd_secret between them; check arch/*/kernel/Makefile.syscalls and add the version)`,
    );
  }
  const specs: AbiSpec[] = [
    { abi: 'x86_64', file: 'syscall_64.tbl', tags: ['common', '64'], offset: 0, extra: [] },
    { abi: 'x32', file: 'syscall_64.tbl', tags: ['common', 'x32'], offset: X32_SYSCALL_BIT, extra: [] },
    { abi: 'i386', file: 'syscall_32.tbl', tags: ['i386'], offset: 0, extra: [] },
    {
      abi: 'aarch64', file: 'generic-syscall.tbl',
      tags: ['common', '64', 'renameat', 'rlimit', 'memfd_secret'], offset: 0, extra: [],
    },
    {
      abi: 'arm', file: 'arm-syscall.tbl', tags: ['common', 'eabi'], offset: 0,
      extra: ARM_PRIVATE.map((name, i) => ({ name, nr: ARM_NR_BASE + i + 1 })),
    },
    {
      abi: 'riscv64', file: 'generic-syscall.tbl',
      tags: ['common', '64', 'riscv', 'rlimit', 'memfd_secret'], offset: 0, extra: [],
    },
    { abi: 'ppc64le', file: 'powerpc-syscall.tbl', tags: ['common', 'nospu', '64'], offset: 0, extra: [] },
    // arch/s390/kernel/syscalls/Makefile selects common,64 in both releases (7.x rows are all common).
    { abi: 's390x', file: 's390-syscall.tbl', tags: ['common', '64'], offset: 0, extra: [] },
    {
      abi: 'loongarch64', file: 'generic-syscall.tbl',
      tags: is7plus ? ['common', '64', 'memfd_secret'] : ['common', '64'], offset: 0, extra: [],
    },
  ];
  const order = specs.map((s) => s.abi).join(',');
  if (order !== ABI_NAMES.join(',')) throw new Error(`internal: ABI list ${order} differs from ABI_NAMES`);
  return specs;
}

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NUMBER_RE = /^[0-9]+$/;

/** Parses one .tbl file's text. `where` names the file in error messages. */
export function parseTbl(text: string, where: string, knownTags: readonly string[]): TblRow[] {
  const rows: TblRow[] = [];
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = i + 1;
    const fail = (msg: string): never => {
      throw new GenSyscallsError(`${where}:${line}: ${msg}: ${JSON.stringify(raw)}`);
    };
    const trimmed = raw.replace(/^[ \t]+|[ \t]+$/g, '');
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const fields = trimmed.split(/[ \t]+/);
    if (fields.length < 3) fail(`malformed row: expected '<number> <abi> <name> [<entry> ...]', got ${fields.length} field(s)`);
    if (fields.length > 6) fail(`malformed row: ${fields.length} fields, at most 6 expected`);
    const [nrText, abi, name, entry] = fields;
    if (!NUMBER_RE.test(nrText)) fail(`malformed row: syscall number '${nrText}' is not a decimal integer`);
    const nr = Number(nrText);
    if (!Number.isSafeInteger(nr) || nr > 0xfffff) fail(`malformed row: syscall number ${nrText} out of range`);
    if (!knownTags.includes(abi)) {
      fail(`unknown ABI tag '${abi}' (known for this file: ${knownTags.join(', ')}; update TBL_FILES and the tag sets)`);
    }
    if (!NAME_RE.test(name) || name === '__proto__') fail(`malformed row: '${name}' is not a valid syscall name`);
    rows.push({ line, nr, abi, name, entry });
  });
  return rows;
}

export function readTbl(dir: string, file: TblFileName): TblFile {
  const full = path.join(dir, file);
  let bytes: Buffer;
  try {
    bytes = readFileSync(full);
  } catch (e) {
    throw new GenSyscallsError(`cannot read ${full}: ${(e as Error).message}`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { file, sha256, rows: parseTbl(bytes.toString('utf8'), full, TBL_FILES[file]) };
}

export interface BuiltTable {
  abi: AbiName;
  kernel: string;
  sources: { file: string; sha256: string }[];
  tags: string[];
  offset: number;
  /** [name, number] sorted by number. */
  syscalls: [string, number][];
  /** Sorted by number. */
  notImplemented: string[];
  /** Names added from outside the .tbl (ARM private calls). */
  extra: string[];
}

function isNotImplemented(entry: string | undefined): boolean {
  return entry === undefined || entry === '-' || entry === 'sys_ni_syscall';
}

/** Selects one ABI's rows, checking the kernel's invariants. `where` names the file in errors. */
export function buildTable(spec: AbiSpec, tbl: TblFile, kernel: string, where: string): BuiltTable {
  const byName = new Map<string, TblRow>();
  const byNr = new Map<number, TblRow>();
  const syscalls: [string, number][] = [];
  const notImplemented: string[] = [];
  let prev: TblRow | undefined;
  for (const row of tbl.rows) {
    if (!spec.tags.includes(row.abi)) continue;
    const at = `${where}:${row.line}: ABI ${spec.abi} (tags ${spec.tags.join(',')})`;
    const dupNr = byNr.get(row.nr);
    if (dupNr) {
      throw new GenSyscallsError(`${at}: number ${row.nr} selected twice ('${dupNr.name}' at line ${dupNr.line} and '${row.name}')`);
    }
    if (prev && row.nr < prev.nr) {
      throw new GenSyscallsError(`${at}: rows not in ascending order (${row.nr} '${row.name}' after ${prev.nr} '${prev.name}' at line ${prev.line})`);
    }
    const dupName = byName.get(row.name);
    if (dupName) {
      throw new GenSyscallsError(`${at}: name '${row.name}' selected twice (numbers ${dupName.nr} at line ${dupName.line} and ${row.nr})`);
    }
    byName.set(row.name, row);
    byNr.set(row.nr, row);
    prev = row;
    syscalls.push([row.name, row.nr + spec.offset]);
    if (isNotImplemented(row.entry)) notImplemented.push(row.name);
  }
  if (syscalls.length === 0) {
    throw new GenSyscallsError(`${where}: ABI ${spec.abi}: no rows carry any of the tags ${spec.tags.join(',')}`);
  }
  const last = syscalls[syscalls.length - 1][1];
  for (const x of spec.extra) {
    const nr = x.nr + spec.offset;
    if (byName.has(x.name)) throw new GenSyscallsError(`${where}: ABI ${spec.abi}: private syscall '${x.name}' also in the table`);
    if (nr <= last) throw new GenSyscallsError(`${where}: ABI ${spec.abi}: private syscall '${x.name}' (${nr}) not above the table's numbers`);
    syscalls.push([x.name, nr]);
  }
  return {
    abi: spec.abi,
    kernel,
    sources: [{ file: tbl.file, sha256: tbl.sha256 }],
    tags: [...spec.tags],
    offset: spec.offset,
    syscalls,
    notImplemented,
    extra: spec.extra.map((x) => x.name),
  };
}

function hex(n: number): string {
  return n === 0 ? '0' : `0x${n.toString(16)}`;
}

/** The TypeScript source of one table. Deterministic: depends only on the table. */
export function renderTable(t: BuiltTable): string {
  const src = t.sources.map((s) => `${s.file} (sha256 ${s.sha256})`).join(', ');
  const out: string[] = [];
  out.push(`// Generated by scripts/gen-syscalls.ts from Linux ${t.kernel} ${src}. Do not edit.`);
  if (t.extra.length > 0) {
    out.push(`// Also the ARM private syscalls ${t.extra.join(', ')} (__ARM_NR_BASE + 1..${t.extra.length},`);
    out.push('// arch/arm/include/uapi/asm/unistd.h), which are not in the .tbl.');
  }
  out.push("import type { SyscallTable } from './types.js';");
  out.push('');
  out.push('const table: SyscallTable = {');
  out.push(`  abi: '${t.abi}',`);
  out.push(`  kernel: '${t.kernel}',`);
  out.push(`  sources: [${t.sources.map((s) => `{ file: '${s.file}', sha256: '${s.sha256}' }`).join(', ')}],`);
  out.push(`  tags: [${t.tags.map((x) => `'${x}'`).join(', ')}],`);
  out.push(`  offset: ${hex(t.offset)},`);
  out.push('  syscalls: {');
  for (const [name, nr] of t.syscalls) {
    // x32 numbers are written like the uapi header's (__X32_SYSCALL_BIT + n); the ARM private calls in hex.
    const value = t.offset !== 0 ? `${hex(t.offset)} + ${nr - t.offset}` : t.extra.includes(name) ? hex(nr) : String(nr);
    out.push(`    ${name}: ${value},`);
  }
  out.push('  },');
  out.push('  notImplemented: [');
  for (const name of t.notImplemented) out.push(`    '${name}',`);
  out.push('  ],');
  out.push('};');
  out.push('');
  out.push('export default table;');
  out.push('');
  return out.join('\n');
}

export interface Generated {
  table: BuiltTable;
  /** The file's contents. */
  text: string;
}

/** Reads the .tbl files in `dir` and builds and renders every ABI's table. Throws on any problem. */
export function generate(dir: string, kernel: string): Map<AbiName, Generated> {
  const specs = abiSpecs(kernel);
  const files = new Map<TblFileName, TblFile>();
  for (const spec of specs) if (!files.has(spec.file)) files.set(spec.file, readTbl(dir, spec.file));
  const out = new Map<AbiName, Generated>();
  for (const spec of specs) {
    const table = buildTable(spec, files.get(spec.file)!, kernel, path.join(dir, spec.file));
    out.set(spec.abi, { table, text: renderTable(table) });
  }
  return out;
}

/** Writes every file to a temporary name in `outDir`, then renames them into place; on error none are renamed. */
export function writeAll(outDir: string, files: ReadonlyMap<AbiName, { text: string }>): void {
  if (!existsSync(outDir)) mkdirSync(outDir, { recursive: true });
  const temps: [string, string][] = [];
  try {
    for (const [abi, { text }] of files) {
      const final = path.join(outDir, `${abi}.ts`);
      const tmp = path.join(outDir, `.${abi}.ts.${process.pid}.tmp`);
      temps.push([tmp, final]);
      writeFileSync(tmp, text);
    }
  } catch (e) {
    for (const [tmp] of temps) rmSync(tmp, { force: true });
    throw e;
  }
  for (const [tmp, final] of temps) renameSync(tmp, final);
}

const USAGE = 'usage: tsx scripts/gen-syscalls.ts <dir-of-tbl-files> <kernel-version> [--out <dir>]';

export function main(argv: string[]): number {
  const positional: string[] = [];
  let outDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src/syscalls');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') {
      if (i + 1 >= argv.length) {
        console.error(USAGE);
        return 2;
      }
      outDir = path.resolve(argv[++i]);
    } else if (a === '-h' || a === '--help') {
      console.log(USAGE);
      return 0;
    } else if (a.startsWith('-')) {
      console.error(`gen-syscalls: unknown option ${a}\n${USAGE}`);
      return 2;
    } else {
      positional.push(a);
    }
  }
  if (positional.length !== 2) {
    console.error(USAGE);
    return 2;
  }
  const [dir, kernel] = positional;
  try {
    const files = generate(dir, kernel);
    writeAll(outDir, files);
    const counts = [...files].map(([abi, g]) => `${abi} ${g.table.syscalls.length}`).join(', ');
    console.log(`gen-syscalls: Linux ${kernel}: wrote ${files.size} tables to ${outDir} (${counts})`);
    return 0;
  } catch (e) {
    console.error(`gen-syscalls: error: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
