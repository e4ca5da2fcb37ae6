#!/usr/bin/env node
'use strict';
const path = require('node:path');
const fs = require('node:fs');
const Module = require('node:module');

const io = {
  env: process.env,
  cwd: process.cwd(),
  // Created on first use: most commands never read stdin, and making the stream costs.
  get stdin() {
    return process.stdin;
  },
  stdout: process.stdout,
  stderr: process.stderr,
};
const appFile = path.join(__dirname, '..', 'dist', 'cli', 'app.cjs');

async function start() {
  const argv = process.argv.slice(2);
  // The one command that needs nothing but the package's own version.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    process.stdout.write(`${require('../package.json').version}\n`);
    return 0;
  }
  if (!fs.existsSync(appFile)) {
    // No bundle (esbuild could not run at build time): the module-by-module build.
    return (await import('../dist/main.js')).main(argv, io);
  }
  if (typeof Module.enableCompileCache === 'function') {
    // Node 22.1+ keeps compiled code itself.
    Module.enableCompileCache();
    return require(appFile).main(argv, io);
  }
  const loader = require('./code-cache.cjs').createLoader(appFile, argv);
  const code = await loader.app().main(argv, io);
  loader.save(code);
  return code;
}

start().then((code) => {
  process.exitCode = code;
});
