// `sandbox [options] -- CMD ARGS...`: flags over the config file over the defaults, then bwrap. Also
// the option parser every command uses (here, not in a module of its own: each module on the start-up
// path costs time, see bench/startup.ts).

import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve as resolvePath } from 'node:path';
import { findBwrap, resolveCommand, sandboxArgs, spawnSandbox } from '../runtime/bwrap.js';
import { SandboxError } from '../runtime/errors.js';
import { openSeccomp, type SeccompFilter, type SeccompSetting } from '../runtime/filter.js';

// ---- Options: `--name value`, `--name=value`, short aliases, repeatable options, `--`.

export interface OptionSpec {
  /** Long name without dashes: "seccomp". */
  name: string;
  short?: string;
  /** Takes a value. */
  value?: boolean;
  /** May be given more than once (values collect in order). */
  repeat?: boolean;
}

export interface ParsedArgs {
  /** Last value (or true) for each option seen. */
  options: Map<string, string | true>;
  /** Every value of a repeatable option. */
  lists: Map<string, string[]>;
  positionals: string[];
  /** Everything after `--` (undefined when there was no `--`). */
  rest: string[] | undefined;
}

export class UsageError extends SandboxError {
  constructor(message: string, readonly command?: string) {
    super('usage', message);
  }
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], command?: string): ParsedArgs {
  const out: ParsedArgs = { options: new Map(), lists: new Map(), positionals: [], rest: undefined };
  const byLong = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      out.rest = argv.slice(i + 1);
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      inline = eq < 0 ? undefined : a.slice(eq + 1);
      spec = byLong.get(name);
      if (!spec) throw new UsageError(`unknown option --${name}${suggest(name, [...byLong.keys()])}`, command);
    } else if (a.startsWith('-') && a.length > 1) {
      spec = byShort.get(a.slice(1));
      if (!spec) throw new UsageError(`unknown option ${a}`, command);
    } else {
      out.positionals.push(a);
      continue;
    }
    let value: string | true = true;
    if (spec.value) {
      if (inline !== undefined) value = inline;
      else if (i + 1 < argv.length) value = argv[++i];
      else throw new UsageError(`--${spec.name} needs a value`, command);
    } else if (inline !== undefined) {
      throw new UsageError(`--${spec.name} takes no value`, command);
    }
    out.options.set(spec.name, value);
    if (spec.repeat && typeof value === 'string') out.lists.set(spec.name, [...(out.lists.get(spec.name) ?? []), value]);
  }
  return out;
}

/** `, did you mean --x?` for a near miss, else ''. */
export function suggest(word: string, candidates: readonly string[], prefix = '--'): string {
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = distance(word, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(word.length / 3)) ? ` (did you mean ${prefix}${best}?)` : '';
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

// ---- Running a command

/** The config files looked at, in order: ./sandbox.toml, then $XDG_CONFIG_HOME/sandbox/config.toml. */
export function configCandidates(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string[] {
  const xdg = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : join(env.HOME || homedir(), '.config');
  return [join(cwd, 'sandbox.toml'), join(xdg, 'sandbox', 'config.toml')];
}

/** The first config file that exists, without reading it. */
export function findConfigFile(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  return configCandidates(cwd, env).find((f) => existsSync(f));
}

export function isDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The options shared by running a command and `check`. */
export const SANDBOX_OPTIONS: readonly OptionSpec[] = [
  { name: 'seccomp', value: true },
  { name: 'config', value: true },
  { name: 'no-config' },
  { name: 'network' },
  { name: 'no-network' },
  { name: 'bind', value: true, repeat: true },
  { name: 'help', short: 'h' },
  { name: 'version', short: 'V' },
];

export interface RunSettings {
  /** undefined: no filter. */
  seccomp: SeccompSetting | undefined;
  /** Where a relative seccomp path starts: the current directory for --seccomp, the config's folder for the config. */
  seccompBase: string;
  /** Where the setting came from, for messages. */
  seccompFrom: 'flag' | 'config' | 'default';
  network: boolean;
  binds: string[];
  configFile: string | undefined;
  cwd: string;
}

/** Flags, then the config file (if any), then the defaults: no filter, network shared, no extra binds. */
export async function resolveRunSettings(options: Map<string, string | true>, lists: Map<string, string[]>, cwd = process.cwd()): Promise<RunSettings> {
  if (options.has('network') && options.has('no-network')) throw new UsageError('--network and --no-network contradict each other');
  if (options.has('config') && options.has('no-config')) throw new UsageError('--config and --no-config contradict each other');
  const configPath = options.get('config');
  const configFile = options.has('no-config') ? undefined : typeof configPath === 'string' ? resolvePath(cwd, configPath) : findConfigFile(cwd);
  const config = configFile ? await (await import('./config.js')).loadConfig(configFile) : undefined;

  const flag = options.get('seccomp');
  const settings: RunSettings = {
    seccomp: undefined,
    seccompBase: cwd,
    seccompFrom: 'default',
    network: options.has('no-network') ? false : options.has('network') ? true : config?.network ?? true,
    binds: [],
    configFile,
    cwd,
  };
  if (typeof flag === 'string') {
    settings.seccomp = flag;
    settings.seccompFrom = 'flag';
  } else if (config?.seccomp !== undefined) {
    settings.seccomp = config.seccomp;
    settings.seccompBase = config.dir;
    settings.seccompFrom = 'config';
  }
  for (const b of lists.get('bind') ?? []) {
    const p = resolvePath(cwd, b);
    if (!isDirectory(p)) throw new SandboxError('usage', `--bind ${b}: no such directory`);
    settings.binds.push(p);
  }
  settings.binds = [...(config?.bind ?? []), ...settings.binds];
  return settings;
}

/** Opens the filter a setting asks for, printing its warnings. */
export async function openFilter(settings: RunSettings): Promise<SeccompFilter | undefined> {
  if (settings.seccomp === undefined) return undefined;
  const filter = await openSeccomp(settings.seccomp, { cwd: settings.seccompBase });
  for (const w of filter?.warnings ?? []) process.stderr.write(`sandbox: warning: ${w}\n`);
  return filter;
}

export async function runMode(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, SANDBOX_OPTIONS);
  if (parsed.options.has('help')) {
    await (await import('./info.js')).printHelp();
    return 0;
  }
  if (parsed.options.has('version')) {
    process.stdout.write(`${(await import('./info.js')).version()}\n`);
    return 0;
  }
  if (parsed.positionals.length > 0) {
    const p = parsed.positionals[0];
    throw new UsageError(`unknown command "${p}"; to run a program, put it after --: sandbox [options] -- ${[p, ...parsed.positionals.slice(1)].join(' ')}`);
  }
  if (!parsed.rest || parsed.rest.length === 0) {
    throw new UsageError(argv.length === 0 ? 'no command given: sandbox [options] -- CMD [ARGS...]' : 'no command after --');
  }
  const command = parsed.rest;
  let cwd: string;
  try {
    cwd = process.cwd();
  } catch {
    throw new SandboxError('usage', 'the current directory no longer exists');
  }
  const settings = await resolveRunSettings(parsed.options, parsed.lists, cwd);
  const bwrap = findBwrap();
  resolveCommand(command, process.env, settings.cwd);
  const filter = await openFilter(settings);
  if (settings.cwd === '/') process.stderr.write('sandbox: note: the current directory is /, which stays read-only\n');
  const args = sandboxArgs({ cwd: settings.cwd, network: settings.network, binds: settings.binds });
  try {
    const onSpawn = process.env.SANDBOX_DEBUG
      ? (line: readonly string[], mode: string) => process.stderr.write(`sandbox: [${mode}] ${line.map(quote).join(' ')}${filter ? ` 3<${filter.file}` : ''}\n`)
      : undefined;
    const exit = await spawnSandbox({ bwrap, args, command, filter, onSpawn });
    // Status 1 straight away may be bwrap failing to build the sandbox: its message is already on
    // stderr; find out and add what it means.
    if (exit.status === 1 && !exit.signal && exit.elapsedMs < 5000) {
      const { diagnoseBwrapFailure } = await import('../runtime/diagnose.js');
      const d = await diagnoseBwrapFailure({ bwrap, args, filter: filter?.bytes });
      if (d) throw new SandboxError('bwrap-failed', d.message, d.hint);
    }
    return exit.status;
  } finally {
    filter?.close();
  }
}

/** A shell-readable rendering of one argument, for SANDBOX_DEBUG. */
function quote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
