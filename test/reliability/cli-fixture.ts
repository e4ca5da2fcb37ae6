/**
 * A config dir with a profile holding known secrets (App Secret, p12 password, p8 key), made
 * with the built binary's own `init`, for tests that run the CLI as users do.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { main } from '../../src/main.js';
import { BUNDLE_ID, p12Of, p8Key, pushCert, TEAM_ID } from '../fixtures/credentials.js';
import { BIN, NO_AMBIENT_PROXY, runCli, type CliRun } from '../helpers/cli.js';

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
  /** The same through `main()` in this process: the binary's code path without a process start. */
  runHere(args: string[], env?: Record<string, string | undefined>): Promise<CliRun>;
}

/** A non-TTY output stream that keeps what is written. */
function capture(): { stream: Writable & { isTTY?: boolean }; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** Runs the CLI's `main()` with its own streams and environment, as bin/nim-push.cjs does. */
export async function runMain(args: string[], env: Record<string, string | undefined>, cwd: string, input = ''): Promise<CliRun> {
  const stdout = capture();
  const stderr = capture();
  const stdin = new PassThrough();
  stdin.end(input);
  const fullEnv: Record<string, string | undefined> = { CI: 'true', NO_COLOR: '1', PATH: process.env.PATH, HOME: cwd, ...env };
  const code = await main(args, { env: fullEnv, cwd, stdin, stdout: stdout.stream, stderr: stderr.stream });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
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

  const runHere: CliProfile['runHere'] = (args, env = {}) => runMain(args, { NIM_PUSH_CONFIG_DIR: configDir, ...env }, dir);

  // init runs in-process: the same code as the binary, without two process starts per test file.
  const first = await runHere(['init', '--app-key', APP_KEY, '--app-secret', SECRETS.appSecret, '--cert-name', 'dev', '--p12', p12File,
    '--password', SECRETS.p12Password, '--bundle-id', BUNDLE_ID, '--env', 'development', '--relay', 'local', '--yes', '--json']);
  if (first.code !== 0) throw new Error(`init failed: ${first.stdout}${first.stderr}`);
  const second = await runHere(['init', '--add-cert', '--cert-name', 'key', '--p8', p8File, '--team-id', TEAM_ID,
    '--bundle-id', BUNDLE_ID, '--env', 'development', '--yes', '--json']);
  if (second.code !== 0) throw new Error(`init --add-cert failed: ${second.stdout}${second.stderr}`);
  return { configDir, p12File, p8File, keyId: key.keyId, p8BodyLines, run, runHere };
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

export interface Server {
  child: ChildProcess;
  output: () => string;
  /** The match of the readiness pattern (URLs, file paths). */
  match: RegExpExecArray;
}

/** Spawns a long-running command and resolves once `ready` matches its output. */
export function startServer(args: string[], env: Record<string, string>, ready: RegExp): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, ...NO_AMBIENT_PROXY, CI: 'true', NO_COLOR: '1', NIM_PUSH_RELAY_URL: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let text = '';
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      child.kill('SIGKILL');
      reject(new Error(`${args.join(' ')}: ${why}\n${text}`));
    };
    const timer = setTimeout(() => fail('not ready in 20 s'), 20_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      const match = settled ? null : ready.exec(text);
      if (!match) return;
      settled = true;
      clearTimeout(timer);
      resolve({ child, output: () => text, match });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('error', (error) => fail(error.message));
    child.on('exit', (code) => fail(`exited with ${code}`));
  });
}

export function stopServer(server: Server | undefined): Promise<void> {
  if (!server || server.child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => server.child.kill('SIGKILL'), 5000);
    server.child.once('exit', () => (clearTimeout(kill), resolve()));
    server.child.kill('SIGINT');
  });
}

