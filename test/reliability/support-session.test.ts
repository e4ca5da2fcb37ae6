/**
 * What a support session met without a running relay: a config dir under /proc, a
 * closed pipe, broken inputs (a directory as a tokens file, a profile without certificates,
 * random bytes as a .p12), local refusals of a relay send, a bulk send to a dead APNs, and
 * usage errors that must name what is wrong. The rest, with relays: support-session-relay.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server as NetServer } from 'node:net';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ID } from '../fixtures/credentials.js';
import { BIN, parseJson, type CliRun } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { makeCliProfile, runLimited, SECRETS, STACK_LINE, type CliProfile } from './cli-fixture.js';
import { createRng } from './seeded-random.js';

interface Doc {
  ok: boolean;
  error?: { code: string; message: string };
  findings?: Array<{ id: string; message: string }>;
  results?: Array<{ recipient: string; status: string; reason?: string | null; findings: Array<{ id: string }> }>;
  summary?: { sent: number; failed: number; blocked: number };
  [key: string]: unknown;
}
const doc = (r: CliRun): Doc => parseJson(r.stdout) as Doc;
const HEX = 'ab'.repeat(32);
const tokenOf = (i: number): string => i.toString(16).padStart(64, '0');

let dir: string;
let profile: CliProfile;
/** A port nothing listens on. */
let closedPort: number;

const listen = (server: NetServer): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
const close = (server: NetServer): Promise<void> => new Promise((resolve) => server.close(() => resolve()));

/** The binary against the test profile, HOME in the temp dir. */
const cli = (args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 20_000): Promise<CliRun> =>
  profile.run(args, { HOME: dir, ...env }, { timeoutMs });

/** A bash pipeline with the binary as $NODE "$BIN"; `set -o pipefail` shows the CLI's own exit code. */
function shell(script: string): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', CI: 'true', NO_COLOR: '1', HOME: dir, NODE: process.execPath, BIN, NIM_PUSH_CONFIG_DIR: profile.configDir };
    const child = spawn('bash', ['-c', `set -o pipefail; ${script}`], { env, cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('error', reject);
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
  });
}

const expectNoCrash = (r: CliRun, label: string): void => {
  expect(r.stdout + r.stderr, label).not.toMatch(STACK_LINE);
  expect(r.stdout + r.stderr, label).not.toMatch(/unexpected failure|This is a bug|Cannot read properties/);
};

beforeAll(async () => {
  dir = makeTempDir('nim-push-trust-');
  profile = await makeCliProfile(dir);
  writeFileSync(join(dir, 'tokens50.txt'), ['# fifty tokens', '', ...Array.from({ length: 50 }, (_, i) => tokenOf(i + 1))].join('\n'));
  writeFileSync(join(dir, 'tokens3000.txt'), Array.from({ length: 3000 }, (_, i) => tokenOf(i + 1)).join('\n'));
  const rng = createRng(1207);
  writeFileSync(join(dir, 'rnd.p12'), rng.bytes(3000));
  // A DER SEQUENCE with an 8-byte long-form length: node-forge's parser says "Only 8, 16, 24, or 32 bits supported: 64".
  writeFileSync(join(dir, 'long-length.p12'), Buffer.concat([Buffer.from([0x30, 0x88]), rng.bytes(1000)]));
  const probe = createServer();
  closedPort = await listen(probe);
  await close(probe);
}, 30_000);
afterAll(() => removeDir(dir));

describe('support session, without a relay', () => {
  it('config list, init --yes and diagnose with --config-dir /proc/foo end within seconds, with an error or an empty list, never hang', async () => {
    const commands = [
      ['config', 'list'],
      ['init', '--yes', '--app-key', 'k', '--app-secret', 's', '--cert-name', 'dev', '--p12', profile.p12File, '--password', SECRETS.p12Password,
        '--bundle-id', BUNDLE_ID, '--env', 'development', '--relay', 'local'],
      ['diagnose', '--to', 'bob', '--from', 'alice'],
    ];
    const outcomes = await runLimited(commands.map((args) => async () => {
      const started = Date.now();
      const r = await cli(['--config-dir', '/proc/foo', ...args, '--json'], { NIM_PUSH_CONFIG_DIR: undefined }, 15_000);
      return { args, r, ms: Date.now() - started };
    }), 2);
    for (const { args, r, ms } of outcomes) {
      const label = args.slice(0, 2).join(' ');
      expect(ms, label).toBeLessThan(10_000);
      expect(r.code, `${label}: ${r.stdout}${r.stderr}`).not.toBeNull();
      expectNoCrash(r, label);
      const d = doc(r);
      // Nothing stored under /proc/foo: listing it is "no profiles"; everything else is an error.
      if (args[0] === 'config' && r.code === 0) expect(d, label).toMatchObject({ ok: true, profiles: [] });
      else {
        expect([1, 2], label).toContain(r.code);
        expect(d.error?.code, label).toMatch(/^(file|config)\./);
      }
    }
    const init = outcomes[1];
    expect(init.r.code).toBe(2);
    expect(doc(init.r).error).toMatchObject({ code: 'file.unwritable', message: expect.stringContaining('/proc/foo') });
  }, 40_000);

  it('--help | head -1 and send --dry-run | head -1 exit 0 with no EPIPE and no stack trace', async () => {
    const scripts: Array<[string, RegExp]> = [
      ['"$NODE" "$BIN" --help | head -1', /^Usage: nim-push/],
      ['"$NODE" "$BIN" send --to bob --from alice --text hi --dry-run | head -1', /^POST /],
      ['"$NODE" "$BIN" send --to bob --from alice --text hi --dry-run --json | head -c 20', /^\{"ok":true/],
      // 250 kB of requests into a pipe closed after one line: the write really meets EPIPE.
      ['"$NODE" "$BIN" send --tokens-file tokens3000.txt --cert-name key --text hi --dry-run | head -1', /^POST \/3\/device\/0{63}1/],
    ];
    for (const [script, first] of scripts) {
      const r = await shell(script);
      expect(r.code, `${script}: ${r.stderr}`).toBe(0);
      expect(r.stdout, script).toMatch(first);
      expect(r.stdout.trimEnd().split('\n'), script).toHaveLength(1);
      expect(r.stderr, script).not.toMatch(/EPIPE/);
      expectNoCrash(r, script);
    }
  }, 40_000);

  it('send --tokens-file <a directory> is exit 2 with file.unreadable naming it, not an unexpected failure', async () => {
    const json = await cli(['send', '--tokens-file', dir, '--cert-name', 'key', '--dry-run', '--json']);
    expect(json.code).toBe(2);
    expect(doc(json).error?.code).toMatch(/^file\./);
    expect(doc(json).error?.message).toContain(dir);
    const human = await cli(['send', '--tokens-file', dir, '--cert-name', 'key', '--dry-run']);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain(dir);
    expectNoCrash(json, 'json');
    expectNoCrash(human, 'human');
  });

  it('a hand-written profile without "certs": config list, config show and cert check work or fail cleanly', async () => {
    const configDir = join(dir, 'bare', 'cfg');
    const path = doc(await cli(['config', 'path', '--json'], { NIM_PUSH_CONFIG_DIR: configDir })).path as string;
    mkdirSync(dirname(path), { recursive: true });
    const profiles = { bare: { appKey: 'k', appSecret: 's', bundleId: BUNDLE_ID, environment: 'development', relay: 'local' } };
    writeFileSync(path, JSON.stringify({ current: 'bare', profiles }), { mode: 0o600 });
    const run = (args: string[]) => cli(args, { NIM_PUSH_CONFIG_DIR: configDir });
    for (const args of [['config', 'list'], ['config', 'show'], ['cert', 'check']]) {
      for (const json of [true, false]) {
        const r = await run(json ? [...args, '--json'] : args);
        const label = `${args.join(' ')}${json ? ' --json' : ''}`;
        expectNoCrash(r, label);
        if (args[0] === 'config') expect(r.code, `${label}: ${r.stdout}${r.stderr}`).toBe(0);
        else expect([1, 2], label).toContain(r.code);
        if (json && args[0] === 'config') expect(JSON.stringify(doc(r)), label).toContain('"certs":[]');
        if (json && args[0] === 'cert') expect(doc(r).error?.code ?? doc(r).findings?.[0]?.id, label).toMatch(/^(certname|config)\./);
      }
    }
    expect((await run(['config', 'list'])).stdout).toMatch(/bare/);
    expect((await run(['cert', 'check'])).stderr).toMatch(/bare.*init --add-cert/);
  }, 30_000);

  it('check --junit reports/deep/x.xml creates the missing folders and writes the report', async () => {
    const r = await cli(['check', '--junit', 'reports/deep/x.xml', '--json']);
    expectNoCrash(r, 'check');
    expect([0, 1, 3]).toContain(r.code);
    expect(doc(r).junit).toBe('reports/deep/x.xml');
    const file = join(dir, 'reports', 'deep', 'x.xml');
    expect(existsSync(file)).toBe(true);
    const xml = readFileSync(file, 'utf8');
    expect(xml).toMatch(/^<\?xml /);
    expect(xml).toMatch(/<testsuites [^>]*tests="\d+"/);
    expect(xml).toContain('<testcase ');
  });

  it('random bytes as a .p12 give a p12.* finding, never node-forge\'s "Only 8, 16, 24, or 32 bits supported"', async () => {
    for (const name of ['rnd.p12', 'long-length.p12']) {
      for (const json of [true, false]) {
        const r = await cli(['cert', 'check', join(dir, name), '--password', 'x', ...(json ? ['--json'] : [])]);
        const label = `${name}${json ? ' --json' : ''}`;
        expect(r.code, label).toBe(1);
        expectNoCrash(r, label);
        expect(r.stdout + r.stderr, label).not.toMatch(/bits supported|Only 8, 16/);
        if (json) {
          const ids = (doc(r).findings ?? []).map((f) => f.id);
          expect(ids.length, label).toBeGreaterThan(0);
          expect(ids.every((id) => id.startsWith('p12.')), `${label}: ${ids.join(',')}`).toBe(true);
        } else expect(r.stdout, label).toMatch(/p12\.unreadable/);
      }
    }
  }, 30_000);

  it('a relay send refused by a local check is "blocked": apsField a string, push text over 500, a 10,000-character text (message.too-long)', async () => {
    const cases: Array<[string[], string]> = [
      [['--payload', '{"apsField":"x"}'], 'nim-payload.aps-field'],
      [['--push-text', 'x'.repeat(501)], 'pushcontent.too-long'],
      [['--text', 'y'.repeat(10_000)], 'message.too-long'],
    ];
    for (const [extra, id] of cases) {
      const r = await cli(['send', '--to', 'bob', '--from', 'alice', '--text', 'hi', ...extra, '--json']);
      expect(r.code, id).toBe(1);
      const d = doc(r);
      expect(d.results, id).toHaveLength(1);
      expect(d.results![0], id).toMatchObject({ recipient: 'bob', status: 'blocked', reason: id });
      expect(d.results![0].findings.map((f) => f.id), id).toContain(id);
      expect(d.results![0].findings.map((f) => f.id), id).not.toContain('nim-payload.too-long');
      expect(d.summary, id).toEqual({ sent: 0, failed: 0, blocked: 1 });
    }
  }, 30_000);

  it('a bulk direct send that finds APNs unreachable exits 3 with one result for every token it read', async () => {
    const apns = `https://127.0.0.1:${closedPort}`;
    const all = await cli(['send', '--tokens-file', 'tokens50.txt', '--cert-name', 'key', '--apns-url', apns, '--insecure', '--text', 'hi', '--json']);
    expect(all.code).toBe(3);
    const d = doc(all);
    expect(d.error?.code).toBe('apns.unreachable');
    expect(d.results!.map((r) => r.recipient).sort()).toEqual(Array.from({ length: 50 }, (_, i) => tokenOf(i + 1)));
    for (const r of d.results!) expect(['failed', 'blocked', 'sent']).toContain(r.status);
    expect(d.summary!.sent + d.summary!.failed + d.summary!.blocked).toBe(50);

    // Few in flight over many tokens: it stops reading, and every token read has its result, none skipped.
    const part = await cli(['send', '--tokens-file', 'tokens3000.txt', '--cert-name', 'key', '--apns-url', apns, '--insecure', '--text', 'hi', '--concurrency', '4', '--json']);
    expect(part.code).toBe(3);
    const p = doc(part);
    const n = p.results!.length;
    expect(n).toBeGreaterThan(0);
    expect(p.results!.map((r) => r.recipient).sort()).toEqual(Array.from({ length: n }, (_, i) => tokenOf(i + 1)));
    expect(p.summary!.sent + p.summary!.failed + p.summary!.blocked).toBe(n);
    expect(part.stdout + part.stderr).not.toMatch(STACK_LINE);
  }, 40_000);

  it('send --priority 7 is exit 2 and lists the valid values 10, 5, 1', async () => {
    const r = await cli(['send', '--token', HEX, '--cert-name', 'key', '--priority', '7', '--dry-run', '--json']);
    expect(r.code).toBe(2);
    expect(doc(r).error?.message).toMatch(/--priority.*10, 5, 1/);
    expect(doc(r).error?.message).toContain('7');
  });

  it('relay serve --port <a busy port> is exit 2 with relay.listen naming the port', async () => {
    const busy = createServer();
    const port = await listen(busy);
    try {
      const r = await cli(['relay', 'serve', '--port', String(port), '--ephemeral', '--json'], {}, 15_000);
      expect(r.code, r.stdout + r.stderr).toBe(2);
      expect(doc(r).error?.code).toBe('relay.listen');
      expect(doc(r).error?.message).toContain(String(port));
      const human = await cli(['relay', 'serve', '--port', String(port), '--ephemeral'], {}, 15_000);
      expect(human.code).toBe(2);
      expect(human.stderr).toMatch(new RegExp(`${port}.*in use`));
    } finally {
      await close(busy);
    }
  }, 40_000);

  it('send --apns-url sim with no simulator running: exit 3 with apns-sim.not-running, no talk of firewalls', async () => {
    for (const json of [true, false]) {
      const r = await cli(['send', '--token', HEX, '--cert-name', 'key', '--apns-url', 'sim', ...(json ? ['--json'] : [])]);
      expect(r.code).toBe(3);
      expect(r.stdout + r.stderr).toMatch(/apns-sim\.not-running/);
      expect(r.stdout + r.stderr).not.toMatch(/firewall/i);
      if (json) expect((doc(r).findings ?? []).map((f) => f.id)).toContain('apns-sim.not-running');
    }
  });

  it('diagnose --profile nosuch names nosuch', async () => {
    const json = await cli(['diagnose', '--profile', 'nosuch', '--to', 'a', '--from', 'b', '--json']);
    expect(json.code).toBe(2);
    expect(doc(json).error).toMatchObject({ code: 'config.no-profile', message: expect.stringContaining("'nosuch'") });
    const human = await cli(['diagnose', '--profile', 'nosuch', '--to', 'a', '--from', 'b']);
    expect(human.code).toBe(2);
    expect(human.stderr).toContain("'nosuch'");
  });
});
