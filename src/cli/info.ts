// --version and --help output.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../paths.js';

export function version(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  return `sandbox ${pkg.version} (${pkg.name})`;
}

export async function printHelp(command?: string): Promise<void> {
  const { MAIN_HELP, COMMAND_HELP } = await import('./help.js');
  process.stdout.write(command && COMMAND_HELP[command] ? COMMAND_HELP[command] : MAIN_HELP);
}
