import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { startRelay, type RelayHandle } from '../../src/relay/server.js';
import { APP_KEY, APP_SECRET, sha1Hex, wireForm, wireHeaders, wireJson, wirePost } from './wire-helpers.js';

let relay: RelayHandle;

beforeAll(async () => {
  relay = await startRelay({ ephemeral: true, app: { appKey: APP_KEY, appSecret: APP_SECRET, certs: [] }, rateLimit: { perSecond: 100, blockMs: 10_000 } });
  for (const accid of ['alice', 'bob']) await wireForm(relay.url, 'user/create', { accid, name: accid.toUpperCase() });
});
afterAll(() => relay.close());

describe('relay wire protocol', () => {
  it('binds to 127.0.0.1 and serves the endpoints under /nimserver', () => {
    expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/nimserver$/);
  });

  it('accepts a hand-signed form request and answers as NIM does', async () => {
    const res = await wireForm(relay.url, 'user/create', { accid: 'Carol', name: 'Carol', token: 'im-token-1' });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ code: 200, info: { accid: 'carol', name: 'Carol', token: 'im-token-1' } });
    const again = await wireForm(relay.url, 'user/create', { accid: 'carol' });
    expect(again.json.code).toBe(414);
  });

  it('refuses a bad CheckSum with 414', async () => {
    const res = await wireForm(relay.url, 'friend/get', { accid: 'alice' }, { checkSum: sha1Hex('wrong-secret' + 'n' + '1') });
    expect(res.json.code).toBe(414);
    expect(res.json.desc).toMatch(/CheckSum/);
  });

  it('refuses a CheckSum made with another App Secret, and a wrong AppKey', async () => {
    expect((await wireForm(relay.url, 'friend/get', { accid: 'alice' }, { appSecret: 'other-secret' })).json.code).toBe(414);
    expect((await wireForm(relay.url, 'friend/get', { accid: 'alice' }, { appKey: 'other-key' })).json.code).toBe(414);
  });

  it('refuses a stale or future CurTime (outside ±5 minutes) with 414 even when correctly signed', async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const curTime of [String(now - 301), String(now + 301), 'yesterday']) {
      const res = await wireForm(relay.url, 'friend/get', { accid: 'alice' }, { curTime });
      expect(res.json.code).toBe(414);
    }
    expect((await wireForm(relay.url, 'friend/get', { accid: 'alice' }, { curTime: String(now - 290) })).json.code).toBe(200);
  });

  it('refuses a reused Nonce inside the window with 431', async () => {
    const headers = wireHeaders();
    const first = await wireForm(relay.url, 'friend/get', { accid: 'alice' }, { nonce: headers.Nonce, curTime: headers.CurTime });
    expect(first.json.code).toBe(200);
    const second = await wireForm(relay.url, 'friend/get', { accid: 'alice' }, { nonce: headers.Nonce, curTime: headers.CurTime });
    expect(second.json.code).toBe(431);
  });

  it('refuses missing auth headers with 414', async () => {
    const res = await wirePost(relay.url, 'friend/get', 'accid=alice', { headers: { CheckSum: '' } });
    expect(res.json.code).toBe(414);
  });

  it('answers unknown accounts with 404 and bad parameters with 414', async () => {
    expect((await wireForm(relay.url, 'friend/get', { accid: 'nobody' })).json.code).toBe(404);
    expect((await wireForm(relay.url, 'friend/add', { accid: 'alice', faccid: 'bob', type: '9' })).json.code).toBe(414);
    expect((await wireForm(relay.url, 'msg/sendMsg', { from: 'alice', ope: '0', to: 'bob', type: '0', body: '{"msg":"hi"}', option: 'not json' })).json.code).toBe(414);
    expect((await wireForm(relay.url, 'msg/sendMsg', { from: 'alice', ope: '7', to: 'bob', type: '0', body: '{}' })).json.code).toBe(414);
    expect((await wireForm(relay.url, 'no/such', {})).json.code).toBe(404);
  });

  it('enforces the documented length limits with 405 (parameter too long)', async () => {
    const base = { from: 'alice', ope: '0', to: 'bob', type: '0', body: '{"msg":"hi"}' };
    expect((await wireForm(relay.url, 'msg/sendMsg', { ...base, pushcontent: 'x'.repeat(501) })).json.code).toBe(405);
    expect((await wireForm(relay.url, 'msg/sendMsg', { ...base, pushcontent: 'x'.repeat(500) })).json.code).toBe(200);
    expect((await wireForm(relay.url, 'msg/sendMsg', { ...base, payload: JSON.stringify({ k: 'x'.repeat(2050) }) })).json.code).toBe(405);
    expect((await wireForm(relay.url, 'msg/sendMsg', { ...base, body: JSON.stringify({ msg: 'x'.repeat(5000) }) })).json.code).toBe(405);
    expect((await wireForm(relay.url, 'user/create', { accid: 'a'.repeat(33) })).json.code).toBe(405);
  });

  it('accepts both spellings of the push parameters', async () => {
    const base = { from: 'alice', ope: '0', to: 'bob', type: '0', body: '{"msg":"hi"}' };
    expect((await wireForm(relay.url, 'msg/sendMsg', { ...base, pushContent: 'y'.repeat(501) })).json.code).toBe(405);
    expect((await wireForm(relay.url, 'msg/sendMsg', { ...base, forcePushList: 'nope' })).json.code).toBe(414);
    const ok = await wireForm(relay.url, 'msg/sendMsg', { ...base, pushContent: 'camel', forcePushAll: 'true', forcePushContent: 'forced' });
    expect(ok.json.code).toBe(200);
    expect((ok.json.data as { msgid: number }).msgid).toBeGreaterThan(0);
  });

  it('refuses a body declared over the limit with 414 without reading it', async () => {
    const port = Number(new URL(relay.url).port);
    const headers = wireHeaders();
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => {
        // Only the head is sent: the relay must answer without waiting for 50 MB.
        socket.write(
          `POST /nimserver/user/create.action HTTP/1.1\r\nhost: x\r\nAppKey: ${headers.AppKey}\r\nNonce: ${headers.Nonce}\r\nCurTime: ${headers.CurTime}\r\nCheckSum: ${headers.CheckSum}\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 50000000\r\n\r\naccid=`,
        );
      });
      let text = '';
      socket.on('data', (d) => (text += d.toString()));
      socket.on('end', () => resolve(text));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
      setTimeout(() => reject(new Error('no answer')), 3000).unref();
    });
    expect(answer).toMatch(/"code":414/);
  });

  it('refuses a streamed (chunked) body that crosses the limit with 414', async () => {
    const big = Buffer.alloc(300 * 1024, 'a');
    const res = await wirePost(relay.url, 'user/create', big, { chunked: true }).catch((error: Error) => error);
    // Either the answer arrived (414) or the connection was closed on us mid-upload; never a 200/500.
    if (!(res instanceof Error)) expect(res.json.code).toBe(414);
    else expect(res.message).toMatch(/ECONNRESET|EPIPE|socket hang up/);
    expect((await wireForm(relay.url, 'friend/get', { accid: 'alice' })).json.code).toBe(200);
  });

  it('takes JSON on the device endpoints with the same auth', async () => {
    expect((await wireJson(relay.url, 'device/login', { accid: 'bob', certName: 'dev', appState: 'background' })).json.code).toBe(200);
    expect((await wireJson(relay.url, 'device/login', { accid: 'bob', certName: 'c'.repeat(33) })).json.code).toBe(500);
    expect((await wireJson(relay.url, 'device/login', { accid: 'bob' }, { checkSum: 'x' })).json.code).toBe(414);
    expect((await wirePost(relay.url, 'device/login', '[1,2', { contentType: 'application/json' })).json.code).toBe(414);
    const state = await wireJson(relay.url, 'device/state', { accid: 'bob' });
    expect(state.json.code).toBe(200);
    expect((state.json.user as { login: string; certName: string }).login).toBe('online');
    expect(JSON.stringify(state.json)).not.toContain('imToken');
  });
});

describe('relay rate limit', () => {
  it('answers 416 past 100 send requests per second, then blocks the app', async () => {
    const limited = await startRelay({ ephemeral: true, app: { appKey: APP_KEY, appSecret: APP_SECRET, certs: [] }, rateLimit: { perSecond: 100, blockMs: 60_000 } });
    try {
      for (const accid of ['a', 'b']) await wireForm(limited.url, 'user/create', { accid });
      const send = () => wireForm(limited.url, 'msg/sendMsg', { from: 'a', ope: '0', to: 'b', type: '0', body: '{"msg":"x"}' });
      const codes = await Promise.all(Array.from({ length: 130 }, send));
      expect(codes.filter((c) => c.json.code === 416).length).toBeGreaterThanOrEqual(1);
      expect(codes.filter((c) => c.json.code === 200).length).toBeLessThanOrEqual(100);
      // Blocked: even a single send is refused; other APIs still work.
      expect((await send()).json.code).toBe(416);
      expect((await wireForm(limited.url, 'friend/get', { accid: 'a' })).json.code).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
