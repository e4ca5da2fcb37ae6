/**
 * `send --to` over v2 does what it does over v1: every option lands on its v2 field, and the
 * relay pushes exactly the same APNs payload for the same options.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelayDevice } from '../../src/commands/relay-device.js';
import { runSendRelay } from '../../src/commands/send-relay.js';
import { runTokenAdd } from '../../src/commands/token.js';
import type { RelaySendResult } from '../../src/output/send-nim-view.js';
import { startRelayService, type RelayService } from '../../src/relay/relay-service.js';
import { mintP8 } from '../../src/standin/mint.js';
import { makeContext, removeDir, type TestContext } from '../helpers/context.js';

const appKey = 'v2-app-key';
const appSecret = 'v2-app-secret-2718281828';
const bundleId = 'com.example.v2';
let service: RelayService;
let ctx: TestContext;
let token: string;
const access = { relay: 'local', appKey, appSecret };

beforeAll(async () => {
  const p8 = mintP8();
  service = await startRelayService({
    ephemeral: true,
    app: { appKey, appSecret, environment: 'development', certs: [{ name: 'dev-key', environment: 'development', bundleId, material: { kind: 'token', keyPem: p8.pem, keyId: p8.keyId, teamId: 'ABCDE12345' } }] },
    apns: { kind: 'sim', autoRegister: false },
  });
  token = service.sim!.state.registerDevice({ topic: bundleId, environment: 'development' }).token;
  ctx = makeContext({ env: { NIM_PUSH_RELAY_URL: service.url } });
  await runRelayDevice({ ...access, api: 'v2', accid: 'alice' }, ctx);
  await runRelayDevice({ ...access, api: 'v2', accid: 'bob', login: 'online', appState: 'background', certName: 'dev-key' }, ctx);
  await runTokenAdd({ ...access, accid: 'bob', token, certName: 'dev-key' }, ctx);
});
afterAll(async () => {
  await service?.close();
  removeDir(ctx.configDir);
});

const OPTIONS = {
  from: 'alice',
  to: 'bob',
  text: 'hello',
  pushText: '发来了一条消息',
  title: 'Hi',
  payload: JSON.stringify({ orderId: 42, apsField: { 'interruption-level': 'time-sensitive' } }),
  sound: 'chime.caf',
  badge: 5,
  category: 'chat',
  threadId: 't-1',
  mutableContent: true,
};

describe('send --to over v2', () => {
  it('delivers exactly the APNs payload v1 delivers for the same options', async () => {
    const v1 = await runSendRelay({ ...access, api: 'v1', ...OPTIONS }, ctx);
    const v2 = await runSendRelay({ ...access, api: 'v2', ...OPTIONS }, ctx);
    expect(v1.exitCode).toBe(0);
    expect(v2.exitCode).toBe(0);
    const [first, second] = service.sim!.state.deliveries({ token }).slice(-2);
    expect(second.payload).toEqual(first.payload);
    expect(first.payload).toEqual({
      orderId: 42,
      aps: {
        alert: { title: 'Hi', body: 'alice: 发来了一条消息' },
        sound: 'chime.caf',
        badge: 5,
        category: 'chat',
        'thread-id': 't-1',
        'mutable-content': 1,
        'interruption-level': 'time-sensitive',
      },
    });
    // v1 answers a msgid, v2 a message_server_id; both carry the request's trace id.
    const [r1] = v1.data.results as RelaySendResult[];
    const [r2] = v2.data.results as RelaySendResult[];
    expect(r1.msgid).toBeGreaterThan(0);
    expect(r2.messageServerId).toBeGreaterThan(r1.msgid!);
    expect(r2.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('--dry-run prints the exact v2 request and the payload NIM would push, and sends nothing', async () => {
    const before = service.relay.store.state.pushLog.length;
    const r = await runSendRelay({ ...access, api: 'v2', ...OPTIONS, noNick: true, forcePush: true, forcePushText: 'urgent', checkFriend: true, dryRun: true }, ctx);
    expect(service.relay.store.state.pushLog.length).toBe(before);
    expect(r.data).toMatchObject({
      dryRun: true,
      api: 'v2',
      requests: [
        {
          method: 'POST',
          url: `${service.url}/im/v2/conversations/alice%7C1%7Cbob/messages`,
          body: {
            message: { message_type: 0, text: 'hello' },
            push_config: { push_nick_enabled: false, push_content: '发来了一条消息', push_forcepush_enable: true, push_forcepush_all: true, push_forcepush_content: 'urgent' },
            p2p_option: { check_friend: true },
          },
        },
      ],
      preview: { payload: { aps: { alert: { title: 'Hi', body: 'urgent' } } } },
    });
    const body = (r.data as { requests: Array<{ body: { push_config: { push_payload: string } } }> }).requests[0].body;
    expect(JSON.parse(body.push_config.push_payload)).toMatchObject({ pushTitle: 'Hi', orderId: 42, apsField: { sound: 'chime.caf', badge: 5 } });
  });

  it.each(['v1', 'v2'] as const)('%s: the dry run previews exactly the APNs payload the relay then pushes (apsField merged into aps)', async (api) => {
    const options = { ...access, api, from: 'alice', to: 'bob', text: 'hi', pushText: '发来了一条消息', title: 'Hi', payload: JSON.stringify({ orderId: 7, apsField: { 'mutable-content': 1, category: 'call', sound: 'ring.caf' } }) };
    const dry = await runSendRelay({ ...options, dryRun: true }, ctx);
    const preview = (dry.data as unknown as { preview: { payload: { aps: Record<string, unknown> } } }).preview.payload;
    expect(preview.aps).toMatchObject({ 'mutable-content': 1, category: 'call', sound: 'ring.caf', alert: { title: 'Hi', body: 'alice: 发来了一条消息' } });
    const sent = await runSendRelay(options, ctx);
    expect(sent.exitCode).toBe(0);
    // The same payload; the badge is the receiver's unread count, which the preview takes as 1.
    const delivered = service.sim!.state.deliveries({ token }).at(-1)?.payload as { aps: { badge: number } };
    expect(delivered.aps.badge).toBeGreaterThanOrEqual(1);
    expect({ ...delivered, aps: { ...delivered.aps, badge: 1 } }).toEqual(preview);
  });

  it.each(['v1', 'v2'] as const)('%s: an apsField that is not an object is refused with nim-payload.aps-field, and nothing is sent', async (api) => {
    const log = service.relay.store.state.pushLog.length;
    const delivered = service.sim!.state.deliveries({ token }).length;
    const r = await runSendRelay({ ...access, api, from: 'alice', to: 'bob', text: 'x', payload: '{"apsField":"mutable-content"}' }, ctx);
    expect(r.exitCode).toBe(1);
    const result = (r.data.results as RelaySendResult[])[0];
    expect(result).toMatchObject({ status: 'blocked', reason: 'nim-payload.aps-field' });
    expect(service.relay.store.state.pushLog.length).toBe(log);
    expect(service.sim!.state.deliveries({ token }).length).toBe(delivered);
  });

  it('a v2 refusal is a relay finding, as v1 refusals are', async () => {
    const r = await runSendRelay({ ...access, api: 'v2', from: 'nobody', to: 'bob' }, ctx);
    expect(r.exitCode).toBe(1);
    expect((r.data.results as RelaySendResult[])[0]).toMatchObject({ status: 'failed', reason: '102404', findings: [{ id: 'relay.error' }] });
  });

  it('a server without v2 is said to be one, with --api v1 as the way out', async () => {
    const v1Only: Server = createServer((req, res) => {
      if (req.url?.includes('/im/')) res.writeHead(404).end('not found');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":200}');
    });
    await new Promise<void>((r) => v1Only.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(v1Only.address() as AddressInfo).port}/nimserver`;
      const r = await runSendRelay({ ...access, relay: url, api: 'v2', from: 'alice', to: 'bob' }, ctx);
      const [result] = r.data.results as RelaySendResult[];
      expect(result.findings[0].id).toBe('relay.no-v2');
      expect(result.findings[0].fix).toContain('--api v1');
    } finally {
      await new Promise<void>((r) => v1Only.close(() => r()));
    }
  });
});
