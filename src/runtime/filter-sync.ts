// The synchronous way to open a filter, for host programs that build bwrap's command line where they
// cannot await. It loads the full checker up front (a .bpf file needs it); a .toml profile needs the
// compiler, which only openSeccomp() (async) loads.

import { checkBpf } from './check-bpf.js';
import { SandboxError } from './errors.js';
import { checkShape, openSourceSync, parseSeccompSetting, type OpenSeccompOptions, type SeccompFilter, type SeccompSetting } from './filter.js';

/** Opens a preset or a .bpf file; undefined for "no filter". A .toml profile throws: use openSeccomp(). */
export function openSeccompSync(setting: SeccompSetting, options: OpenSeccompOptions = {}): SeccompFilter | undefined {
  const source = parseSeccompSetting(setting, options.cwd);
  if (!source) return undefined;
  if (source.kind === 'profile') {
    throw new SandboxError('bad-setting', `${source.path} is a profile, which must be compiled: use openSeccomp() (async), or compile it once with "sandbox build"`);
  }
  return openSourceSync(source, options, source.kind === 'preset' ? checkShape : checkBpf);
}
