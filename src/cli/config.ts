// The config file: TOML with a [sandbox] table.
//
//   [sandbox]
//   seccomp = true              # true (= "minimal"), false, "off", "strict", "/path/filter.bpf", "/path/profile.toml"
//   network = false             # share the host's network (default true)
//   bind = ["~/src", "../cache"]  # more writable directories
//
// Looked up (by cli/run.ts, with two stat calls) in ./sandbox.toml, then
// $XDG_CONFIG_HOME/sandbox/config.toml (~/.config when unset); the first that exists is used.
// Relative paths are relative to the file's folder. This module, and the TOML parser, load only when
// there is a file to read.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve as resolvePath } from 'node:path';
import { SandboxError } from '../runtime/errors.js';
import { parseSeccompSetting, type SeccompSetting } from '../runtime/filter.js';
import { suggest } from './run.js';
import { isDirectory } from './run.js';

export interface SandboxConfig {
  file: string;
  /** The file's folder: where relative paths in it start. */
  dir: string;
  seccomp?: SeccompSetting;
  network?: boolean;
  /** Absolute paths. */
  bind?: string[];
}

const KEYS = ['seccomp', 'network', 'bind'] as const;

function configError(file: string, line: number | undefined, problem: string): SandboxError {
  return new SandboxError('config-error', `${file}${line ? `:${line}` : ''}: ${problem}`);
}

export async function loadConfig(file: string): Promise<SandboxConfig> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw configError(file, undefined, `cannot read the config file: ${code === 'ENOENT' ? 'no such file' : code ?? (e as Error).message}`);
  }
  const { default: TOML } = await import('@iarna/toml');
  let doc: Record<string, unknown>;
  try {
    doc = TOML.parse(text) as Record<string, unknown>;
  } catch (e) {
    const err = e as { line?: number; message: string };
    throw configError(file, typeof err.line === 'number' ? err.line + 1 : undefined, `TOML syntax: ${err.message.split('\n')[0]}`);
  }
  return checkConfig(doc, text, file);
}

/** Validates a parsed config; every problem names the file and line. */
export function checkConfig(doc: Record<string, unknown>, text: string, file: string): SandboxConfig {
  const where = new KeyLines(text);
  const dir = dirname(resolvePath(file));
  const config: SandboxConfig = { file, dir };
  for (const key of Object.keys(doc)) {
    if (key !== 'sandbox') throw configError(file, where.topKey(key), `unknown key "${key}": settings go in a [sandbox] table${suggest(key, ['sandbox'], '')}`);
  }
  const table = doc.sandbox;
  if (table === undefined) return config;
  if (typeof table !== 'object' || table === null || Array.isArray(table)) {
    throw configError(file, where.topKey('sandbox'), '"sandbox" must be a table: [sandbox]');
  }
  const t = table as Record<string, unknown>;
  const line = (key: string) => where.key('sandbox', key);
  for (const key of Object.keys(t)) {
    if (!(KEYS as readonly string[]).includes(key)) {
      throw configError(file, line(key), `unknown key "${key}" in [sandbox]${suggest(key, KEYS, '')}; known keys: ${KEYS.join(', ')}`);
    }
  }
  if ('seccomp' in t) {
    const v = t.seccomp;
    if (typeof v !== 'boolean' && typeof v !== 'string') {
      throw configError(file, line('seccomp'), `"seccomp" must be true, false, "off", a preset name or a path to a .bpf or .toml file, not ${describe(v)}`);
    }
    try {
      parseSeccompSetting(v, dir);
    } catch (e) {
      throw configError(file, line('seccomp'), (e as Error).message);
    }
    config.seccomp = v;
  }
  if ('network' in t) {
    if (typeof t.network !== 'boolean') throw configError(file, line('network'), `"network" must be true or false, not ${describe(t.network)}`);
    config.network = t.network;
  }
  if ('bind' in t) {
    const v = t.bind;
    if (!Array.isArray(v) || v.some((d) => typeof d !== 'string' || d === '')) {
      throw configError(file, line('bind'), `"bind" must be an array of directory paths, e.g. bind = ["~/src"], not ${describe(v)}`);
    }
    config.bind = (v as string[]).map((d) => resolvePath(dir, d === '~' || d.startsWith('~/') ? join(process.env.HOME || homedir(), d.slice(1)) : d));
    for (const [i, d] of config.bind.entries()) {
      if (!isDirectory(d)) throw configError(file, line('bind'), `bind "${(v as string[])[i]}": no such directory (${d})`);
    }
  }
  return config;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array (${JSON.stringify(v)})`;
  if (v instanceof Date) return `a date (${v.toISOString()})`;
  if (typeof v === 'object' && v !== null) return 'a table';
  if (typeof v === 'string') return `the string ${JSON.stringify(v)}`;
  return `${typeof v} ${String(v)}`;
}

/**
 * Lines of keys in the TOML text (the parser gives positions only for syntax errors): `key =` inside
 * a [table], a dotted `table.key =`, or a `key =` inside an inline table.
 */
class KeyLines {
  private lines: string[];
  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
  }

  private find(re: RegExp, from = 0, to = this.lines.length): number | undefined {
    for (let i = from; i < to; i++) if (re.test(this.lines[i])) return i + 1;
    return undefined;
  }

  private header(name: string): number | undefined {
    return this.find(new RegExp(`^\\s*\\[\\[?\\s*("${esc(name)}"|'${esc(name)}'|${esc(name)})\\s*[\\].]`));
  }

  private firstHeader(): number {
    return this.find(/^\s*\[/) ?? this.lines.length + 1;
  }

  topKey(key: string): number | undefined {
    const k = keyPattern(key);
    return this.find(new RegExp(`^\\s*${k}\\s*[=.]`), 0, this.firstHeader() - 1) ?? this.header(key);
  }

  key(table: string, key: string): number | undefined {
    const start = this.header(table);
    const k = keyPattern(key);
    if (start !== undefined) {
      const end = this.find(/^\s*\[/, start) ?? this.lines.length + 1;
      const l = this.find(new RegExp(`^\\s*${k}\\s*=`), start, end - 1);
      if (l !== undefined) return l;
    }
    return (
      this.find(new RegExp(`^\\s*${keyPattern(table)}\\s*\\.\\s*${k}\\s*=`)) ??
      this.find(new RegExp(`[{,]\\s*${k}\\s*=`)) ??
      start ??
      this.topKey(table)
    );
  }
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const keyPattern = (key: string) => `("${esc(key)}"|'${esc(key)}'|${esc(key)})`;
