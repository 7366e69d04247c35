// The qemu-system suites (test/qemu/<arch>.qemu.ts), kept out of `npm test`'s include
// (test/**/*.test.ts). Run with `npm run test:arch [ARCH...]`, which installs and fetches first.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/qemu/*.qemu.ts'],
    testTimeout: 60_000,
    hookTimeout: 600_000,
    // One guest at a time: TCG takes a core, and the boot times we report stay comparable.
    fileParallelism: false,
    reporters: ['default', './test/summary-reporter.ts'],
  },
});
