// A profile with its `extends` chain followed and its rules merged: per syscall, the ordered
// conditional rules and the unconditional action, each traced back to the file and line that set it.
//
// Merging, within one file: an explicit name beats a group that also lists it; two rules that say
// different things about the same syscall under the same conditions are an error.
// Across `extends`: a child's unconditional rule for a syscall replaces the parent's whole entry (the
// child says what that syscall does now); a child's conditional rules go before the parent's, which
// stay in force.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, resolve as resolvePath } from 'node:path';
import { actionToRet, type Action } from '../bpf/action.js';
import { describeRet } from '../bpf/action.js';
import { profilesDir } from '../paths.js';
import type { ConditionExpr } from './condition-syntax.js';
import { ProfileError } from './errors.js';
import { parseProfile, type ProfileFile } from './parse.js';

export interface Origin {
  file: string;
  line?: number;
  /** Set when the syscall came in through a @group. */
  group?: string;
}

export interface ConditionalEntry {
  when: ConditionExpr[];
  action: Action;
  origin: Origin;
}

export interface SyscallEntry {
  rules: ConditionalEntry[];
  otherwise?: { action: Action; origin: Origin };
  why?: string;
  breaks?: string;
}

export interface ResolvedProfile {
  name: string;
  file: string;
  description?: string;
  defaultAction: Action;
  /** Sorted by syscall name. */
  syscalls: Map<string, SyscallEntry>;
  /** This file first, then each file it extends, with their sha256. */
  chain: { file: string; sha256: string }[];
}

const ALLOW: Action = { kind: 'allow' };

/** Whether `ref` names a preset (a bare word) rather than a file. */
export function isPresetName(ref: string): boolean {
  return /^[A-Za-z0-9_-]+$/.test(ref);
}

export function presetPath(name: string): string {
  return resolvePath(profilesDir(), `${name}.toml`);
}

/** Loads a preset by name or a profile file by path, following `extends`. */
export function loadProfile(ref: string, cwd = process.cwd()): ResolvedProfile {
  const file = isPresetName(ref) ? presetPath(ref) : resolvePath(cwd, ref);
  if (isPresetName(ref) && !existsSync(file)) {
    throw new ProfileError(ref, undefined, `no preset named "${ref}" (looked for ${file})`);
  }
  return loadFile(file, []);
}

/** Resolves a profile from text, e.g. one that is not on disk; `extends` is relative to `file`'s folder. */
export function resolveProfileText(text: string, file: string): ResolvedProfile {
  return resolveParsed(parseProfile(text, file), text, []);
}

function loadFile(file: string, seen: string[]): ResolvedProfile {
  if (seen.includes(file)) {
    throw new ProfileError(seen[seen.length - 1], undefined, `"extends" makes a cycle: ${[...seen, file].map((f) => basename(f)).join(' → ')}`);
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProfileError(file, undefined, `cannot read the profile: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return resolveParsed(parseProfile(text, file), text, seen);
}

function resolveParsed(parsed: ProfileFile, text: string, seen: string[]): ResolvedProfile {
  const file = parsed.file;
  const own = mergeOwnRules(parsed);
  let parent: ResolvedProfile | undefined;
  if (parsed.extends !== undefined) {
    const ref = parsed.extends;
    const target = isPresetName(ref) ? presetPath(ref) : isAbsolute(ref) ? ref : resolvePath(dirname(file), ref);
    if (!existsSync(target)) throw new ProfileError(file, undefined, `"extends = ${JSON.stringify(ref)}": no such ${isPresetName(ref) ? 'preset' : 'file'} (${target})`);
    parent = loadFile(target, [...seen, file]);
  }

  const syscalls = new Map<string, SyscallEntry>(parent ? [...parent.syscalls] : []);
  for (const [name, entry] of own) {
    const inherited = syscalls.get(name);
    if (entry.otherwise || !inherited) syscalls.set(name, entry);
    else {
      syscalls.set(name, {
        rules: [...entry.rules, ...inherited.rules],
        otherwise: inherited.otherwise,
        why: entry.why ?? inherited.why,
        breaks: entry.breaks ?? inherited.breaks,
      });
    }
  }
  const sha256 = createHash('sha256').update(text).digest('hex');
  return {
    name: basename(file).replace(/\.toml$/, ''),
    file,
    description: parsed.description ?? parent?.description,
    defaultAction: parsed.defaultAction ?? parent?.defaultAction ?? ALLOW,
    syscalls: new Map([...syscalls].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    chain: [{ file, sha256 }, ...(parent?.chain ?? [])],
  };
}

function mergeOwnRules(parsed: ProfileFile): Map<string, SyscallEntry> {
  const own = new Map<string, SyscallEntry>();
  const at = (o: Origin) => `line ${o.line ?? '?'}${o.group ? ` (${o.group})` : ''}`;
  for (const rule of parsed.rules) {
    for (const { name, group } of rule.syscalls) {
      const origin: Origin = { file: parsed.file, line: rule.line, group };
      let entry = own.get(name);
      if (!entry) {
        entry = { rules: [] };
        own.set(name, entry);
      }
      if (!group || !entry.why) {
        entry.why = rule.why ?? entry.why;
        entry.breaks = rule.breaks ?? entry.breaks;
      }
      if (rule.when.length === 0) {
        const prev = entry.otherwise;
        if (!prev || (prev.origin.group && !group)) entry.otherwise = { action: rule.action, origin };
        else if (!prev.origin.group && group) continue; // the explicit rule stands
        else if (actionToRet(prev.action) !== actionToRet(rule.action)) {
          throw new ProfileError(parsed.file, rule.line, `conflicting rules for "${name}": ${at(prev.origin)} says ${describeRet(actionToRet(prev.action))}, ${at(origin)} says ${describeRet(actionToRet(rule.action))}`);
        }
      } else {
        const key = conditionKey(rule.when);
        const clash = entry.rules.find((r) => conditionKey(r.when) === key && actionToRet(r.action) !== actionToRet(rule.action));
        if (clash) {
          throw new ProfileError(parsed.file, rule.line, `conflicting rules for "${name}" when ${rule.when.map((c) => c.text).join(' and ')}: ${at(clash.origin)} says ${describeRet(actionToRet(clash.action))}, ${at(origin)} says ${describeRet(actionToRet(rule.action))}`);
        }
        entry.rules.push({ when: rule.when, action: rule.action, origin });
      }
    }
  }
  return own;
}

function conditionKey(when: ConditionExpr[]): string {
  return when
    .map((c) => `${c.arg}:${c.width ?? ''}:${c.op}:${c.value.join('|')}:${c.mask?.join('|') ?? ''}`)
    .sort()
    .join('&');
}
