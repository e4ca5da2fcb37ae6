/**
 * A refused request has no effect: for every kind of refusal of a send (v1 and v2), nothing is
 * stored, delivered or pushed — no message id, no badge, no APNs request — and the push log
 * says what was refused and why. A retry with the same trace id does not act twice.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PushLogEntry } from '../../src/core/nim/wire-relay.js';
import type { PushRequest, PushSender } from '../../src/relay/message-dispatch.js';
import { startRelay, type RelayHandle } from '../../src/relay/server.js';
import { APP_KEY, APP_SECRET, sha1Hex, wireForm, wireJson, wireV2 } from './wire-helpers.js';

const pushed: PushRequest[] = [];
const sender: PushSender = { send: async (request) => (pushed.push(request), { status: 'sent', apnsId: `id-${pushed.length}`, httpStatus: 200 }) };
let relay: RelayHandle;
const TOKEN = 'ab'.repeat(32);

beforeAll(async () => {
  relay = await startRelay({
    ephemeral: true,
    app: { appKey: APP_KEY, appSecret: APP_SECRET, certs: [{ name: 'dev', environment: 'development', bundleId: 'com.x.y' }] },
    pushSender: sender,
    rateLimit: { perSecond: 1000, blockMs: 60_000 },
  });
  for (const accid of ['alice', 'bob', 'banned', 'muted', 'stranger']) await wireForm(relay.url, 'user/create', { accid });
  await wireForm(relay.url, 'friend/add', { accid: 'alice', faccid: 'bob', type: '1' });
  await wireJson(relay.url, 'device/login', { accid: 'bob', appState: 'background', certName: 'dev' });
  await wireJson(relay.url, 'device/updateApnsToken', { accid: 'bob', token: TOKEN, certName: 'dev' });
  await wireForm(relay.url, 'user/block', { accid: 'banned' });
  await wireForm(relay.url, 'user/muteModule', { accid: 'muted', muteP2P: 'true' });
});
afterAll(() => relay.close());

interface Before {
  pushed: number;
  nextMsgId: number;
  badge: number;
  log: number;
}
let before: Before;
const snapshot = (): Before => ({ pushed: pushed.length, nextMsgId: relay.store.state.nextMsgId, badge: relay.store.state.users.bob.badge, log: relay.store.state.pushLog.length });
beforeEach(() => {
  before = snapshot();
});

/** Nothing happened but one push-log entry that names the refusal. */
function expectNoEffect(code: number, finding: string): PushLogEntry {
  const now = snapshot();
  expect(now.pushed).toBe(before.pushed);
  expect(now.nextMsgId).toBe(before.nextMsgId);
  expect(now.badge).toBe(before.badge);
  expect(now.log).toBe(before.log + 1);
  const entry = relay.store.state.pushLog.at(-1)!;
  expect(entry).toMatchObject({ delivery: 'refused', refused: { code } });
  expect(entry.msgid).toBeUndefined();
  expect(entry.findings.map((f) => f.id)).toEqual([finding]);
  return entry;
}

const msg = (fields: Record<string, string>) => wireForm(relay.url, 'msg/sendMsg', { ope: '0', type: '0', body: '{"msg":"hi"}', pushcontent: 'p', ...fields });
const v2msg = (from: string, to: string, extra: Record<string, unknown> = {}) =>
  wireV2(relay.url, 'POST', `/im/v2/conversations/${encodeURIComponent(`${from}|1|${to}`)}/messages`, { message: { message_type: 0, text: 'hi' }, push_config: { push_content: 'p' }, ...extra });

describe('a refused send has no effect, and the push log says why', () => {
  it('a banned sender: 301 (v2 102422)', async () => {
    expect((await msg({ from: 'banned', to: 'bob' })).json.code).toBe(301);
    expect(expectNoEffect(301, 'sender.banned')).toMatchObject({ from: 'banned', to: 'bob' });
    before = snapshot();
    expect((await v2msg('banned', 'bob')).json.code).toBe(102422);
    expectNoEffect(102422, 'sender.banned');
  });

  it('a sender muted for one-to-one chat: 403 (v2 102421)', async () => {
    expect((await msg({ from: 'muted', to: 'bob' })).json.code).toBe(403);
    expectNoEffect(403, 'sender.chat-banned');
    before = snapshot();
    expect((await v2msg('muted', 'bob')).json.code).toBe(102421);
    expectNoEffect(102421, 'sender.chat-banned');
  });

  it('non-friends when the console forbids it: 403 (v2 104404)', async () => {
    await wireJson(relay.url, 'app/settings', { nonFriendMessages: 'forbidden' });
    try {
      before = snapshot();
      expect((await msg({ from: 'stranger', to: 'bob' })).json.code).toBe(403);
      expectNoEffect(403, 'relation.not-friend');
      before = snapshot();
      expect((await v2msg('stranger', 'bob')).json.code).toBe(104404);
      expectNoEffect(104404, 'relation.not-friend');
    } finally {
      await wireJson(relay.url, 'app/settings', { nonFriendMessages: 'allowed' });
    }
  });

  it('checkFriend between non-friends: 403 (v2 p2p_option.check_friend: 104404)', async () => {
    expect((await msg({ from: 'stranger', to: 'bob', checkFriend: 'true' })).json.code).toBe(403);
    expectNoEffect(403, 'relation.not-friend');
    before = snapshot();
    expect((await v2msg('stranger', 'bob', { p2p_option: { check_friend: true } })).json.code).toBe(104404);
    expectNoEffect(104404, 'relation.not-friend');
  });

  it('an account that does not exist: 404 (v2 102404), the finding names which one', async () => {
    expect((await msg({ from: 'ghost', to: 'bob' })).json.code).toBe(404);
    expect(expectNoEffect(404, 'account.not-found').findings[0].params).toMatchObject({ role: 'sender', accid: 'ghost' });
    before = snapshot();
    expect((await v2msg('alice', 'ghost')).json.code).toBe(102404);
    expect(expectNoEffect(102404, 'account.not-found').findings[0].params).toMatchObject({ role: 'receiver', accid: 'ghost' });
  });

  it('parameter errors: 414 and 405 (v2 414)', async () => {
    expect((await msg({ from: 'alice', to: 'bob', option: 'not json' })).json.code).toBe(414);
    expectNoEffect(414, 'relay.error');
    before = snapshot();
    expect((await msg({ from: 'alice', to: 'bob', pushcontent: 'x'.repeat(501) })).json.code).toBe(405);
    expectNoEffect(405, 'relay.error');
    before = snapshot();
    expect((await v2msg('alice', 'bob', { push_config: { push_payload: { not: 'a string' } } })).json.code).toBe(414);
    expectNoEffect(414, 'relay.error');
  });

  it('a refused signature: 414, logged with the accounts the request named', async () => {
    const answer = await wireForm(relay.url, 'msg/sendMsg', { from: 'alice', ope: '0', to: 'bob', type: '0', body: '{}' }, { checkSum: sha1Hex('wrong') });
    expect(answer.json.code).toBe(414);
    expect(expectNoEffect(414, 'relay.auth-failed')).toMatchObject({ from: 'alice', to: 'bob' });
  });

  it('the rate limit: 416 past the limit, nothing sent for the refused ones', async () => {
    const limited = await startRelay({ ephemeral: true, app: { appKey: APP_KEY, appSecret: APP_SECRET, certs: [] }, rateLimit: { perSecond: 2, blockMs: 60_000 } });
    try {
      for (const accid of ['a', 'b']) await wireForm(limited.url, 'user/create', { accid });
      const codes = [];
      for (let i = 0; i < 4; i++) codes.push((await wireForm(limited.url, 'msg/sendMsg', { from: 'a', ope: '0', to: 'b', type: '0', body: '{}' })).json.code);
      expect(codes).toEqual([200, 200, 416, 416]);
      expect(limited.store.state.nextMsgId).toBe(3);
      expect(limited.store.state.pushLog.entries().filter((e) => e.delivery === 'refused').map((e) => e.refused?.code)).toEqual([416, 416]);
    } finally {
      await limited.close();
    }
  });
});

describe('a retried request does not act twice', () => {
  it('the same RequestId (v1) or X-custom-traceid (v2) gets the first answer and no second push', async () => {
    const traceId = 'f'.repeat(32);
    const first = await wireForm(relay.url, 'msg/sendMsg', { from: 'alice', ope: '0', to: 'bob', type: '0', body: '{"msg":"once"}' }, { headers: { RequestId: traceId } });
    const again = await wireForm(relay.url, 'msg/sendMsg', { from: 'alice', ope: '0', to: 'bob', type: '0', body: '{"msg":"once"}' }, { headers: { RequestId: traceId } });
    expect(first.json.code).toBe(200);
    expect(again.json).toEqual(first.json);
    expect(pushed.length).toBe(before.pushed + 1);
    const v2a = await v2msg('alice', 'bob', {});
    const v2b = await wireV2(relay.url, 'POST', `/im/v2/conversations/${encodeURIComponent('alice|1|bob')}/messages`, { message: { message_type: 0, text: 'x' } }, { traceId: 'e'.repeat(32) });
    const v2c = await wireV2(relay.url, 'POST', `/im/v2/conversations/${encodeURIComponent('alice|1|bob')}/messages`, { message: { message_type: 0, text: 'x' } }, { traceId: 'e'.repeat(32) });
    expect(v2a.json.code).toBe(200);
    expect(v2c.json).toEqual(v2b.json);
    expect(pushed.length).toBe(before.pushed + 3);
  });
});
