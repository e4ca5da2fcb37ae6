/**
 * What a support session met with running relays: one `relay serve` as shipped
 * (its simulator auto-registers unknown tokens) and one with `--strict-tokens`, each in its own
 * config dir, both on loopback with ephemeral state. The rest, without one: support-session.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ID } from '../fixtures/credentials.js';
import { parseJson, type CliRun } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { makeCliProfile, startServer, stopServer, type CliProfile, type Server } from './cli-fixture.js';

interface Finding { id: string; message: string }
interface Doc {
  ok: boolean;
  error?: { code: string; message: string };
  verdict?: string;
  blocking?: Finding;
  findings?: Finding[];
  results?: Array<{ recipient: string; status: string; reason?: string | null; apnsId?: string; findings: Finding[] }>;
  [key: string]: unknown;
}
interface Delivery { token: string; apnsId: string; payload: { aps: Record<string, unknown> }; autoRegistered?: boolean }
interface Deliveries { total: number; matching: number; deliveries: Delivery[] }
const doc = (r: CliRun): Doc => parseJson(r.stdout) as Doc;

let dir: string;
let main: CliProfile;
let strict: CliProfile;
const servers: Server[] = [];
/** A token minted by the main relay's simulator for bob (not auto-registered). */
let bobToken: string;

const runner = (p: CliProfile) => (args: string[]): Promise<CliRun> => p.run(args, { HOME: dir }, { timeoutMs: 20_000 });
let cli: (args: string[]) => Promise<CliRun>;
let cliStrict: (args: string[]) => Promise<CliRun>;

/** In-process (faster) set-up steps that must succeed. */
async function setUp(p: CliProfile, args: string[]): Promise<string> {
  const r = await p.runHere(args);
  if (r.code !== 0) throw new Error(`${args.join(' ')}: exit ${r.code} ${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}
const deliveries = async (args: string[]): Promise<Deliveries> => parseJson((await cli(['apns-sim', 'deliveries', ...args, '--json'])).stdout) as unknown as Deliveries;

beforeAll(async () => {
  dir = makeTempDir('nim-push-trust-relay-');
  for (const name of ['main', 'strict']) mkdirSync(join(dir, name));
  [main, strict] = await Promise.all([makeCliProfile(join(dir, 'main')), makeCliProfile(join(dir, 'strict'))]);
  cli = runner(main);
  cliStrict = runner(strict);
  const ready = /Press Ctrl\+C to stop/;
  servers.push(...(await Promise.all([
    startServer(['relay', 'serve', '--ephemeral'], { NIM_PUSH_CONFIG_DIR: main.configDir, HOME: dir }, ready),
    startServer(['relay', 'serve', '--ephemeral', '--strict-tokens'], { NIM_PUSH_CONFIG_DIR: strict.configDir, HOME: dir }, ready),
  ])));
  for (const p of [main, strict]) {
    await setUp(p, ['relay', 'device', 'alice', '--login', 'online', '--app-state', 'foreground']);
    await setUp(p, ['relay', 'device', 'bob', '--login', 'online', '--app-state', 'background', '--cert-name', 'key']);
  }
  bobToken = await setUp(main, ['apns-sim', 'device', '--topic', BUNDLE_ID, '--env', 'development']);
  await setUp(main, ['token', 'add', 'bob', bobToken, '--cert-name', 'key', '--env', 'development']);
}, 60_000);
afterAll(async () => {
  await Promise.all(servers.map(stopServer));
  removeDir(dir);
});

const OPTIONS = ['--badge', '42', '--sound', 'chime.caf', '--category', 'c', '--thread-id', 't', '--mutable-content'];
const APS = { sound: 'chime.caf', badge: 42, category: 'c', 'thread-id': 't', 'mutable-content': 1 };

describe('support session, with a relay', () => {
  it('relay send carries --badge --sound --category --thread-id --mutable-content in the v1 payload and the v2 push_payload', async () => {
    const v1 = doc(await cli(['send', '--to', 'bob', '--from', 'alice', '--text', 'hi', ...OPTIONS, '--dry-run', '--json', '--api', 'v1']));
    const v1Request = (v1.requests as Array<{ url: string; form: { payload: string } }>)[0];
    expect(v1Request.url).toMatch(/\/msg\/sendMsg\.action$/);
    expect(JSON.parse(v1Request.form.payload)).toMatchObject({ apsField: APS });
    const v2 = doc(await cli(['send', '--to', 'bob', '--from', 'alice', '--text', 'hi', ...OPTIONS, '--dry-run', '--json', '--api', 'v2']));
    const v2Request = (v2.requests as Array<{ body: { push_config: { push_payload: string } } }>)[0];
    expect(JSON.parse(v2Request.body.push_config.push_payload)).toMatchObject({ apsField: APS });
    // And the push APNs receives has each of them, through either API.
    for (const api of ['v1', 'v2']) {
      const sent = await cli(['send', '--to', 'bob', '--from', 'alice', '--text', 'hi', ...OPTIONS, '--api', api, '--json']);
      expect(sent.code, `${api}: ${sent.stdout}`).toBe(0);
      const last = (await deliveries(['--token', bobToken, '--limit', '1'])).deliveries[0];
      expect(last.apnsId, api).toBe(doc(sent).results![0].apnsId);
      expect(last.payload.aps, api).toMatchObject(APS);
    }
  }, 30_000);

  it('--subtitle and --collapse-id through the relay are refused with exit 2 naming the flag', async () => {
    for (const [flag, value] of [['--subtitle', 's'], ['--collapse-id', 'x']]) {
      const r = await cli(['send', '--to', 'bob', '--from', 'alice', '--text', 'hi', flag, value, '--json']);
      expect(r.code, flag).toBe(2);
      expect(doc(r).error?.message, flag).toContain(flag);
      expect(doc(r).flags, flag).toEqual([flag]);
    }
  });

  it('token add without --env records no environment; after a BadDeviceToken, diagnose is blocked with apns.BadDeviceToken', async () => {
    const token = 'cd'.repeat(32);
    const added = await cliStrict(['token', 'add', 'bob', token, '--cert-name', 'key', '--json']);
    expect(added.code).toBe(0);
    expect(doc(added).token).not.toHaveProperty('environment');
    const listed = doc(await cliStrict(['token', 'list', 'bob', '--json'])).tokens as Array<Record<string, unknown>>;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ token, certName: 'key' });
    expect(listed[0]).not.toHaveProperty('environment');
    expect((await cliStrict(['token', 'list', 'bob'])).stdout).toMatch(/env=unknown/);

    const sent = await cliStrict(['send', '--to', 'bob', '--from', 'alice', '--text', 'hi', '--json']);
    expect(sent.code).toBe(1);
    expect(doc(sent).results![0]).toMatchObject({ status: 'failed', reason: 'BadDeviceToken' });

    const diagnosed = await cliStrict(['diagnose', '--to', 'bob', '--from', 'alice', '--json']);
    expect(diagnosed.code).toBe(1);
    expect(doc(diagnosed).verdict).toBe('blocked');
    expect(doc(diagnosed).blocking?.id).toBe('apns.BadDeviceToken');
  }, 30_000);

  it('diagnose --to 小明 is blocked by account.invalid naming it', async () => {
    const r = await cli(['diagnose', '--to', '小明', '--from', 'alice', '--json']);
    expect(r.code).toBe(1);
    expect(doc(r).verdict).toBe('blocked');
    expect(doc(r).blocking?.id).toBe('account.invalid');
    expect(doc(r).blocking?.message).toContain('小明');
  });

  // Both APIs, with non-friend messages allowed and forbidden: a missing sender is never "fires" or "not a friend".
  for (const api of ['v1', 'v2']) {
    it(`diagnose --from nosuchuser (a sender that does not exist, --api ${api}) is account.not-found, not relation.not-friend`, async () => {
      const outcomes: Array<{ policy: string; code: number | null; verdict?: string; blocking?: string }> = [];
      try {
        for (const policy of ['allowed', 'forbidden']) {
          expect((await main.runHere(['relay', 'settings', '--non-friend-messages', policy])).code).toBe(0);
          const r = await cli(['diagnose', '--to', 'bob', '--from', 'nosuchuser', '--api', api, '--json']);
          outcomes.push({ policy, code: r.code, verdict: doc(r).verdict, blocking: doc(r).blocking?.id });
          if (doc(r).blocking?.id === 'account.not-found') expect(doc(r).blocking?.message).toContain('nosuchuser');
        }
      } finally {
        await main.runHere(['relay', 'settings', '--non-friend-messages', 'allowed']);
      }
      const expected = { code: 1, verdict: 'blocked', blocking: 'account.not-found' };
      expect(outcomes).toEqual([{ policy: 'allowed', ...expected }, { policy: 'forbidden', ...expected }]);
    }, 30_000);
  }

  it('apns-sim deliveries --limit 3 shows the newest three; with --token the count is that token\'s', async () => {
    // Another token's delivery first, so the totals differ from the token's count.
    expect((await main.runHere(['send', '--token', bobToken, '--cert-name', 'key', '--apns-url', 'sim', '--push-text', 'other'])).code).toBe(0);
    const token = await setUp(main, ['apns-sim', 'device', '--topic', BUNDLE_ID, '--env', 'development']);
    const ids: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const r = await main.runHere(['send', '--token', token, '--cert-name', 'key', '--apns-url', 'sim', '--push-text', `n${i}`, '--json']);
      expect(r.code).toBe(0);
      ids.push(doc(r).results![0].apnsId!);
    }
    const newest = await deliveries(['--limit', '3']);
    expect(newest.deliveries.map((d) => d.apnsId)).toEqual(ids.slice(2));
    expect(newest.deliveries.map((d) => d.payload.aps.alert)).toEqual(['n3', 'n4', 'n5']);
    expect((await cli(['apns-sim', 'deliveries', '--limit', '3'])).stdout).toMatch(/newest 3 of \d+ matching/);

    const mine = await deliveries(['--token', token]);
    expect(mine.matching).toBe(5);
    expect(mine.total).toBeGreaterThan(5);
    expect(mine.deliveries.map((d) => d.token)).toEqual(Array(5).fill(token));
    const limited = await deliveries(['--token', token, '--limit', '2']);
    expect(limited).toMatchObject({ matching: 5 });
    expect(limited.deliveries.map((d) => d.apnsId)).toEqual(ids.slice(3));
    expect((await cli(['apns-sim', 'deliveries', '--token', token])).stdout).toMatch(/newest 5 of 5 matching/);
  }, 30_000);

  it('relay settings with no flags shows the settings, including the non-friend policy', async () => {
    const json = await cli(['relay', 'settings', '--json']);
    expect(json.code).toBe(0);
    expect(doc(json)).toMatchObject({ ok: true, nonFriendMessages: 'allowed' });
    const human = await cli(['relay', 'settings']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/non-friends: allowed/);
  });

  it('relay status names which simulator URL is development and which production', async () => {
    const json = await cli(['relay', 'status', '--json']);
    expect(json.code).toBe(0);
    const urls = (doc(json).apnsSim as { urls: { development: string; production: string } }).urls;
    expect(urls.development).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.production).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(urls.development).not.toBe(urls.production);
    const human = (await cli(['relay', 'status'])).stdout;
    expect(human).toContain(`development ${urls.development}`);
    expect(human).toContain(`production ${urls.production}`);
  });

  it('relay serve (default) marks deliveries to auto-registered tokens and relay status says auto-registration is on', async () => {
    const unknown = 'da'.repeat(32);
    await setUp(main, ['relay', 'device', 'dave', '--login', 'online', '--app-state', 'background', '--cert-name', 'key']);
    await setUp(main, ['token', 'add', 'dave', unknown, '--cert-name', 'key']);
    const sent = await cli(['send', '--to', 'dave', '--from', 'alice', '--text', 'hi', '--json']);
    expect(sent.code, sent.stdout).toBe(0);
    const auto = await deliveries(['--token', unknown]);
    expect(auto.deliveries).toHaveLength(1);
    expect(auto.deliveries[0].autoRegistered).toBe(true);
    expect((await cli(['apns-sim', 'deliveries', '--token', unknown])).stdout).toMatch(/auto-registered/);
    // A token the simulator minted is not marked.
    expect((await deliveries(['--token', bobToken])).deliveries.every((d) => d.autoRegistered === undefined)).toBe(true);

    expect((doc(await cli(['relay', 'status', '--json'])).apnsSim as { autoRegister: boolean }).autoRegister).toBe(true);
    expect((await cli(['relay', 'status'])).stdout).toMatch(/auto-register: unknown tokens are bound on their first push/);
  }, 30_000);

  it('relay serve --strict-tokens refuses an unknown token with BadDeviceToken and says auto-registration is off', async () => {
    const unknown = 'ee'.repeat(32);
    await setUp(strict, ['relay', 'device', 'erin', '--login', 'online', '--app-state', 'background', '--cert-name', 'key']);
    await setUp(strict, ['token', 'add', 'erin', unknown, '--cert-name', 'key', '--env', 'development']);
    const viaRelay = await cliStrict(['send', '--to', 'erin', '--from', 'alice', '--text', 'hi', '--json']);
    expect(viaRelay.code).toBe(1);
    expect(doc(viaRelay).results![0]).toMatchObject({ status: 'failed', reason: 'BadDeviceToken' });
    expect(doc(viaRelay).results![0].findings.map((f) => f.id)).toContain('apns.BadDeviceToken');
    const direct = await cliStrict(['send', '--token', unknown, '--cert-name', 'key', '--apns-url', 'sim', '--json']);
    expect(direct.code).toBe(1);
    expect(doc(direct).results![0]).toMatchObject({ status: 'failed', reason: 'BadDeviceToken', httpStatus: 400 });
    const none = parseJson((await cliStrict(['apns-sim', 'deliveries', '--token', unknown, '--json'])).stdout);
    expect(none).toMatchObject({ matching: 0 });

    expect((doc(await cliStrict(['relay', 'status', '--json'])).apnsSim as { autoRegister: boolean }).autoRegister).toBe(false);
    expect((await cliStrict(['relay', 'status'])).stdout).not.toMatch(/auto-register/);
  }, 30_000);
});
