/**
 * The Debian tools the bench compares against: h2load (nghttp2-client) and python3-aioapns.
 * Installed with apt-get when missing and we are root; otherwise their rows are skipped with
 * a message saying how to get them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const SYSTEM_PYTHON = '/usr/bin/python3';

const has = {
  h2load: () => spawnSync('h2load', ['--version'], { stdio: 'ignore' }).status === 0,
  aioapns: () => existsSync(SYSTEM_PYTHON) && spawnSync(SYSTEM_PYTHON, ['-c', 'import aioapns, jwt, h2'], { stdio: 'ignore' }).status === 0,
};
const PACKAGES = { h2load: 'nghttp2-client', aioapns: 'python3-aioapns' };

function aptInstall(packages, log) {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return 'not root: cannot apt-get install';
  if (spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status !== 0) return 'apt-get is not available (not a Debian system)';
  log(`bench: installing ${packages.join(' ')} with apt-get …`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let res = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env, encoding: 'utf8', timeout: 240_000 });
  if (res.status !== 0) {
    // A fresh machine has no package lists yet.
    spawnSync('apt-get', ['update'], { env, stdio: 'ignore', timeout: 240_000 });
    res = spawnSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env, encoding: 'utf8', timeout: 240_000 });
  }
  return res.status === 0 ? undefined : `apt-get install failed: ${(res.stderr || '').trim().split('\n').pop()}`;
}

/** Returns {h2load: true|string, aioapns: true|string}: true when usable, else why not. */
export function ensureDebianTools(wanted, log = (l) => process.stderr.write(`${l}\n`)) {
  const status = {};
  const missing = wanted.filter((tool) => !has[tool]());
  const failure = missing.length ? aptInstall(missing.map((t) => PACKAGES[t]), log) : undefined;
  for (const tool of wanted) {
    if (has[tool]()) status[tool] = true;
    else status[tool] = `${PACKAGES[tool]} is not installed (${failure ?? 'install failed'}); install it with \`apt-get install -y ${PACKAGES[tool]}\``;
  }
  return status;
}
