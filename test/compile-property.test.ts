// Property: for random policies and random seccomp_data, on every arch and every ABI it covers, the
// emulated program returns exactly what the policy means (src/compile/policy.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { abiOf, ARCH_NAMES, ARCHES, type ArchName } from '../src/arch.js';
import { actionToRet, describeRet } from '../src/bpf/action.js';
import { prepare } from '../src/bpf/emulator.js';
import * as op from '../src/bpf/opcodes.js';
import { compileFilter } from '../src/compile/compile.js';
import { policyAction, type Policy } from '../src/compile/policy.js';
import { syscallName } from '../src/syscalls/index.js';
import { dataArb, policyArb } from './fixtures/random-policy.js';

function expectedRet(arch: ArchName, policy: Policy, data: { nr: number; arch: number; args: bigint[] }): number {
  const abi = abiOf(ARCHES[arch], data.arch, data.nr);
  if (!abi) return op.SECCOMP_RET_KILL_PROCESS; // an audit arch the target does not have
  return actionToRet(policyAction(policy, abi, syscallName(abi, data.nr >>> 0), data.args));
}

describe('compiled programs mean what the policy means', () => {
  for (const arch of ARCH_NAMES) {
    it(`${arch} (${ARCHES[arch].endian}-endian; ABIs ${ARCHES[arch].abis.join(', ')})`, () => {
      const endian = ARCHES[arch].endian;
      fc.assert(
        fc.property(
          policyArb(arch).chain((policy) => fc.tuple(fc.constant(policy), fc.array(dataArb(arch, policy), { minLength: 40, maxLength: 40 }))),
          ([policy, inputs]) => {
            const program = prepare(compileFilter(policy, arch).insns);
            for (const data of inputs) {
              const got = program.run(data, endian).ret;
              const want = expectedRet(arch, policy, data);
              if (got !== want) {
                throw new Error(`arch 0x${data.arch.toString(16)} nr ${data.nr} args [${data.args.map((a) => '0x' + a.toString(16)).join(', ')}]: got ${describeRet(got)}, want ${describeRet(want)}`);
              }
            }
          },
        ),
        { numRuns: 150 },
      );
    });
  }

  it('is deterministic: the same policy, in any insertion order, gives the same program', () => {
    fc.assert(
      fc.property(policyArb('x86_64'), (policy) => {
        const reversed: Policy = { defaultAction: policy.defaultAction, syscalls: new Map([...policy.syscalls].reverse()) };
        expect(compileFilter(reversed, 'x86_64').insns).toEqual(compileFilter(policy, 'x86_64').insns);
      }),
      { numRuns: 50 },
    );
  });
});
