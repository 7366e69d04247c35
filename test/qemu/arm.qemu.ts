// arm under qemu-system: see test/qemu/suite.ts and docs/qemu.md.
import { archSuite } from './suite.js';

archSuite('arm');
