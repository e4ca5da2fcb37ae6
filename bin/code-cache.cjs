'use strict';
/**
 * Loads the bundled CLI (dist/cli/app.cjs and the vendor files it requires) with V8's compiled
 * code kept between runs, as Node 22's module.enableCompileCache() does for every module: on
 * Node 20 a start-up is mostly spent compiling the same JavaScript again.
 *
 * The cache is written after a run, once the functions that run has used are compiled, next to
 * the bundle (dist/cli/.v8-cache/<node version>-<arch>/<command>/), one set per command since
 * each runs different code; where that is not writable, nothing is cached. V8 checks each cache
 * against the source and its own version and flags, and ignores one that does not match; a new
 * bundle writes new caches. A V8 flag set during a run (the relay client sets one) changes what
 * V8 expects of a cache, so the code compiled before it is cached as it was then.
 */
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

/** Global options that take a value (their value is not the command). */
const VALUE_OPTIONS = new Set(['--profile', '--config-dir', '--lang', '--proxy']);

/**
 * The command word of an argument list (`send`, `cert`, …), as a directory name; a send through
 * NIM (`--to`) runs other code than a direct one, so it has its own.
 */
function commandOf(argv) {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (VALUE_OPTIONS.has(arg)) i++;
    else if (!arg.startsWith('-')) {
      if (!/^[a-z][a-z-]{0,20}$/.test(arg)) return 'other';
      return arg === 'send' && argv.includes('--to') ? 'send-to' : arg;
    }
  }
  return 'none';
}

function createLoader(appFile, argv) {
  const dir = path.dirname(appFile);
  const cacheDir = path.join(dir, '.v8-cache', `${process.version}-${process.arch}`, commandOf(argv));
  const loaded = new Map();
  /** Scripts to cache once the run is over: those whose cache was missing or rejected. */
  const pending = [];

  function load(file) {
    const known = loaded.get(file);
    if (known) return known.exports;
    const cacheFile = path.join(cacheDir, `${path.basename(file)}.v8`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      // no cache yet
    }
    const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
    const mod = new Module(file, module);
    mod.filename = file;
    mod.paths = Module._nodeModulePaths(path.dirname(file));
    loaded.set(file, mod);
    const fn = script.runInThisContext();
    fn.call(mod.exports, mod.exports, requireFrom(mod), mod, file, path.dirname(file));
    mod.loaded = true;
    if (!cachedData || script.cachedDataRejected) pending.push({ script, cacheFile });
    return mod.exports;
  }

  /** The bundle's own files (`./vendor/…`) through the cache; node:v8 watched; other built-ins as usual. */
  function requireFrom(mod) {
    const plain = Module.createRequire(mod.filename);
    const resolveId = (id) => (id.startsWith('./') ? load(path.join(path.dirname(mod.filename), id)) : id === 'node:v8' || id === 'v8' ? watchedV8() : plain(id));
    return Object.assign(resolveId, { resolve: plain.resolve, cache: plain.cache });
  }

  /** Caches made now, before a flag change, for the scripts compiled under the old flags. */
  function snapshot() {
    for (const entry of pending) entry.data ??= entry.script.createCachedData();
  }
  /** node:v8 as the bundle sees it: setting a flag snapshots the caches first. Loaded only when required. */
  let v8;
  function watchedV8() {
    if (v8) return v8;
    v8 = require('node:v8');
    const setFlags = v8.setFlagsFromString;
    v8.setFlagsFromString = (flags) => {
      snapshot();
      setFlags.call(v8, flags);
    };
    return v8;
  }

  /** Writes the caches that were missing, atomically; a read-only install just keeps none. */
  function save(exitCode) {
    // A usage error ran almost nothing: its cache would be worth little and could be any word.
    if (exitCode === 2) return;
    for (const { script, cacheFile, data } of pending.splice(0)) {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, data ?? script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // not writable: the next run compiles again
      }
    }
  }

  return { app: () => load(appFile), save };
}

module.exports = { createLoader };
