// `sandbox explain [PRESET|PROFILE.toml]`: each syscall the profile blocks, with the rule's why and
// breaks, in the order the rules are written (the base profile first, then what extends it).

import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { actionToRet, describeRet, type Action } from '../bpf/action.js';
import { packageRoot } from '../paths.js';
import { DEFAULT_PRESET } from '../runtime/filter.js';
import { SandboxError } from '../runtime/errors.js';
import { parseArgs, UsageError } from './run.js';

interface Item {
  syscalls: string[];
  groups: Set<string>;
  action: string;
  when?: string;
  why?: string;
  breaks?: string;
  order: [number, number];
}

export async function explain(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, [], 'explain');
  if (parsed.positionals.length > 1) throw new UsageError('one preset or profile at a time', 'explain');
  const ref = parsed.positionals[0] ?? DEFAULT_PRESET;
  const [{ loadProfile }, { parseProfile }, { ProfileError }] = await Promise.all([
    import('../profile/resolve.js'),
    import('../profile/parse.js'),
    import('../profile/errors.js'),
  ]);
  let profile;
  const rulesAt = new Map<string, { why?: string; breaks?: string }>();
  try {
    profile = loadProfile(ref);
    for (const { file } of profile.chain) {
      for (const r of parseProfile(readFileSync(file, 'utf8'), file).rules) rulesAt.set(`${file}:${r.line}`, r);
    }
  } catch (e) {
    if (e instanceof ProfileError) throw new SandboxError('profile-error', e.message);
    throw e;
  }
  // Base profile first: chain is [this file, its parent, ...].
  const fileRank = new Map(profile.chain.map((c, i) => [c.file, profile.chain.length - 1 - i]));
  const say = (a: Action) => describeRet(actionToRet(a));
  const defaultText = say(profile.defaultAction);

  const items = new Map<string, Item>();
  const add = (name: string, action: Action, when: string | undefined, origin: { file: string; line?: number; group?: string }) => {
    const rule = rulesAt.get(`${origin.file}:${origin.line}`);
    const key = `${origin.file}:${origin.line}|${say(action)}|${when ?? ''}`;
    let item = items.get(key);
    if (!item) {
      item = { syscalls: [], groups: new Set(), action: say(action), when, why: rule?.why, breaks: rule?.breaks, order: [fileRank.get(origin.file) ?? 0, origin.line ?? 0] };
      items.set(key, item);
    }
    item.syscalls.push(name);
    if (origin.group) item.groups.add(origin.group);
  };
  for (const [name, entry] of profile.syscalls) {
    for (const r of entry.rules) add(name, r.action, r.when.map((c) => c.text).join(' and '), r.origin);
    if (entry.otherwise && say(entry.otherwise.action) !== defaultText) add(name, entry.otherwise.action, undefined, entry.otherwise.origin);
  }

  const width = Math.min(process.stdout.columns || 100, 120);
  const out: string[] = [];
  const rel = (f: string) => {
    const r = relative(packageRoot(), f);
    return r.startsWith('..') ? f : r;
  };
  out.push(`${profile.name}: ${profile.description ?? ''}`.trimEnd());
  out.push(`${rel(profile.file)}${profile.chain.length > 1 ? ` (extends ${profile.chain.slice(1).map((c) => rel(c.file)).join(' → ')})` : ''}; any other syscall: ${defaultText}`);
  const sorted = [...items.values()].sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1]);
  for (const item of sorted) {
    out.push('');
    const groups = item.groups.size ? ` (${[...item.groups].join(', ')})` : '';
    out.push(...wrap(`${item.syscalls.join(', ')}${groups}: ${item.action}${item.when ? ` when ${item.when}` : ''}`, width, '', '    '));
    if (item.why) out.push(...wrap(item.why, width, '  why:    ', '          '));
    if (item.breaks) out.push(...wrap(item.breaks, width, '  breaks: ', '          '));
  }
  process.stdout.write(`${out.join('\n')}\n`);
  return 0;
}

function wrap(text: string, width: number, first: string, rest: string): string[] {
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (!empty && line.length + 1 + word.length > width) {
      lines.push(line);
      line = rest + word;
    } else {
      line += (empty ? '' : ' ') + word;
    }
    empty = false;
  }
  lines.push(line);
  return lines;
}
