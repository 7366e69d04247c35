// The full check of a filter the user supplies: what the kernel's checker would refuse, said clearly
// instead of EINVAL, and a filter built for another arch (wrong byte order, or audit-arch values this
// kernel never reports, which would refuse every syscall).

import { ABIS, ARCHES, auditArchName, type ArchName, type Endian } from '../arch.js';
import { decodeProgram } from '../bpf/codec.js';
import { analyzeFlow, Tag } from '../bpf/dataflow.js';
import type { Insn } from '../bpf/insn.js';
import { BPF_JEQ, BPF_JMP, BPF_K } from '../bpf/opcodes.js';
import { findProgramError } from '../bpf/verify.js';
import { SandboxError } from './errors.js';
import { checkShape } from './filter.js';

/**
 * Checks `bytes` as a filter for `arch`: not empty, a whole number of 8-byte instructions, at most
 * 4096 of them, a program the kernel's checker accepts. Unless `trusted`, also that it was built for
 * this arch. Returns warnings; throws SandboxError('invalid-filter').
 */
export function checkBpf(bytes: Uint8Array, arch: ArchName, name = 'the filter', { trusted = false } = {}): string[] {
  const bad = (why: string, hint?: string) => new SandboxError('invalid-filter', `${name} is not a valid seccomp filter for ${arch}: ${why}`, hint);
  if (bytes.length === 0 || bytes.length % 8 !== 0 || bytes.length > 4096 * 8) checkShape(bytes, arch, name);
  const endian = ARCHES[arch].endian;
  const insns = decodeProgram(bytes, endian);
  const err = findProgramError(insns);
  if (err) {
    const other: Endian = endian === 'little' ? 'big' : 'little';
    const flipped = trusted ? err : findProgramError(decodeProgram(bytes, other));
    const hint = flipped
      ? undefined
      : `it reads as a valid ${other}-endian program, so it was built for another arch; rebuild it with "sandbox build PROFILE.toml --arch ${arch} -o FILE.bpf"`;
    throw bad(err.message, hint);
  }
  if (trusted) return [];
  const arches = comparedArches(insns);
  const mine = ARCHES[arch].abis.map((a) => ABIS[a].auditArch);
  if (arches.size > 0 && ![...arches].some((a) => mine.includes(a))) {
    const names = [...arches].map((a) => auditArchName(a) ?? `0x${a.toString(16)}`).join(', ');
    throw bad(
      `it only lets through syscalls made as ${names}, and this ${arch} kernel reports ${[...new Set(mine)].map((a) => auditArchName(a)).join(', ')}: every syscall would be refused`,
      `rebuild it for this machine: sandbox build PROFILE.toml --arch ${arch} -o FILE.bpf`,
    );
  }
  if (arches.size === 0) {
    const compat = ARCHES[arch].abis.slice(1);
    return [`${name} never looks at seccomp_data.arch: a syscall made through ${compat.length ? `another ABI (${compat.join(', ')})` : 'another ABI'} would be judged by the wrong numbers`];
  }
  return [];
}

/** Audit-arch constants the program compares seccomp_data.arch with (JEQ while A holds arch). */
function comparedArches(insns: readonly Insn[]): Set<number> {
  const out = new Set<number>();
  const states = analyzeFlow(insns);
  insns.forEach((ins, i) => {
    if (ins.code === (BPF_JMP | BPF_JEQ | BPF_K) && states[i]?.a === Tag.Arch) out.add(ins.k >>> 0);
  });
  return out;
}
