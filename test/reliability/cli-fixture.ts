/**
 * A config dir with a profile holding known secrets (App Secret, p12 password, p8 key), made
 * with the built binary's own `init`, for tests that run the CLI as users do.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLE_ID, p12Of, p8Key, pushCert, TEAM_ID } from '../fixtures/credentials.js';
import { runCli, type CliRun } from '../helpers/cli.js';

export const SECRETS = {
  appSecret: 'AppSecret-7Hq2-Xv9Lm4Rt',
  p12Password: 'P12pw-Kd83-Zn1Qy6',
};
export const APP_KEY = 'reliability-app-key';

export interface CliProfile {
  configDir: string;
  p12File: string;
  p8File: string;
  keyId: string;
  /** The p8 key's base64 body lines: none may ever be printed or logged. */
  p8BodyLines: string[];
  /** Runs the binary against this config dir (never prompting, no colour). */
  run(args: string[], env?: Record<string, string | undefined>, opts?: { input?: string; timeoutMs?: number }): Promise<CliRun>;
}

/** Writes the credentials into `dir` and registers them with `init` (one p12, one p8 certificate name). */
export async function makeCliProfile(dir: string): Promise<CliProfile> {
  const configDir = join(dir, 'config');
  const p12File = join(dir, 'dev.p12');
  writeFileSync(p12File, p12Of(pushCert({ environment: 'development' }), SECRETS.p12Password));
  const key = p8Key('P-256');
  const p8File = join(dir, `AuthKey_${key.keyId}.p8`);
  writeFileSync(p8File, key.pem);
  const p8BodyLines = key.pem.split('\n').filter((line) => line && !line.startsWith('-----'));

  const run: CliProfile['run'] = (args, env = {}, opts = {}) =>
    runCli(args, { env: { NIM_PUSH_CONFIG_DIR: configDir, NIM_PUSH_RELAY_URL: undefined, NIM_PUSH_PROFILE: undefined, ...env }, cwd: dir, ...opts });

  const first = await run(['init', '--app-key', APP_KEY, '--app-secret', SECRETS.appSecret, '--cert-name', 'dev', '--p12', p12File,
    '--password', SECRETS.p12Password, '--bundle-id', BUNDLE_ID, '--env', 'development', '--relay', 'local', '--yes', '--json']);
  if (first.code !== 0) throw new Error(`init failed: ${first.stdout}${first.stderr}`);
  const second = await run(['init', '--add-cert', '--cert-name', 'key', '--p8', p8File, '--team-id', TEAM_ID,
    '--bundle-id', BUNDLE_ID, '--env', 'development', '--yes', '--json']);
  if (second.code !== 0) throw new Error(`init --add-cert failed: ${second.stdout}${second.stderr}`);
  return { configDir, p12File, p8File, keyId: key.keyId, p8BodyLines, run };
}

/** Runs `jobs` with at most `limit` at a time (the machine has few cores; each job is a process). */
export async function runLimited<T>(jobs: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const index = next++;
      results[index] = await jobs[index]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

/** A stack trace line as Node prints it. */
export const STACK_LINE = /^\s+at .+(\(|:\d+:\d+)/m;
