#!/usr/bin/env node
// The `sandbox` command. Running a command (`sandbox [options] -- cmd`) is the hot path: it loads the
// runtime only. Every other command is imported when asked for.

import { SandboxError } from '../runtime/errors.js';
import { runMode, UsageError } from './run.js';
// What `bin` ships is this file bundled with its static imports into build/sandbox.cjs
// (scripts/build-cli.ts); tsc's build/src/cli/main.js runs the same. For the latter, every module
// `sandbox -- cmd` needs is named here so that Node's ESM loader fetches them all at once: it reads a
// module's imports in parallel, but each level of the graph only after the one above.
import '../arch.js';
import '../paths.js';
import '../runtime/bwrap.js';
import '../runtime/errors.js';
import '../runtime/filter.js';

const COMMANDS = ['build', 'disasm', 'explain', 'check', 'list', 'help'] as const;
type Command = (typeof COMMANDS)[number];

async function runCommand(command: Command, argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    await (await import('./info.js')).printHelp(command);
    return 0;
  }
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`${(await import('./info.js')).version()}\n`);
    return 0;
  }
  switch (command) {
    case 'build':
      return (await import('./build.js')).build(argv);
    case 'disasm':
      return (await import('./disasm.js')).disasm(argv);
    case 'explain':
      return (await import('./explain.js')).explain(argv);
    case 'check':
      return (await import('./check.js')).check(argv);
    case 'list':
      return (await import('./list.js')).list(argv);
    case 'help':
      if (argv[0] && !(COMMANDS as readonly string[]).includes(argv[0])) throw new UsageError(`no command "${argv[0]}"`);
      await (await import('./info.js')).printHelp(argv[0]);
      return 0;
  }
}

/** Runs the CLI on `argv` (without node and the script) and returns the exit status. */
async function main(argv: string[]): Promise<number> {
  const command = (COMMANDS as readonly string[]).includes(argv[0]) ? (argv[0] as Command) : undefined;
  try {
    return command ? await runCommand(command, argv.slice(1)) : await runMode(argv);
  } catch (e) {
    return report(e, command);
  }
}

function report(e: unknown, command: Command | undefined): number {
  if (e instanceof SandboxError) {
    process.stderr.write(`sandbox: ${e.message}\n`);
    if (e.hint) process.stderr.write(`  hint: ${e.hint}\n`);
    switch (e.code) {
      case 'usage':
        process.stderr.write(`Try "sandbox ${command && command !== 'help' ? `${command} ` : ''}--help".\n`);
        return 2;
      case 'command-not-found':
        return 127;
      case 'command-not-executable':
        return 126;
      default:
        return command ? 1 : 125;
    }
  }
  process.stderr.write(`sandbox: internal error: ${(e as Error)?.stack ?? String(e)}\n`);
  return command ? 1 : 125;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (e: unknown) => {
    process.stderr.write(`sandbox: ${String(e)}\n`);
    process.exitCode = 125;
  },
);
