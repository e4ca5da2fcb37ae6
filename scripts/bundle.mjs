#!/usr/bin/env node
/**
 * Bundles the CLI for start-up speed (see bench/README.md, "Interactive paths"):
 *
 * - dist/cli/app.cjs: our code, one CommonJS file. Each command's module is initialised only
 *   when the command runs (esbuild keeps dynamic imports lazy), so a command runs only its code.
 * - dist/cli/vendor/<package>.cjs: each dependency, one file each, required only by the code
 *   that uses it (a direct send never loads undici, a send through NIM never node-apn).
 *
 * One file per package instead of hundreds means no module resolution at start-up, and
 * CommonJS means V8 can reuse its compiled code between runs (bin/code-cache.cjs; Node 22+
 * does that itself). `tsc` still type-checks and emits dist/ module by module: the bench and
 * library users import those, and bin/nim-push.cjs falls back to them when there is no bundle.
 *
 * esbuild is a build-time tool only. Where it cannot run, the CLI is left unbundled.
 */
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outdir = `${root}dist/cli`;
rmSync(outdir, { recursive: true, force: true });

let esbuild;
try {
  esbuild = await import('esbuild');
} catch (error) {
  process.stderr.write(`bundle: esbuild is not available (${error.code ?? error.message}); the CLI runs unbundled from dist/main.js.\n`);
  process.exit(0);
}

/**
 * Every package src/ imports, and the file it becomes. The app's bundle imports a vendor file as
 * Node imports CommonJS (the default import is module.exports; named imports are its properties),
 * which suits every package but conf, an ES module used for its default export. undici's entry
 * takes only the parts used. Both are in scripts/vendor/.
 */
const ENTRY = { conf: 'scripts/vendor/conf.cjs', undici: 'scripts/vendor/undici.cjs' };
const VENDOR = {
  commander: 'commander',
  chalk: 'chalk',
  undici: 'undici',
  '@parse/node-apn': 'node-apn',
  'node-forge': 'node-forge',
  conf: 'conf',
  '@inquirer/prompts': 'inquirer-prompts',
};

// Dynamic import() becomes a lazy require(): the bundle is CommonJS throughout (and cacheable).
const common = { absWorkingDir: root, bundle: true, format: 'cjs', platform: 'node', target: 'node20.18', supported: { 'dynamic-import': false }, legalComments: 'linked', logLevel: 'warning' };

/** A module that requires `target` only when one of its properties is first read. */
const lazyModule = (target) => ({
  contents: `let m; const get = () => (m ??= require(${JSON.stringify(target)})); module.exports = new Proxy({}, { get: (_, k) => get()[k], has: (_, k) => k in get() });`,
  loader: 'js',
});
const from = (args, pkg) => args.importer.includes(`node_modules/${pkg}/`);

/**
 * Two requires made at load time that most runs never use, made lazy:
 * - commander requires child_process for executable subcommands, which nim-push does not have
 *   (child_process loads net, dgram and more);
 * - node-apn requires node-forge for certificate credentials, which a .p8 send does not use. It
 *   also pins node-forge 1.4.0 while nim-push reads .p12 files with 1.4.3: node-apn gets nim-push's
 *   copy (a patch release newer, within node-apn's major version), so forge loads once, if at all.
 */
const lazyRequires = {
  name: 'lazy-requires',
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (from(args, 'commander') ? { path: 'node:child_process', namespace: 'lazy' } : undefined));
    build.onResolve({ filter: /^node-forge$/ }, (args) => (from(args, '@parse/node-apn') ? { path: './node-forge.cjs', namespace: 'lazy' } : undefined));
    build.onResolve({ filter: /.*/, namespace: 'lazy' }, (args) => ({ path: args.path, external: true }));
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => lazyModule(args.path));
  },
};

await esbuild.build({
  ...common,
  plugins: [lazyRequires],
  entryPoints: Object.fromEntries(Object.entries(VENDOR).map(([pkg, file]) => [file, ENTRY[pkg] ?? pkg])),
  outdir: `${outdir}/vendor`,
  outExtension: { '.js': '.cjs' },
});

/** Imports of a package become a require of its vendor file; anything else not ours is an error. */
const vendorImports = {
  name: 'vendor-imports',
  setup(build) {
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      const file = VENDOR[args.path];
      if (!file) return { errors: [{ text: `${args.path} is imported but has no vendor bundle: add it to VENDOR in scripts/bundle.mjs` }] };
      return { path: `./vendor/${file}.cjs`, external: true };
    });
  },
};

await esbuild.build({
  ...common,
  entryPoints: { app: 'src/main.ts' },
  outdir,
  outExtension: { '.js': '.cjs' },
  plugins: [vendorImports],
  sourcemap: 'linked',
});
