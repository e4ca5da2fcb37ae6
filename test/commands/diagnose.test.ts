import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ID, p12Of, pushCert } from '../fixtures/credentials.js';
import { run as diagnose } from '../../src/commands/diagnose.js';
import { runRelayServe } from '../../src/commands/relay-serve.js';
import { createRelayClient } from '../../src/adapters/relay-client.js';
import { openConfigStore } from '../../src/adapters/config-store.js';
import type { Profile } from '../../src/core/profile.js';
import { createStyle } from '../../src/output/style.js';
import { makeContext, makeTempDir, removeDir } from '../helpers/context.js';

const dir = makeTempDir();
const SECRET = 'diagnose-secret-123456';
writeFileSync(join(dir, 'dev.p12'), p12Of(pushCert({ environment: 'development' }), 'pw'));
const profile: Profile = {
  appKey: 'k', appSecret: SECRET, bundleId: BUNDLE_ID, environment: 'development', relay: 'local',
  certs: [{ name: 'dev', kind: 'p12', path: join(dir, 'dev.p12'), password: 'pw', environment: 'development' }],
};
const stop = new AbortController();
let serving: Promise<unknown>;
let relayUrl = '';
const ctx = makeContext({ configDir: dir });

beforeAll(async () => {
  await openConfigStore(dir).saveProfile('default', profile, true);
  await new Promise<void>((resolve, reject) => {
    serving = runRelayServe({ profile, appSecret: SECRET, ephemeral: true, signal: stop.signal, onReady: (i) => ((relayUrl = i.url), resolve()) }, ctx);
    serving.catch(reject);
  });
  const c = createRelayClient({ baseUrl: relayUrl, appKey: 'k', appSecret: SECRET });
  for (const accid of ['alice', 'bob']) await c.call('user/create', { accid });
  await c.call('friend/add', { accid: 'alice', faccid: 'bob', type: '1' });
  await c.callJson('device/login', { accid: 'bob', appState: 'foreground' });
  await c.callJson('device/updateApnsToken', { accid: 'bob', token: 'ab'.repeat(32), certName: 'dev', environment: 'development' });
});

afterAll(async () => {
  stop.abort();
  await serving;
  removeDir(dir);
});

const ALL_FLAGS = {
  appState: 'background', login: 'online', banned: 'no', friends: 'yes', nonFriendMessages: 'allowed', blacklisted: 'no',
  dnd: 'off', muted: 'no', desktopOnline: 'no', tokenEnv: 'development', env: 'development',
};

type Data = { verdict: string; findings: Array<{ id: string }>; missing: Array<{ fact: string; flag: string }>; facts: Record<string, { value: unknown; source: string }> };

describe('diagnose', () => {
  it('replays a ticket from flags alone without contacting any relay', async () => {
    const offline = makeContext({ configDir: makeTempDir() });
    await openConfigStore(offline.configDir).saveProfile('default', { ...profile, relay: 'http://127.0.0.1:9' }, true);
    const r = await diagnose([], { to: 'bob', ...ALL_FLAGS, appState: 'foreground' }, offline);
    const data = r.data as unknown as Data;
    expect(data.verdict).toBe('blocked');
    expect(data.findings[0].id).toBe('receiver.foreground');
    expect(data.findings.map((f) => f.id)).not.toContain('relay.unreachable');
    removeDir(offline.configDir);
  });

  it('reads the receiver from the relay: foreground there means blocked', async () => {
    const r = await diagnose([], { to: 'bob', from: 'alice' }, ctx);
    const data = r.data as unknown as Data;
    expect(r.exitCode).toBe(1);
    expect(data.verdict).toBe('blocked');
    expect(data.findings[0].id).toBe('receiver.foreground');
    // Each fact names the endpoint it came from (issue: the NIM cloud, for real).
    expect(data.facts.appState).toEqual({ value: 'foreground', source: 'relay:device/state' });
    expect(data.facts.iosOnline).toEqual({ value: true, source: 'relay:user/userOnlineStatus' });
    expect(data.facts.friends).toEqual({ value: true, source: 'relay:friend/getByAccid' });
  });

  it('a flag beats the relay', async () => {
    const r = await diagnose([], { to: 'bob', from: 'alice', appState: 'background' }, ctx);
    const data = r.data as unknown as Data;
    expect(data.facts.appState).toEqual({ value: 'background', source: 'flag' });
    expect(data.verdict).toBe('fires');
    expect(r.exitCode).toBe(0);
  });

  it('a token uploaded under a certificate name the app does not have: certname.unknown', async () => {
    const c = createRelayClient({ baseUrl: relayUrl, appKey: 'k', appSecret: SECRET });
    await c.call('user/create', { accid: 'carol' });
    await c.callJson('device/login', { accid: 'carol', appState: 'background' });
    await c.callJson('device/updateApnsToken', { accid: 'carol', token: 'cd'.repeat(32), certName: 'prod-typo', environment: 'development' });
    const r = await diagnose([], { to: 'carol', ...ALL_FLAGS, tokenEnv: undefined, appState: undefined, login: undefined }, ctx);
    expect((r.data as unknown as Data).findings[0].id).toBe('certname.unknown');
  });

  it('an unknown receiver is account.not-found, not a login state', async () => {
    const r = await diagnose([], { to: 'nobody', from: 'alice' }, ctx);
    expect((r.data as unknown as Data).findings[0].id).toBe('account.not-found');
  });

  it('a missing fact makes the verdict unknown and names the flag that supplies it', async () => {
    const { appState: _a, ...rest } = ALL_FLAGS;
    const r = await diagnose([], rest, makeContext({ configDir: makeTempDir() }));
    const data = r.data as unknown as Data;
    expect(data.verdict).toBe('unknown');
    expect(r.exitCode).toBe(1);
    expect(data.missing).toContainEqual({ fact: 'appState', flag: '--app-state' });
  });

  it.each([
    ['23:30', 'blocked'],
    ['06:59', 'blocked'],
    ['07:00', 'fires'],
    ['12:00', 'fires'],
  ])('DND 22:00-07:00 crossing midnight, sent at %s → %s', async (at, verdict) => {
    const r = await diagnose([], { ...ALL_FLAGS, dnd: undefined, dndWindow: '22:00-07:00', at }, makeContext({ configDir: makeTempDir() }));
    expect((r.data as unknown as Data).verdict).toBe(verdict);
  });

  it('force push gets through DND but not through a blacklist', async () => {
    const fresh = () => makeContext({ configDir: makeTempDir() });
    const dnd = await diagnose([], { ...ALL_FLAGS, dnd: 'on', forcePush: true }, fresh());
    expect((dnd.data as unknown as Data).verdict).toBe('fires');
    expect((dnd.data as unknown as Data).findings.map((f) => f.id)).toContain('force-push.overrides');
    const blocked = await diagnose([], { ...ALL_FLAGS, blacklisted: 'yes', forcePush: true }, fresh());
    expect((blocked.data as unknown as Data).findings[0].id).toBe('relation.blacklisted');
  });

  it('a bad flag value is a usage error naming the flag and its values', async () => {
    await expect(diagnose([], { appState: 'sleeping' }, makeContext({ configDir: makeTempDir() }))).rejects.toMatchObject({ exitCode: 2, message: expect.stringContaining('--app-state') });
  });

  it('prints Chinese with --lang zh, verdict first', async () => {
    const zh = makeContext({ configDir: makeTempDir(), lang: 'zh' });
    const r = await diagnose([], { ...ALL_FLAGS, dnd: 'on' }, zh);
    const text = r.human(createStyle(false));
    expect(text.split('\n')[0]).toContain('不会推送');
    expect(text).toContain('免打扰');
  });
});
