/**
 * The relay's answers, read as NetEase's Go server SDK (yunxin-server-sdk-golang v1.0.0) reads
 * them. The shapes below are transcribed from that SDK's response structs (file named on each),
 * field by field with the JSON type its Go type takes; requests are hand-built, not our client's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelay, type RelayHandle } from '../../src/relay/server.js';
import { APP_KEY, APP_SECRET, wireForm, wireJson, wireV2 } from './wire-helpers.js';

type Shape = 'string' | 'number' | 'boolean' | 'string[]' | { [field: string]: Shape } | [Shape];

/** Every field of the struct is there with its JSON type (a Go decode would otherwise drop or fail it). */
function expectShape(value: unknown, shape: Shape, at = '$'): void {
  if (shape === 'string[]') {
    expect(Array.isArray(value), at).toBe(true);
    for (const item of value as unknown[]) expect(typeof item, `${at}[]`).toBe('string');
  } else if (Array.isArray(shape)) {
    expect(Array.isArray(value), at).toBe(true);
    expect((value as unknown[]).length, `${at} is empty`).toBeGreaterThan(0);
    for (const item of value as unknown[]) expectShape(item, shape[0], `${at}[]`);
  } else if (typeof shape === 'object') {
    expect(value !== null && typeof value === 'object', at).toBe(true);
    for (const [field, inner] of Object.entries(shape)) expectShape((value as Record<string, unknown>)[field], inner, `${at}.${field}`);
  } else {
    expect(typeof value, at).toBe(shape);
  }
}

/** Every v1 answer: a numeric code, and a desc that is a string when present (null or a number panics the SDK). */
const v1Envelope = (json: Record<string, unknown>) => {
  expect(typeof json.code).toBe('number');
  if ('desc' in json) expect(typeof json.desc).toBe('string');
};

// src/im/v1/account/account_v1_responses.go — UserInfo
const USER_INFO: Shape = {
  accid: 'string', name: 'string', icon: 'string', sign: 'string', email: 'string', birth: 'string', mobile: 'string', ex: 'string',
  gender: 'number', valid: 'boolean', mute: 'boolean', muteP2P: 'boolean', muteQChat: 'boolean', muteTeam: 'boolean', muteRoom: 'boolean',
};
// src/im/v1/account/account_v1_responses.go — QueryAccountOnlineStatusResponseV1 / OnlineStatus / Status
const ONLINE_STATUS: Shape = { invalidAccids: 'string[]', onlineStatusList: [{ accid: 'string', statusList: [{ loginTime: 'number', clientType: 'number' }] }] };
// src/im/v1/friend/friend_v1_responses.go — FriendInfo, GetFriendRelationshipResponseV1
const FRIEND_INFO: Shape = { createtime: 'number', bidirection: 'boolean', faccid: 'string', alias: 'string' };
const FRIEND_RELATION: Shape = { createtime: 'number', ex: 'string', bidirection: 'boolean', faccid: 'string', serverex: 'string', updatetime: 'number' };
// src/im/v1/history/history_v1_responses.go — UserEvent
const USER_EVENT: Shape = { accid: 'string', timestamp: 'number', eventType: 'number', clientIp: 'string', sdkVersion: 'number', clientType: 'string', code: 'number' };
// src/im/v1/message/message_v1_responses.go — SendMessageResponseV1
const SEND_MESSAGE: Shape = { msgid: 'number', antispam: 'boolean', timetag: 'number' };
// src/im/v2/users/user_v2_responses.go — online status
const ONLINE_STATUS_V2: Shape = { success_list: [{ account_id: 'string', online_status: [{ client_type: 'number', login_time: 'number' }] }] };
// src/im/v2/account/account_v2_responses.go — GetAccountDetailsResponseV2
const ACCOUNT_V2: Shape = {
  account_id: 'string', token: 'string',
  configuration: { enabled: 'boolean', p2p_chat_banned: 'boolean', team_chat_banned: 'boolean', chatroom_chat_banned: 'boolean', qchat_chat_banned: 'boolean', push_enabled_when_desktop_online: 'boolean' },
};
// src/im/v2/block/*_responses.go, src/im/v2/mute/*_responses.go — items are account ids
const CONTACT_PAGE: Shape = { has_more: 'boolean', next_token: 'string', items: 'string[]' };
// src/im/v2/friend/friend_v2_responses.go
const FRIEND_V2: Shape = { friend_account_id: 'string', alias: 'string', extension: 'string', customer_extension: 'string' };
// src/im/v2/message/message_v2_responses.go — SendMessageResponseV2
const SEND_MESSAGE_V2: Shape = { message_server_id: 'number', message_client_id: 'string', sender_id: 'string', receiver_id: 'string', conversation_type: 'number', create_time: 'number', message_type: 'number', text: 'string' };

let relay: RelayHandle;
beforeAll(async () => {
  relay = await startRelay({ ephemeral: true, app: { appKey: APP_KEY, appSecret: APP_SECRET, certs: [] } });
  for (const accid of ['alice', 'bob', 'carol']) await wireForm(relay.url, 'user/create', { accid, name: accid });
  await wireForm(relay.url, 'friend/add', { accid: 'alice', faccid: 'bob', type: '1' });
  await wireForm(relay.url, 'user/setSpecialRelation', { accid: 'bob', targetAcc: 'carol', relationType: '1', value: '1' });
  await wireJson(relay.url, 'device/login', { accid: 'bob', appState: 'foreground' });
  await wireJson(relay.url, 'device/clientOnline', { accid: 'bob', client: 'desktop', online: true });
});
afterAll(() => relay.close());

describe('v1 answers in the shapes of the SDK', () => {
  it('user/getUinfos: top-level uinfos with every UserInfo field; unknown accounts are left out', async () => {
    const { status, json } = await wireForm(relay.url, 'user/getUinfos', { accids: JSON.stringify(['bob', 'nobody']) });
    expect(status).toBe(200);
    v1Envelope(json);
    expectShape(json.uinfos, [USER_INFO]);
    expect((json.uinfos as Array<{ accid: string }>).map((u) => u.accid)).toEqual(['bob']);
  });

  it('user/userOnlineStatus: data.onlineStatusList (Go SDK) and data.status (Java SDK), unknown accounts in invalidAccids', async () => {
    const { json } = await wireForm(relay.url, 'user/userOnlineStatus', { accids: JSON.stringify(['bob', 'nobody']) });
    v1Envelope(json);
    expectShape(json.data, ONLINE_STATUS);
    const data = json.data as { invalidAccids: string[]; onlineStatusList: Array<{ accid: string; statusList: Array<{ clientType: number }> }>; status: Record<string, unknown[]> };
    expect(data.invalidAccids).toEqual(['nobody']);
    expect(data.onlineStatusList[0].statusList.map((s) => s.clientType).sort((a, b) => a - b)).toEqual([2, 4]);
    expect(Object.keys(data.status)).toEqual(['bob']);
  });

  it('friend/get: top-level friends with createtime, bidirection, faccid and alias', async () => {
    const { json } = await wireForm(relay.url, 'friend/get', { accid: 'alice', updatetime: '0' });
    v1Envelope(json);
    expectShape(json.friends, [FRIEND_INFO]);
    expect(json.friends).toEqual([expect.objectContaining({ faccid: 'bob', bidirection: true })]);
  });

  it('friend/getByAccid: top-level friend when they are friends, none when not', async () => {
    const { json } = await wireForm(relay.url, 'friend/getByAccid', { accid: 'alice', faccid: 'bob' });
    v1Envelope(json);
    expectShape(json.friend, FRIEND_RELATION);
    const none = await wireForm(relay.url, 'friend/getByAccid', { accid: 'alice', faccid: 'carol' });
    expect(none.json).toEqual({ code: 200 });
  });

  it('user/listBlackAndMuteList: top-level blacklist and mutelist arrays of accids', async () => {
    const { json } = await wireForm(relay.url, 'user/listBlackAndMuteList', { accid: 'bob' });
    v1Envelope(json);
    expectShape(json, { blacklist: 'string[]', mutelist: 'string[]' });
    expect(json.blacklist).toEqual(['carol']);
  });

  it('history/queryUserEvents: size and events (eventType and code numbers, clientType a string), newest first', async () => {
    const now = Date.now();
    const { json } = await wireForm(relay.url, 'history/queryUserEvents', { accid: 'bob', begintime: String(now - 60_000), endtime: String(now + 1000), limit: '100', reverse: '2' });
    v1Envelope(json);
    expectShape(json, { size: 'number', events: [USER_EVENT] });
    const events = json.events as Array<{ clientType: string; eventType: number; timestamp: number }>;
    expect(events.map((e) => `${e.clientType}:${e.eventType}`)).toEqual(['PC:2', 'IOS:2']);
    expect(events[0].timestamp).toBeGreaterThan(events[1].timestamp);
    // limit is 1 to 100, as documented
    expect((await wireForm(relay.url, 'history/queryUserEvents', { accid: 'bob', begintime: '0', endtime: String(now), limit: '101' })).json.code).toBe(414);
  });

  it('msg/sendMsg: data with msgid, antispam and timetag; user/create: info', async () => {
    const sent = await wireForm(relay.url, 'msg/sendMsg', { from: 'alice', ope: '0', to: 'bob', type: '0', body: '{"msg":"hi"}' });
    v1Envelope(sent.json);
    expectShape(sent.json.data, SEND_MESSAGE);
    const created = await wireForm(relay.url, 'user/create', { accid: 'dave' });
    expectShape(created.json.info, { accid: 'string', token: 'string' });
  });

  it('a send answers exactly NIM\'s fields; the push report comes only to a caller that asks for it (nim-push does)', async () => {
    const form = { from: 'alice', ope: '0', to: 'bob', type: '0', body: '{"msg":"hi"}' };
    const plain = await wireForm(relay.url, 'msg/sendMsg', form);
    expect(Object.keys(plain.json).sort()).toEqual(['code', 'data']);
    const asked = await wireForm(relay.url, 'msg/sendMsg', form, { headers: { 'X-Nim-Push-Report': '1' } });
    expect(asked.json).toMatchObject({ code: 200, push: { delivery: 'in-app', verdict: 'blocked' } });
    const v2 = (headers?: Record<string, string>) =>
      wireV2(relay.url, 'POST', `/im/v2/conversations/${encodeURIComponent('alice|1|bob')}/messages`, { message: { message_type: 0, text: 'hi' } }, { headers });
    expect(Object.keys((await v2()).json).sort()).toEqual(['code', 'data', 'msg']);
    expect((await v2({ 'x-nim-push-report': '1' })).json).toMatchObject({ code: 200, push: { delivery: 'in-app' } });
  });

  it('errors are HTTP 200 with a numeric code and a string desc', async () => {
    for (const answer of [
      await wireForm(relay.url, 'friend/get', { accid: 'nobody' }),
      await wireForm(relay.url, 'user/getUinfos', { accids: 'not json' }),
      await wireForm(relay.url, 'no/such', {}),
    ]) {
      expect(answer.status).toBe(200);
      v1Envelope(answer.json);
      expect(answer.json.code).not.toBe(200);
      expect(typeof answer.json.desc).toBe('string');
    }
  });
});

describe('v2 answers in the shapes of the SDK', () => {
  it('online status, account, block list, friend and send, each under data', async () => {
    const online = await wireV2(relay.url, 'POST', '/im/v2/users/actions/online_status', { account_ids: ['bob', 'nobody'] });
    expect(online.json).toMatchObject({ code: 200, msg: 'success' });
    expectShape(online.json.data, ONLINE_STATUS_V2);
    expectShape(online.json.data, { failed_list: [{ account_id: 'string', error_code: 'number', error_msg: 'string' }] });

    expectShape((await wireV2(relay.url, 'GET', '/im/v2/accounts/bob')).json.data, ACCOUNT_V2);
    expectShape((await wireV2(relay.url, 'GET', '/im/v2/block_contacts?account_id=bob')).json.data, CONTACT_PAGE);
    expectShape((await wireV2(relay.url, 'GET', '/im/v2.1/friends/alice?friend_account_id=bob')).json.data, FRIEND_V2);
    const sent = await wireV2(relay.url, 'POST', `/im/v2/conversations/${encodeURIComponent('alice|1|bob')}/messages`, { message: { message_type: 0, text: 'hi' } });
    expectShape(sent.json.data, SEND_MESSAGE_V2);
  });

  it('errors are HTTP 200 with code, msg and an empty data object; paths without /nimserver work too', async () => {
    const missing = await wireV2(relay.url.replace('/nimserver', ''), 'GET', '/im/v2/accounts/nobody');
    expect(missing.status).toBe(200);
    expect(missing.json).toEqual({ code: 102404, msg: 'account not exist', data: {} });
    const notFriend = await wireV2(relay.url, 'GET', '/im/v2.1/friends/alice?friend_account_id=carol');
    expect(notFriend.json).toMatchObject({ code: 104404, data: {} });
  });

  it('pages a list with next_token until has_more is false', async () => {
    for (const accid of ['e1', 'e2', 'e3']) {
      await wireForm(relay.url, 'user/create', { accid });
      await wireV2(relay.url, 'POST', '/im/v2/block_contacts', { account_id: 'carol', contact_account_id: accid });
    }
    const seen: string[] = [];
    let token = '';
    for (let i = 0; i < 5; i++) {
      const page = await wireV2(relay.url, 'GET', `/im/v2/block_contacts?account_id=carol&limit=2${token ? `&page_token=${token}` : ''}`);
      const data = page.json.data as { items: string[]; has_more: boolean; next_token: string };
      seen.push(...data.items);
      if (!data.has_more) break;
      token = data.next_token;
    }
    expect(seen).toEqual(['e1', 'e2', 'e3']);
  });
});
