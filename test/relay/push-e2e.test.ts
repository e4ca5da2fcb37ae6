import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRsaKeys, mintCa, mintP8, mintPushCert } from '../../src/standin/mint.js';
import { createRelayClient, type RelayClient } from '../../src/adapters/relay-client.js';
import { startRelayService, type RelayService } from '../../src/relay/relay-service.js';
import type { PushLogEntry } from '../../src/core/nim/wire-relay.js';

const appKey = 'e2e-app-key';
const appSecret = 'e2e-app-secret-0a1b2c3d4e';
const bundleId = 'com.example.nimdemo';
let service: RelayService;
let client: RelayClient;
let devToken: string;
let prodToken: string;

beforeAll(async () => {
  // 1024-bit keys: the size does not matter here and 2048-bit generation is slow.
  const ca = mintCa({ keys: generateRsaKeys(1024) });
  const devCert = mintPushCert({ ca, bundleId, environment: 'development', keys: generateRsaKeys(1024) });
  const p8 = mintP8();
  service = await startRelayService({
    ephemeral: true,
    app: {
      appKey,
      appSecret,
      environment: 'development',
      certs: [
        { name: 'dev-cert', environment: 'development', bundleId, material: { kind: 'cert', certPem: devCert.certPem, keyPem: devCert.keyPem } },
        { name: 'prod-key', environment: 'production', bundleId, material: { kind: 'token', keyPem: p8.pem, keyId: p8.keyId, teamId: 'ABCDE12345' } },
      ],
    },
    apns: { kind: 'sim', autoRegister: false },
    // A fixed local time keeps DND windows deterministic.
    clock: () => '23:30',
  });
  client = createRelayClient({ baseUrl: service.url, appKey, appSecret });
  devToken = service.sim!.state.registerDevice({ topic: bundleId, environment: 'development' }).token;
  prodToken = service.sim!.state.registerDevice({ topic: bundleId, environment: 'production' }).token;
  for (const [accid, name] of [['alice', 'Alice'], ['bob', 'Bob'], ['carol', 'Carol']]) {
    expect((await client.call('user/create', { accid, name })).code).toBe(200);
  }
  expect((await client.call('friend/add', { accid: 'alice', faccid: 'bob', type: '1' })).code).toBe(200);
  expect((await client.callJson('device/login', { accid: 'bob', certName: 'dev-cert', appState: 'background' })).code).toBe(200);
  expect((await client.callJson('device/updateApnsToken', { accid: 'bob', token: `<${devToken.toUpperCase()}>` })).code).toBe(200);
  expect((await client.callJson('device/login', { accid: 'carol', certName: 'prod-key', appState: 'killed' })).code).toBe(200);
  expect((await client.callJson('device/updateApnsToken', { accid: 'carol', token: prodToken, environment: 'production' })).code).toBe(200);
}, 20_000);
afterAll(() => service?.close());

const send = (fields: Record<string, string>) =>
  client.call('msg/sendMsg', { from: 'alice', to: 'bob', ope: '0', type: '0', body: '{"msg":"hello"}', ...fields });
const lastLog = async (to: string): Promise<PushLogEntry> => {
  const res = await client.callJson('pushlog/list', { to, limit: 1 });
  return (res.entries as PushLogEntry[])[0];
};
const deliveriesTo = (token: string) => service.sim!.state.deliveries({ token });

describe('send → relay → APNs simulator', () => {
  it('pushes to a backgrounded receiver with the nick prefix and the given push text', async () => {
    const before = deliveriesTo(devToken).length;
    const res = await send({ pushcontent: '发来了一条消息', payload: JSON.stringify({ pushTitle: 'Chat', apsField: { 'mutable-content': 1 }, orderId: 7 }) });
    expect(res.code).toBe(200);
    const entry = await lastLog('bob');
    expect(entry).toMatchObject({ delivery: 'push', verdict: 'fires', text: 'Alice: 发来了一条消息' });
    expect(entry.apns?.[0]).toMatchObject({ status: 'sent', certName: 'dev-cert', token: devToken });
    const delivered = deliveriesTo(devToken);
    expect(delivered.length).toBe(before + 1);
    expect(delivered.at(-1)!.payload).toEqual({
      orderId: 7,
      aps: { alert: { title: 'Chat', body: 'Alice: 发来了一条消息' }, sound: 'default', badge: 1, 'mutable-content': 1 },
    });
    expect(delivered.at(-1)!.headers['apns-topic']).toBe(bundleId);
  });

  it('uses the default text without a nick when needPushNick is false and no push text is given', async () => {
    await send({ option: JSON.stringify({ needPushNick: false, badge: false }) });
    const payload = deliveriesTo(devToken).at(-1)!.payload as { aps: Record<string, unknown> };
    expect(payload.aps.alert).toBe('你收到一条新消息');
    expect(payload.aps.badge).toBeUndefined();
  });

  it('pushes with a p8 key to the production token of a killed app', async () => {
    const res = await client.call('msg/sendMsg', { from: 'alice', to: 'carol', ope: '0', type: '0', body: '{"msg":"hi"}', pushcontent: 'prod push' });
    expect(res.code).toBe(200);
    expect((await lastLog('carol')).apns?.[0]).toMatchObject({ status: 'sent', certName: 'prod-key' });
    expect(deliveriesTo(prodToken).length).toBe(1);
  });

  it('delivers in-app and does not push when the receiver is in the foreground', async () => {
    await client.callJson('device/appState', { accid: 'bob', appState: 'foreground' });
    const before = deliveriesTo(devToken).length;
    const res = await send({ pushcontent: 'x' });
    expect(res.code).toBe(200);
    expect(res.push).toMatchObject({ delivery: 'in-app' });
    expect(deliveriesTo(devToken).length).toBe(before);
    await client.callJson('device/appState', { accid: 'bob', appState: 'background' });
  });

  it('blocks with the rule that explains it: logged out, DND, DND overridden by force push', async () => {
    const count = () => deliveriesTo(devToken).length;
    await client.callJson('device/logout', { accid: 'bob' });
    let before = count();
    await send({ pushcontent: 'x' });
    expect(await lastLog('bob')).toMatchObject({ delivery: 'blocked', findings: [expect.objectContaining({ id: 'receiver.logged-out' })] });
    expect(count()).toBe(before);

    await client.callJson('device/login', { accid: 'bob', certName: 'dev-cert', appState: 'background' });
    await client.callJson('device/setDnd', { accid: 'bob', on: true, start: '22:00', end: '07:00' });
    before = count();
    await send({ pushcontent: 'x' });
    expect((await lastLog('bob')).findings[0].id).toBe('receiver.dnd');
    expect(count()).toBe(before);

    await send({ pushcontent: 'x', forcepushall: 'true', forcepushcontent: 'urgent' });
    const forced = await lastLog('bob');
    expect(forced).toMatchObject({ delivery: 'push', text: 'Alice: urgent' });
    expect(forced.findings.map((f) => f.id)).toContain('force-push.overrides');
    expect(count()).toBe(before + 1);
    await client.callJson('device/setDnd', { accid: 'bob', on: false });
  });

  it('refuses a non-friend message with 403 when the console forbids it, and logs why', async () => {
    await client.callJson('app/settings', { nonFriendMessages: 'forbidden' });
    const res = await client.call('msg/sendMsg', { from: 'carol', to: 'bob', ope: '0', type: '0', body: '{"msg":"hi"}' });
    expect(res.code).toBe(403);
    expect((await lastLog('bob')).findings[0].id).toBe('relation.not-friend');
    await client.callJson('app/settings', { nonFriendMessages: 'allowed' });
  });

  it('records an APNs rejection in the push log (token from another app)', async () => {
    const stranger = service.sim!.state.registerDevice({ topic: 'com.other.app', environment: 'development' }).token;
    await client.callJson('device/updateApnsToken', { accid: 'bob', token: stranger, certName: 'dev-cert' });
    await send({ pushcontent: 'two tokens' });
    const entry = await lastLog('bob');
    const byToken = Object.fromEntries((entry.apns ?? []).map((a) => [a.token, a]));
    expect(byToken[devToken]).toMatchObject({ status: 'sent' });
    expect(byToken[stranger]).toMatchObject({ status: 'failed', reason: 'DeviceTokenNotForTopic' });
    await client.callJson('device/removeApnsToken', { accid: 'bob', token: stranger });
  });

  it('sends a custom system notification only when it has push text', async () => {
    const before = deliveriesTo(devToken).length;
    const silent = await client.call('msg/sendAttachMsg', { from: 'alice', to: 'bob', msgtype: '0', attach: '{"k":1}' });
    expect(silent.code).toBe(200);
    expect(deliveriesTo(devToken).length).toBe(before);
    await client.call('msg/sendAttachMsg', { from: 'alice', to: 'bob', msgtype: '0', attach: '{"k":1}', pushcontent: 'sys' });
    expect((deliveriesTo(devToken).at(-1)!.payload as { aps: { alert: string } }).aps.alert).toBe('sys');
  });
});
