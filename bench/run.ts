// npm run bench: speed and size, measured side by side in one run (never as timed tests).
// Run `npm run build:js` first: the start-up benchmark times the shipped JavaScript.
import { benchCompileTime } from './compile-time.js';
import { benchPaths } from './paths.js';
import { benchStartup } from './startup.js';
import { benchSyscallCost } from './syscall-cost.js';
import { seedPolicy } from '../test/fixtures/seed-policy.js';

const out: string[] = ['# sandbox-seccomp benchmarks', ''];
out.push('## Seed blocklist: instructions, ours vs libseccomp', '');
out.push(...benchPaths(seedPolicy(), ['x86_64', 'aarch64']));
out.push('## Build time', '');
out.push(...benchCompileTime());
out.push('## CLI start-up', '');
out.push(...(await benchStartup()));
out.push('## Syscall cost inside bwrap', '');
out.push(...benchSyscallCost());
console.log(out.join('\n'));
