/**
 * The bench's throwaway world: a temp directory, credentials minted for this run (a .p12 push
 * certificate and a .p8 key), and nim-push profiles created with `init --yes`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChild } from './children.js';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const BIN = join(ROOT, 'bin', 'nim-push.cjs');
export const BUNDLE_ID = 'com.example.benchapp';
export const TEAM_ID = 'BENCH12345';
export const P12_PASSWORD = 'bench-p12-password';
export const APP_KEY = 'bench-app-key';
export const APP_SECRET = 'bench-app-secret-0123456789';
export const CERT_NAME = 'bench-dev';

/** Loads the built product; a clear message when `npm run build` has not been run. */
export async function importDist(relative) {
  try {
    return await import(join(ROOT, 'dist', relative));
  } catch (error) {
    throw new Error(`cannot load dist/${relative} (${error.code ?? error.message}): run \`npm run build\` first`);
  }
}

export function makeWorkspace() {
  const dir = mkdtempSync(join(tmpdir(), 'nim-push-bench-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A development push certificate (as .p12) for BUNDLE_ID and an ES256 .p8 key, 2048-bit RSA as Apple's. */
export async function mintCredentials(dir) {
  const mint = await importDist('standin/mint.js');
  const ca = mint.mintCa({ keys: mint.generateRsaKeys(2048) });
  const cert = mint.mintPushCert({ ca, bundleId: BUNDLE_ID, teamId: TEAM_ID, environment: 'development', keys: mint.generateRsaKeys(2048) });
  const p12Path = join(dir, 'bench-push.p12');
  writeFileSync(p12Path, mint.toP12({ identities: [{ key: cert.key, certs: [cert.cert] }], password: P12_PASSWORD }), { mode: 0o600 });
  const p8 = mint.mintP8();
  const p8Path = join(dir, `AuthKey_${p8.keyId}.p8`);
  writeFileSync(p8Path, p8.pem, { mode: 0o600 });
  return { p12Path, p8Path, p8, cert };
}

/** Environment for nim-push children: the p12 password by variable, no colour, no stray profile. */
export function cliEnv(configDir, extra = {}) {
  const env = { ...process.env };
  // Another profile or preloaded code from the caller's shell would skew what is measured.
  delete env.NIM_PUSH_PROFILE;
  delete env.NODE_OPTIONS;
  return { ...env, NIM_PUSH_CONFIG_DIR: configDir, BENCH_P12_PASSWORD: P12_PASSWORD, NO_COLOR: '1', ...extra };
}

/** `nim-push init --yes` with the .p12: the profile both the bulk send and the relay use. */
export async function initProfile(configDir, creds) {
  const args = [
    BIN, '--config-dir', configDir, 'init', '--yes',
    '--app-key', APP_KEY, '--app-secret', APP_SECRET,
    '--cert-name', CERT_NAME, '--p12', creds.p12Path, '--password-env', 'BENCH_P12_PASSWORD',
    '--bundle-id', BUNDLE_ID, '--env', 'development', '--relay', 'local',
  ];
  const res = await runChild(process.execPath, args, { env: cliEnv(configDir), timeoutMs: 60_000 });
  if (res.code !== 0) throw new Error(`nim-push init failed (${res.code}): ${res.stderr || res.stdout}`);
}
