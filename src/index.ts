// sandbox-seccomp's public API: the runtime that turns a seccomp setting into an fd and bwrap
// arguments, for host programs that build their own bwrap command line. See docs/runtime.md.

export * from './runtime/index.js';
export { ARCH_NAMES, ARCHES, type ArchName, type ArchDescriptor } from './arch.js';
export { distDir, packageRoot } from './paths.js';
