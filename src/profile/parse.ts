// One profile file: TOML text → a checked ProfileFile, every problem reported at file:line.
//
//   description = "what this profile is for"
//   extends = "minimal"                # a preset, or a path relative to this file (optional)
//   default = "allow"                  # or "kill", "kill-thread", "trap", "log", { errno = "ENOSYS" }
//
//   [[rule]]
//   syscalls = ["ptrace", "@keyring"]  # names and @groups
//   errno = "EPERM"                    # or a number; or action = "allow" | "kill" | ...
//   when = ["arg0 & CLONE_NEWUSER"]    # optional: all must hold
//   why = "..."                        # optional: why it is blocked
//   breaks = "..."                     # optional: what stops working

import TOML from '@iarna/toml';
import type { Action } from '../bpf/action.js';
import { errnoValue, ERRNO } from '../bpf/errno.js';
import { knownSyscallNames } from '../syscalls/index.js';
import { parseCondition, type ConditionExpr } from './condition-syntax.js';
import { ProfileError } from './errors.js';
import { GROUPS, groupNames } from './groups.js';
import { didYouMean } from './suggest.js';

export interface RuleSpec {
  /** Syscall names after expanding groups, each with the group it came from (if any). */
  syscalls: { name: string; group?: string }[];
  action: Action;
  when: ConditionExpr[];
  why?: string;
  breaks?: string;
  line: number | undefined;
}

export interface ProfileFile {
  file: string;
  description?: string;
  extends?: string;
  defaultAction?: Action;
  rules: RuleSpec[];
}

const TOP_KEYS = ['description', 'extends', 'default', 'rule'];
const RULE_KEYS = ['syscalls', 'errno', 'action', 'when', 'why', 'breaks'];
const ACTION_WORDS: Record<string, Action> = {
  allow: { kind: 'allow' },
  kill: { kind: 'kill-process' },
  'kill-process': { kind: 'kill-process' },
  'kill-thread': { kind: 'kill-thread' },
  trap: { kind: 'trap' },
  log: { kind: 'log' },
};

export function parseProfile(text: string, file: string): ProfileFile {
  let doc: Record<string, unknown>;
  try {
    doc = TOML.parse(text) as Record<string, unknown>;
  } catch (e) {
    const err = e as { line?: number; message: string };
    const line = typeof err.line === 'number' ? err.line + 1 : undefined;
    throw new ProfileError(file, line, `TOML syntax: ${err.message.split('\n')[0]}`);
  }
  const where = new Locator(text);
  const fail = (line: number | undefined, problem: string): never => {
    throw new ProfileError(file, line, problem);
  };

  for (const key of Object.keys(doc)) {
    if (!TOP_KEYS.includes(key)) fail(where.topKey(key), `unknown key "${key}"${didYouMean(key, TOP_KEYS)}`);
  }
  const out: ProfileFile = { file, rules: [] };
  if ('description' in doc) out.description = expectString(doc.description, 'description', () => where.topKey('description'), fail);
  if ('extends' in doc) out.extends = expectString(doc.extends, 'extends', () => where.topKey('extends'), fail);
  if ('default' in doc) out.defaultAction = parseDefault(doc.default, () => where.topKey('default'), fail);

  const rules = doc.rule ?? [];
  if (!Array.isArray(rules)) fail(where.topKey('rule'), '"rule" must be written as [[rule]] tables');
  (rules as unknown[]).forEach((raw, index) => {
    const line = where.ruleHeader(index);
    const keyLine = (key: string) => where.ruleKey(index, key) ?? line;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(line, `rule ${index + 1} must be a table`);
    const r = raw as Record<string, unknown>;
    for (const key of Object.keys(r)) {
      if (!RULE_KEYS.includes(key)) fail(keyLine(key), `unknown key "${key}" in a [[rule]]${didYouMean(key, RULE_KEYS)}`);
    }
    if (!('syscalls' in r)) fail(line, 'a [[rule]] needs "syscalls"');
    const names = r.syscalls;
    if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== 'string')) {
      fail(keyLine('syscalls'), '"syscalls" must be a non-empty array of strings');
    }
    const syscalls: RuleSpec['syscalls'] = [];
    for (const name of names as string[]) {
      const at = where.ruleString(index, name) ?? keyLine('syscalls');
      if (name.startsWith('@')) {
        const group = GROUPS[name.slice(1)];
        if (!group) fail(at, `unknown group ${name}${didYouMean(name.slice(1), groupNames(), '@')}`);
        for (const s of group.syscalls) syscalls.push({ name: s, group: name });
      } else {
        if (!knownSyscallNames().has(name)) fail(at, `unknown syscall "${name}": no architecture has it${didYouMean(name, knownSyscallNames())}`);
        syscalls.push({ name });
      }
    }

    if ('errno' in r && 'action' in r) fail(keyLine('action'), 'a [[rule]] takes either "errno" or "action", not both');
    let action: Action;
    if ('errno' in r) action = { kind: 'errno', errno: parseErrno(r.errno, () => keyLine('errno'), fail) };
    else if ('action' in r) {
      const a = r.action;
      if (typeof a !== 'string') fail(keyLine('action'), '"action" must be a string: allow, kill, kill-thread, trap or log (or use errno = ...)');
      action = ACTION_WORDS[a as string] ?? fail(keyLine('action'), `unknown action "${a}"${didYouMean(a as string, Object.keys(ACTION_WORDS))}: allow, kill, kill-thread, trap, log, or errno = ...`);
    } else {
      action = fail(line, 'a [[rule]] needs an action: errno = "EPERM" (or a number), or action = "allow" | "kill" | "kill-thread" | "trap" | "log"');
    }

    const when: ConditionExpr[] = [];
    if ('when' in r) {
      const list = r.when;
      if (!Array.isArray(list) || list.some((c) => typeof c !== 'string')) fail(keyLine('when'), '"when" must be an array of condition strings, e.g. ["arg0 & CLONE_NEWUSER"]');
      for (const c of list as string[]) {
        try {
          when.push(parseCondition(c));
        } catch (e) {
          fail(where.ruleString(index, c) ?? keyLine('when'), (e as Error).message);
        }
      }
    }
    const text = (key: string) => (key in r ? expectString(r[key], key, () => keyLine(key), fail) : undefined);
    out.rules.push({ syscalls, action, when, why: text('why'), breaks: text('breaks'), line });
  });
  return out;
}

function expectString(v: unknown, key: string, line: () => number | undefined, fail: (l: number | undefined, p: string) => never): string {
  if (typeof v !== 'string') fail(line(), `"${key}" must be a string, not ${describe(v)}`);
  return v as string;
}

function parseErrno(v: unknown, line: () => number | undefined, fail: (l: number | undefined, p: string) => never): number {
  if (typeof v === 'number' && Number.isInteger(v)) {
    if (v < 0 || v > 4095) fail(line(), `errno ${v} is outside 0–4095`);
    return v;
  }
  if (typeof v === 'string') {
    const n = errnoValue(v);
    if (n === undefined) fail(line(), `unknown errno "${v}"${didYouMean(v, Object.keys(ERRNO))}`);
    return n!;
  }
  return fail(line(), `"errno" must be a name such as "EPERM" or a number, not ${describe(v)}`);
}

function parseDefault(v: unknown, line: () => number | undefined, fail: (l: number | undefined, p: string) => never): Action {
  if (typeof v === 'string') {
    return ACTION_WORDS[v] ?? fail(line(), `unknown default "${v}"${didYouMean(v, Object.keys(ACTION_WORDS))}: allow, kill, kill-thread, trap, log, or { errno = "..." }`);
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const t = v as Record<string, unknown>;
    const keys = Object.keys(t);
    if (keys.length === 1 && keys[0] === 'errno') return { kind: 'errno', errno: parseErrno(t.errno, line, fail) };
  }
  return fail(line(), `"default" must be an action word or { errno = "..." }, not ${describe(v)}`);
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'an array';
  if (v instanceof Date) return 'a date';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a table';
  return `a ${typeof v} (${JSON.stringify(v)})`;
}

/**
 * Finds the line of a key or value in the TOML source. The parser gives no positions for values, so
 * this reads the text: [[rule]] headers in order, `key =` lines, quoted strings inside a rule.
 */
class Locator {
  private lines: string[];
  private ruleStarts: number[] = [];
  private firstTable: number;

  constructor(text: string) {
    this.lines = text.split(/\r?\n/);
    this.lines.forEach((l, i) => {
      if (/^\s*\[\[\s*rule\s*\]\]/.test(l)) this.ruleStarts.push(i);
    });
    const t = this.lines.findIndex((l) => /^\s*\[/.test(l));
    this.firstTable = t < 0 ? this.lines.length : t;
  }

  private findKey(key: string, from: number, to: number): number | undefined {
    const re = new RegExp(`^\\s*("${escape(key)}"|'${escape(key)}'|${escape(key)})\\s*=`);
    for (let i = from; i < to; i++) if (re.test(this.lines[i])) return i + 1;
    return undefined;
  }

  topKey(key: string): number | undefined {
    if (key === 'rule') return this.ruleStarts.length ? this.ruleStarts[0] + 1 : undefined;
    return this.findKey(key, 0, this.firstTable) ?? this.tableHeader(key);
  }

  private tableHeader(key: string): number | undefined {
    const re = new RegExp(`^\\s*\\[\\s*${escape(key)}\\s*\\]`);
    const i = this.lines.findIndex((l) => re.test(l));
    return i < 0 ? undefined : i + 1;
  }

  private ruleRange(index: number): [number, number] {
    const from = this.ruleStarts[index] ?? 0;
    const to = this.ruleStarts[index + 1] ?? this.lines.length;
    return [from, to];
  }

  ruleHeader(index: number): number | undefined {
    const l = this.ruleStarts[index];
    return l === undefined ? undefined : l + 1;
  }

  ruleKey(index: number, key: string): number | undefined {
    return this.findKey(key, ...this.ruleRange(index));
  }

  ruleString(index: number, value: string): number | undefined {
    const [from, to] = this.ruleRange(index);
    const needles = [JSON.stringify(value), `'${value}'`];
    for (let i = from; i < to; i++) if (needles.some((n) => this.lines[i].includes(n))) return i + 1;
    return undefined;
  }
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
