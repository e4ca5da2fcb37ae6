/**
 * Secrets stay secret: every command is run with a profile holding a known App Secret, p12
 * password and p8 key, in human and --json modes with --verbose, on success and error paths.
 * Nothing the CLI, the relay (its output, data and push log) or the simulator (its log) writes
 * may contain one of them, and everything in the config dir is private (0600 files, 0700 dirs).
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ID } from '../fixtures/credentials.js';
import type { CliRun } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { APP_KEY, makeCliProfile, runLimited, SECRETS, STACK_LINE, startServer, stopServer, type CliProfile, type Server } from './cli-fixture.js';

const WRONG_PASSWORD = 'WrongPw-Yt55-Bb2q';

function filesUnder(dir: string): Array<{ path: string; isDir: boolean }> {
  const out: Array<{ path: string; isDir: boolean }> = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    out.push({ path, isDir: entry.isDirectory() });
    if (entry.isDirectory()) out.push(...filesUnder(path));
  }
  return out;
}

let dir: string;
let profile: CliProfile;
let simConfigDir: string;
let relay: Server | undefined;
let sim: Server | undefined;
let secrets: string[];

beforeAll(async () => {
  dir = makeTempDir('nim-push-secrets-');
  profile = await makeCliProfile(dir);
  secrets = [SECRETS.appSecret, SECRETS.p12Password, WRONG_PASSWORD, ...profile.p8BodyLines];
  relay = await startServer(['relay', 'serve', '--port', '0', '--verbose'], { NIM_PUSH_CONFIG_DIR: profile.configDir }, /Press Ctrl\+C/);
  simConfigDir = join(dir, 'sim-config');
  sim = await startServer(['apns-sim', 'serve', '--auto-register', '--verbose'], { NIM_PUSH_CONFIG_DIR: simConfigDir },
    /development (https:\/\/\S+)[\s\S]*?--apns-ca\): (\S+)/);
}, 40_000);
afterAll(async () => {
  await stopServer(relay);
  await stopServer(sim);
  removeDir(dir);
});

describe('secrets never leak', () => {
  it('appear in no output, log or data file of any command, in any mode, on success and error paths', async () => {
    const run = (args: string[], env: Record<string, string> = {}) => profile.run(args, env, { timeoutMs: 30_000 });
    // Receivers and a token on the relay's own simulator, so sends really reach APNs.
    for (const accid of ['u1', 'u2']) expect((await run(['relay', 'device', accid, '--app-state', 'background', '--login', 'online', '--cert-name', 'key', '--json'])).code).toBe(0);
    const minted = await run(['apns-sim', 'device', '--topic', BUNDLE_ID, '--env', 'development', '--json']);
    const token = (JSON.parse(minted.stdout) as { token: string }).token;
    expect(token).toMatch(/^[0-9a-f]{64}$/);
    const simUrl = sim!.match[1];
    const simCa = sim!.match[2];
    writeFileSync(join(dir, 'random.p12'), Buffer.from(Array.from({ length: 700 }, (_, i) => (i * 7919) % 256)));

    const ok: string[][] = [
      ['config', 'list'], ['config', 'show'], ['config', 'path'],
      ['cert', 'check'], ['cert', 'check', profile.p12File, '--password', SECRETS.p12Password], ['cert', 'check', profile.p8File, '--team-id', 'ABCDE12345'],
      ['token', 'add', 'u1', token, '--cert-name', 'key'], ['token', 'list', 'u1'],
      ['relay', 'friend', 'add', 'u1', 'u2'], ['relay', 'block', 'u1', 'u2', '--remove'], ['relay', 'mute', 'u1', 'u2', '--remove'], ['relay', 'dnd', 'u1', 'off'],
      ['send', '--to', 'u1', '--from', 'u2', '--text', 'hi', '--push-text', 'hello'],
      ['send', '--token', token, '--cert-name', 'key', '--apns-url', 'sim', '--push-text', 'hello'],
      ['send', '--token', token, '--cert-name', 'dev', '--apns-url', 'sim', '--push-text', 'hello'],
      ['send', '--token', token, '--cert-name', 'key', '--dry-run', '--push-text', 'hello'],
      // The standalone simulator knows no key: certificate auth is delivered, token auth refused.
      ['send', '--token', token, '--cert-name', 'dev', '--apns-url', simUrl, '--apns-ca', simCa, '--push-text', 'hello'],
      ['send', '--token', token, '--cert-name', 'key', '--apns-url', simUrl, '--apns-ca', simCa, '--push-text', 'hello'],
      ['log', '--to', 'u1'], ['apns-sim', 'deliveries'], ['relay', 'status'],
      ['diagnose', '--to', 'u1', '--from', 'u2'], ['check'], ['check', '--send-to', 'u1'],
    ];
    const failing: Array<{ args: string[]; env?: Record<string, string> }> = [
      { args: ['cert', 'check', profile.p12File, '--password', WRONG_PASSWORD] },
      { args: ['cert', 'check', join(dir, 'random.p12'), '--password', SECRETS.p12Password] },
      { args: ['init', '--add-cert', '--cert-name', 'bad', '--p12', profile.p12File, '--password', WRONG_PASSWORD, '--bundle-id', BUNDLE_ID, '--env', 'development', '--yes'] },
      { args: ['init', '--profile', 'other', '--app-key', APP_KEY, '--app-secret', SECRETS.appSecret, '--cert-name', 'x'.repeat(40), '--p8', profile.p8File, '--team-id', 'ABCDE12345', '--bundle-id', BUNDLE_ID, '--env', 'development', '--relay', 'ftp://nowhere', '--yes'] },
      { args: ['init', '--app-secret', SECRETS.appSecret, '--password', SECRETS.p12Password, '--bogus'] },
      { args: ['token', 'list', 'u1'], env: { NIM_PUSH_RELAY_URL: 'http://127.0.0.1:9' } },
      { args: ['send', '--to', 'u1', '--from', 'u2'], env: { NIM_PUSH_RELAY_URL: 'http://127.0.0.1:9' } },
      { args: ['send', '--token', token, '--cert-name', 'key', '--apns-url', 'https://127.0.0.1:9', '--push-text', 'x'] },
      { args: ['send', '--token', token, '--priority', '7'] },
      { args: ['send', '--token', token, '--payload', '{"aps":'] },
      { args: ['config', 'show', '--profile', 'missing'] },
    ];
    const modes = [['--verbose'], ['--json', '--verbose'], ['--lang', 'zh']];
    const runs = [
      ...ok.flatMap((args) => modes.slice(0, 2).map((mode) => ({ args: [...args, ...mode], env: {} as Record<string, string>, expectOk: true }))),
      ...failing.flatMap((f) => modes.map((mode) => ({ args: [...f.args, ...mode], env: f.env ?? {}, expectOk: false }))),
      { args: ['demo', '--json', '--verbose'], env: {}, expectOk: true },
      // The App Secret taken from the environment instead of the command line.
      { args: ['token', 'list', 'u1', '--verbose'], env: { NIM_APP_SECRET: SECRETS.appSecret }, expectOk: true },
    ];
    // In-process through main() (the binary's code path, without a process start per run), with
    // anything written straight to this process's stdout/stderr caught too; a sample is also
    // spawned as the real binary.
    const direct = catchProcessOutput();
    let results;
    try {
      results = await runLimited(runs.map((r) => async () => ({ ...r, out: await profile.runHere(r.args, r.env) })), 4);
    } finally {
      direct.restore();
    }
    const spawned = runs.filter((_, i) => i % 9 === 0 && !runs[i].args.includes('demo'));
    results.push(...await runLimited(spawned.map((r) => async () => ({ ...r, args: [...r.args], out: await run(r.args, r.env) })), 3));

    const leaks: string[] = [];
    const scan = (where: string, text: string) => {
      for (const secret of secrets) if (text.includes(secret)) leaks.push(`${where} contains ${secret.slice(0, 6)}…`);
    };
    scan('writes straight to the process streams', direct.text());
    const failures: string[] = [];
    for (const r of results) {
      const label = r.args.join(' ');
      scan(`${label}: stdout`, r.out.stdout);
      scan(`${label}: stderr`, r.out.stderr);
      // Without --verbose, no stack trace even on error paths.
      if (!r.args.includes('--verbose')) expect(r.out.stdout + r.out.stderr, label).not.toMatch(STACK_LINE);
      if (r.expectOk && r.out.code === null) failures.push(`${label}: killed`);
      if (!r.expectOk) expect(r.out.code, `${label}: ${r.out.stdout}${r.out.stderr}`).not.toBe(0);
      if (r.args.includes('--json')) expectOneJsonDocument(label, r.out);
    }
    expect(failures).toEqual([]);
    // The runs really reached the relay and APNs, so their outputs were worth scanning.
    const sentDirect = results.find((r) => r.args.join(' ').startsWith(`send --token ${token} --cert-name key --apns-url sim`) && r.args.includes('--json'))!;
    expect(JSON.parse(sentDirect.out.stdout)).toMatchObject({ ok: true, summary: { sent: 1 } });

    await stopServer(relay);
    await stopServer(sim);
    scan('relay serve output', relay!.output());
    scan('apns-sim serve output (its request log)', sim!.output());
    expect(sim!.output()).toMatch(/POST \/3\/device\//);

    // The relay's data holds the push log of the sends above, so scanning it covers the log too.
    const journal = readFileSync(join(profile.configDir, 'relay-data', 'journal.jsonl'), 'utf8');
    expect(journal).toContain('"op":"push.log"');
    for (const root of [profile.configDir, simConfigDir]) {
      for (const { path, isDir } of filesUnder(root)) {
        const mode = statSync(path).mode & 0o777;
        if (isDir) {
          expect({ path, mode: mode.toString(8) }).toEqual({ path, mode: '700' });
          continue;
        }
        const text = readFileSync(path, 'utf8');
        if (path.endsWith('apns-sim-ca.pem')) {
          // A public CA certificate other tools (curl --cacert) read: no key inside.
          expect(text).not.toMatch(/PRIVATE KEY/);
        } else {
          expect({ path, mode: mode.toString(8) }).toEqual({ path, mode: '600' });
        }
        // The profile store is where the App Secret and p12 password live, by design; nothing else may hold them.
        if (path === join(profile.configDir, 'config.json')) {
          for (const line of profile.p8BodyLines) expect(text).not.toContain(line);
          // The scan reads the real values: the profile store does hold them.
          expect(text).toContain(SECRETS.appSecret);
        }
        else scan(path, text);
      }
    }
    expect(leaks).toEqual([]);
    console.info(`secrets: ${results.length} command runs and ${filesUnder(profile.configDir).length + filesUnder(simConfigDir).length} files scanned for ${secrets.length} secret strings, ${leaks.length} leaks`);
  }, 120_000);
});

/** Collects what is written to process.stdout/stderr and the console until restored. */
function catchProcessOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const keep = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  process.stdout.write = keep as typeof process.stdout.write;
  process.stderr.write = keep as typeof process.stderr.write;
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const saved = methods.map((m) => console[m]);
  for (const m of methods) console[m] = (...args: unknown[]) => void chunks.push(args.map(String).join(' '));
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = out;
      process.stderr.write = err;
      methods.forEach((m, i) => (console[m] = saved[i]));
    },
  };
}

function expectOneJsonDocument(label: string, out: CliRun): void {
  const doc = JSON.parse(out.stdout.trim()) as { ok?: unknown; error?: { code?: unknown } };
  expect(typeof doc.ok, label).toBe('boolean');
  if (doc.ok === false && doc.error) expect(typeof doc.error.code, label).toBe('string');
}
