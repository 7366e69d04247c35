// The library API: pick the arch, open a filter, build bwrap's arguments, run a command in bwrap.
// Nothing here loads the filter compiler or the TOML parser until a .toml profile asks for it.

export { SandboxError, isSandboxError, type SandboxErrorCode } from './errors.js';
export {
  DEFAULT_PRESET,
  archOfMachine,
  archOfNode,
  hostArch,
  type HostInfo,
  checkShape,
  compileProfileFile,
  fdFromBytes,
  listPresets,
  openSeccomp,
  parseSeccompSetting,
  presetFile,
  type OpenSeccompOptions,
  type SeccompFilter,
  type SeccompSetting,
  type SeccompSource,
} from './filter.js';
export { checkBpf } from './check-bpf.js';
export { openSeccompSync } from './filter-sync.js';
export {
  BWRAP_INSTALL_HINT,
  FORWARDED_SIGNALS,
  findBwrap,
  isForegroundJob,
  resolveCommand,
  sandboxArgs,
  spawnSandbox,
  which,
  type SandboxExit,
  type SandboxLayout,
  type SignalMode,
  type SpawnSandboxOptions,
} from './bwrap.js';
export { diagnoseBwrapFailure, type BwrapDiagnosis, type DiagnoseOptions } from './diagnose.js';
