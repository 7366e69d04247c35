// npm run bench: what speed and size we measure, side by side in one run (not timed tests).
import { benchPaths } from './paths.js';
import { seedPolicy } from '../test/fixtures/seed-policy.js';

const out: string[] = ['# sandbox-seccomp benchmarks', '', '# Seed blocklist: instructions, ours vs libseccomp', ''];
out.push(...benchPaths(seedPolicy(), ['x86_64', 'aarch64']));
console.log(out.join('\n'));
