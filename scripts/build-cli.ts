// Bundles the `sandbox` command (src/cli/main.ts) into build/sandbox.cjs, the file package.json's `bin`
// names. Run by `npm run build:js` after tsc has written build/src/.
//
// Why a bundle, and why CommonJS: Node 20 starts an ES module about 10 ms later than a CommonJS file
// (its ESM loader), and then fetches a module graph level by level; `sandbox -- cmd` should cost little
// more than Node and bwrap themselves (bench/startup.ts). So everything the command reaches through
// static imports (argument parsing, the runtime, the preset lookup) goes into one CommonJS file, and
// every `await import()` (the config file's TOML parser, the profile compiler, the .bpf checker, the
// other subcommands) stays a real import of tsc's ES module in build/src/, loaded only when asked for.

import { build, type Plugin } from 'esbuild';
import { chmodSync, existsSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { packageRoot } from '../src/paths.js';

const root = packageRoot();
const srcDir = join(root, 'src');
const outDir = join(root, 'build');
const outFile = join(outDir, 'sandbox.cjs');

/** `import()` of the package's own modules → an external import of tsc's output, relative to the bundle. */
const lazyModulesFromBuildSrc: Plugin = {
  name: 'lazy-modules-from-build-src',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      if (args.kind !== 'dynamic-import') return undefined;
      const source = resolve(args.resolveDir, args.path);
      if (!source.startsWith(srcDir + '/')) throw new Error(`${args.importer}: import(${args.path}) leaves src/`);
      const compiled = join(outDir, 'src', relative(srcDir, source));
      if (!existsSync(compiled)) throw new Error(`${args.importer}: import(${args.path}) has no compiled ${relative(root, compiled)}: run tsc -p tsconfig.build.json first`);
      return { path: `./${relative(dirname(outFile), compiled)}`, external: true };
    });
  },
};

async function main(): Promise<void> {
  const tmp = `${outFile}.tmp-${process.pid}`;
  try {
    await build({
      entryPoints: [join(srcDir, 'cli', 'main.ts')],
      outfile: tmp,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      // paths.ts finds the package root from its own file: in the bundle, that is build/sandbox.cjs.
      define: { 'import.meta.url': '__bundleUrl' },
      // (Strict mode first: a banner ahead of esbuild's own "use strict" would cancel it.)
      banner: { js: "'use strict';\nconst __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
      plugins: [lazyModulesFromBuildSrc],
      logLevel: 'warning',
      legalComments: 'none',
    });
    chmodSync(tmp, 0o755);
    renameSync(tmp, outFile);
  } catch (e) {
    rmSync(tmp, { force: true });
    console.error(`build-cli: ${(e as Error).message}`);
    process.exit(1);
  }
}

await main();
