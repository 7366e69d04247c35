// `sandbox disasm FILE.bpf|PRESET [--arch A]`: a filter as text, checked as the kernel would.

import { readFileSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import { ARCHES } from '../arch.js';
import { decodeProgram } from '../bpf/codec.js';
import { disassemble } from '../bpf/disasm.js';
import { SandboxError } from '../runtime/errors.js';
import { checkBpf } from '../runtime/check-bpf.js';
import { parseSeccompSetting, presetFile } from '../runtime/filter.js';
import { parseArgs, UsageError } from './run.js';
import { archOption } from './build.js';

export function disasm(argv: string[]): number {
  const parsed = parseArgs(argv, [{ name: 'arch', value: true }], 'disasm');
  if (parsed.positionals.length !== 1) throw new UsageError('which filter? sandbox disasm FILE.bpf|PRESET', 'disasm');
  const arch = archOption(parsed.options.get('arch'), 'disasm');
  const ref = parsed.positionals[0];
  const source = parseSeccompSetting(ref);
  if (!source) throw new UsageError(`"${ref}" is not a filter`, 'disasm');
  if (source.kind === 'profile') throw new UsageError(`${ref} is a profile: compile it first (sandbox build ${ref} -o FILE.bpf), or see it with "sandbox explain ${ref}"`, 'disasm');
  const file = source.kind === 'preset' ? presetFile(source.name, arch) : resolvePath(source.path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new SandboxError('filter-not-found', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let problem: SandboxError | undefined;
  let warnings: string[] = [];
  try {
    warnings = checkBpf(bytes, arch, file);
  } catch (e) {
    if (!(e instanceof SandboxError)) throw e;
    problem = e;
  }
  if (bytes.length > 0 && bytes.length % 8 === 0) {
    process.stdout.write(disassemble(decodeProgram(bytes, ARCHES[arch].endian), ARCHES[arch]));
  }
  for (const w of warnings) process.stderr.write(`sandbox: warning: ${w}\n`);
  if (problem) {
    process.stderr.write(`sandbox: ${problem.message}\n`);
    if (problem.hint) process.stderr.write(`  hint: ${problem.hint}\n`);
    return 1;
  }
  return 0;
}
