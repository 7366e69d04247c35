// `sandbox build PROFILE.toml [--arch A] -o OUT.bpf [--asm OUT.asm]`: compile a profile.

import { writeFileSync } from 'node:fs';
import { ARCH_NAMES, isArchName, type ArchName } from '../arch.js';
import { hostArch } from '../runtime/filter.js';
import { SandboxError } from '../runtime/errors.js';
import { parseArgs, UsageError } from './run.js';

export function archOption(value: string | true | undefined, command: string): ArchName {
  if (value === undefined || value === true) return hostArch();
  if (!isArchName(value)) throw new UsageError(`unknown arch "${value}"; known: ${ARCH_NAMES.join(', ')}`, command);
  return value;
}

export async function build(argv: string[]): Promise<number> {
  const parsed = parseArgs(argv, [{ name: 'arch', value: true }, { name: 'output', short: 'o', value: true }, { name: 'asm', value: true }], 'build');
  if (parsed.positionals.length !== 1) {
    throw new UsageError(parsed.positionals.length ? `one profile at a time (got ${parsed.positionals.join(', ')})` : 'which profile? sandbox build PROFILE.toml -o OUT.bpf', 'build');
  }
  const out = parsed.options.get('output');
  if (typeof out !== 'string') throw new UsageError('where to? give -o OUT.bpf (or -o - for stdout)', 'build');
  const arch = archOption(parsed.options.get('arch'), 'build');
  const ref = parsed.positionals[0];

  const [{ loadProfile }, { compileProfile }, { ProfileError }] = await Promise.all([
    import('../profile/resolve.js'),
    import('../artifacts.js'),
    import('../profile/errors.js'),
  ]);
  let artifact;
  try {
    artifact = compileProfile(loadProfile(ref), arch);
  } catch (e) {
    if (e instanceof ProfileError) throw new SandboxError('profile-error', e.message);
    throw e;
  }
  const summary = `${out === '-' ? 'stdout' : out}: ${arch}, ${artifact.insns.length} instructions, ABIs ${artifact.abis.map((a) => a.abi).join(', ')}`;
  if (out === '-') {
    if (process.stdout.isTTY) throw new UsageError('not writing binary BPF to a terminal; redirect it or give -o FILE', 'build');
    process.stdout.write(artifact.bpf);
    process.stderr.write(`wrote ${summary}\n`);
  } else {
    writeFileSync(out, artifact.bpf);
    process.stdout.write(`wrote ${summary}\n`);
  }
  const asm = parsed.options.get('asm');
  if (typeof asm === 'string') {
    writeFileSync(asm, artifact.asm);
    (out === '-' ? process.stderr : process.stdout).write(`wrote ${asm}\n`);
  }
  return 0;
}
