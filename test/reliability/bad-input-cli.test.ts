/**
 * Broken input on the command line — random bytes as a credential, malformed tokens, oversized
 * and invalid payloads, bad flag values — never crashes and never prints a stack trace without
 * --verbose: every run ends with a finding or a documented error code and exit 1, 2 or 3.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { makeCliProfile, runLimited, STACK_LINE, type CliProfile } from './cli-fixture.js';
import { createRng } from './seeded-random.js';

const TOKEN = 'ab'.repeat(32);
/** Nothing here may leave the machine: relay calls go to a closed port, APNs calls to loopback. */
const DEAD_RELAY = 'http://127.0.0.1:9';
const DEAD_APNS = 'https://127.0.0.1:9';

let dir: string;
let profile: CliProfile;
let cases: string[][];

beforeAll(async () => {
  dir = makeTempDir('nim-push-bad-input-');
  profile = await makeCliProfile(dir);
  const rng = createRng(4242);
  writeFileSync(join(dir, 'random.p12'), rng.bytes(2000));
  writeFileSync(join(dir, 'empty.p12'), '');
  writeFileSync(join(dir, 'random.p8'), rng.bytes(300));
  writeFileSync(join(dir, 'AuthKey_ABCDEFGHIJ.p8'), '-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n');
  writeFileSync(join(dir, 'random.pem'), `-----BEGIN CERTIFICATE-----\n${rng.bytes(500).toString('base64')}\n-----END CERTIFICATE-----\n`);
  writeFileSync(join(dir, 'tokens.bin'), Buffer.concat([rng.bytes(3000), Buffer.from(`\n${TOKEN}\nzz\n<ab cd>\n`)]));
  writeFileSync(join(dir, 'big.json'), JSON.stringify({ aps: { alert: 'x'.repeat(6000) } }));
  writeFileSync(join(dir, 'bad.json'), '{"aps": {"alert": "unterminated');
  mkdirSync(join(dir, 'a-directory.p12'));

  const send = ['send', '--token', TOKEN, '--cert-name', 'key', '--apns-url', DEAD_APNS];
  cases = [
    // credentials
    ['cert', 'check', join(dir, 'random.p12'), '--password', 'x'],
    ['cert', 'check', join(dir, 'empty.p12')],
    ['cert', 'check', join(dir, 'random.p8'), '--team-id', 'ABCDE12345'],
    ['cert', 'check', join(dir, 'AuthKey_ABCDEFGHIJ.p8'), '--team-id', 'ABCDE12345'],
    ['cert', 'check', join(dir, 'random.pem')],
    ['cert', 'check', join(dir, 'a-directory.p12')],
    ['cert', 'check', join(dir, 'missing.p12')],
    ['cert', 'check', profile.p12File, '--password', 'wrong'],
    ['cert', 'check', profile.p12File, '--warn-days', 'soon'],
    ['init', '--profile', 'p2', '--app-key', 'k', '--app-secret', 's', '--cert-name', 'c', '--p12', join(dir, 'random.p12'), '--password', 'x', '--bundle-id', 'com.x', '--env', 'development', '--relay', 'local', '--yes'],
    ['init', '--profile', 'p3', '--app-key', 'k', '--app-secret', 's', '--cert-name', 'c', '--p8', join(dir, 'random.p8'), '--team-id', 'T', '--bundle-id', 'com.x', '--env', 'staging', '--relay', 'local', '--yes'],
    ['init', '--profile', 'p4', '--yes'],
    // tokens
    ['token', 'add', 'u1', 'not-a-token'],
    ['token', 'add', 'u1', '\u0000\u0001\u00ff'],
    ['token', 'add', 'u1', `dXNlcl9pbnN0YW5jZQ:APA91b${'Hk3x_Q-z'.repeat(18)}`],
    ['token', 'add', 'u'.repeat(40), TOKEN],
    [...send, '--token', 'xyz'],
    ['send', '--tokens-file', join(dir, 'tokens.bin'), '--cert-name', 'key', '--dry-run'],
    ['send', '--tokens-file', join(dir, 'missing.txt'), '--cert-name', 'key', '--dry-run'],
    ['diagnose', '--token', 'nope', '--app-state', 'background', '--login', 'online'],
    // payloads
    [...send, '--payload', '{"aps":'],
    [...send, '--payload', '[1,2]'],
    [...send, '--payload', `@${join(dir, 'big.json')}`],
    [...send, '--payload', `@${join(dir, 'bad.json')}`],
    [...send, '--payload', `@${join(dir, 'missing.json')}`],
    [...send, '--push-text', 'x'.repeat(5000)],
    [...send, '--collapse-id', 'c'.repeat(100)],
    ['send', '--to', 'u1', '--from', 'u2', '--push-text', 'x'.repeat(600)],
    ['send', '--to', 'u1', '--from', 'u2', '--payload', 'x'.repeat(3000)],
    ['send', '--to', 'u1', '--from', 'u2', '--payload', '{oops'],
    ['check', '--payload', '{oops'],
    ['check', '--push-text', 'y'.repeat(600)],
    // flag values
    [...send, '--priority', 'abc'],
    [...send, '--priority', '7'],
    [...send, '--expiry', 'yesterday'],
    [...send, '--concurrency', '0'],
    [...send, '--concurrency', '-5'],
    [...send, '--badge', 'many'],
    [...send, '--push-type', 'nope'],
    ['send', '--token', TOKEN, '--cert-name', 'key', '--apns-url', 'ftp://example'],
    ['send', '--token', TOKEN, '--cert-name', 'nope', '--dry-run'],
    ['send', '--token', TOKEN, '--via', 'carrier-pigeon'],
    ['send', '--token', TOKEN, '--to', 'u1'],
    ['send'],
    ['token', 'list', '--timeout', 'abc'],
    ['log', '--limit', 'lots'],
    ['relay', 'dnd', 'u1', 'maybe'],
    ['relay', 'device', 'u1', '--app-state', 'sleeping'],
    ['relay', 'friend', 'befriend', 'u1', 'u2'],
    ['relay', 'serve', '--port', '99999'],
    ['apns-sim', 'serve', '--port', 'abc'],
    ['apns-sim', 'faults', '{not json'],
    ['diagnose', '--to', 'u1', '--dnd-window', '25:00-07:00'],
    ['diagnose', '--to', 'u1', '--at', '99:99'],
    ['diagnose', '--to', 'u1', '--app-state', 'asleep'],
    ['diagnose'],
    ['check', '--warn-days', '-1'],
    ['config', 'use', 'nope'],
    ['config', 'show', '--profile', 'nope'],
    ['--lang', 'fr', 'config', 'list'],
    ['no-such-command'],
  ];
}, 30_000);
afterAll(() => removeDir(dir));

interface Checked {
  label: string;
  code: number | null;
  problems: string[];
}

function check(args: string[], json: boolean, out: { code: number | null; stdout: string; stderr: string }): Checked {
  const label = `${args.join(' ').slice(0, 120)}${json ? ' --json' : ''}`;
  const problems: string[] = [];
  const all = out.stdout + out.stderr;
  if (STACK_LINE.test(all)) problems.push('stack trace');
  if (![1, 2, 3].includes(out.code ?? -1)) problems.push(`exit ${out.code}`);
  if (/unexpected failure|This is a bug/.test(all)) problems.push('internal error');
  if (json) {
    try {
      const doc = JSON.parse(out.stdout.trim()) as { ok?: unknown; error?: { code?: unknown }; verdict?: unknown; missing?: unknown[] };
      if (doc.ok !== false) problems.push('ok is not false');
      const code = doc.error?.code;
      const hasFinding = JSON.stringify(doc).match(/"id":"[a-z0-9-]+\.[A-Za-z0-9.-]+"/);
      if (code === 'internal') problems.push('error.code internal');
      // diagnose without facts answers its documented verdict "unknown" and names the missing flags.
      const unknownVerdict = doc.verdict === 'unknown' && Array.isArray(doc.missing) && doc.missing.length > 0;
      if (typeof code !== 'string' && !hasFinding && !unknownVerdict) problems.push('neither an error code nor a finding id');
    } catch {
      problems.push(`stdout is not one JSON document: ${out.stdout.slice(0, 200)}`);
    }
  } else if (out.stderr.trim() === '' && out.stdout.trim() === '') {
    problems.push('says nothing');
  }
  return { label, code: out.code, problems };
}

const env = { NIM_PUSH_RELAY_URL: DEAD_RELAY };

describe('bad input on the command line', () => {
  it('ends every broken input in a finding or an error code, exit 1-3, without a stack trace (JSON and human)', async () => {
    const jobs = cases.flatMap((args) => [true, false].map((json) => async () => check(args, json, await profile.runHere(json ? [...args, '--json'] : args, env))));
    const checked = await runLimited(jobs, 4);
    const bad = checked.filter((c) => c.problems.length > 0).map((c) => `${c.label}: ${c.problems.join(', ')}`);
    expect(bad).toEqual([]);
    const byCode = checked.reduce<Record<string, number>>((acc, c) => ({ ...acc, [String(c.code)]: (acc[String(c.code)] ?? 0) + 1 }), {});
    console.info(`bad CLI input: ${checked.length} runs, exit codes ${JSON.stringify(byCode)}`);
  }, 60_000);

  it('the built binary also prints no stack trace for a sample of them', async () => {
    const sample = cases.filter((_, i) => i % 6 === 0);
    const checked = await runLimited(sample.map((args) => async () => check(args, true, await profile.run([...args, '--json'], env, { timeoutMs: 20_000 }))), 3);
    expect(checked.filter((c) => c.problems.length > 0).map((c) => `${c.label}: ${c.problems.join(', ')}`)).toEqual([]);
  }, 60_000);

  it('--verbose does show the stack of a failure, so the check above can fail', async () => {
    const out = await profile.runHere(['send', '--token', TOKEN, '--priority', 'abc', '--verbose'], env);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(STACK_LINE);
  });
});
