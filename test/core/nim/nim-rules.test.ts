import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { computeCheckSum, verifyCheckSum } from '../../../src/core/checksum.js';
import { checkSendLimits } from '../../../src/core/nim/limits.js';
import { readPushParams } from '../../../src/core/nim/push-params.js';
import { buildApnsPayload, buildPushText, DEFAULT_PUSH_TEXT } from '../../../src/core/nim/push-text.js';
import { buildRelaySend } from '../../../src/core/nim/send-form.js';
import { issueForResponse } from '../../../src/core/nim/codes.js';

describe('CheckSum', () => {
  it('is lowercase hex sha1(AppSecret + Nonce + CurTime)', () => {
    const expected = createHash('sha1').update('secret' + 'abc' + '1700000000').digest('hex');
    expect(computeCheckSum('secret', 'abc', '1700000000')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{40}$/);
  });
  it('verifies case-insensitively and refuses anything else', () => {
    const sum = computeCheckSum('s', 'n', '1');
    expect(verifyCheckSum('s', 'n', '1', sum)).toBe(true);
    expect(verifyCheckSum('s', 'n', '1', sum.toUpperCase())).toBe(true);
    expect(verifyCheckSum('s', 'n', '2', sum)).toBe(false);
    expect(verifyCheckSum('s', 'n', '1', sum.slice(1))).toBe(false);
    expect(verifyCheckSum('s', 'n', '1', '')).toBe(false);
  });
});

describe('push parameters', () => {
  it.each([
    [{ pushcontent: 'a', forcepushall: 'true', forcepushcontent: 'f' }],
    [{ pushContent: 'a', forcePushAll: 'true', forcePushContent: 'f' }],
    [{ PUSHCONTENT: 'a', ForcePushAll: 'true', FORCEPUSHCONTENT: 'f' }],
  ])('reads both spellings: %j', (form) => {
    const read = readPushParams(form, 'msg');
    expect(read).toMatchObject({ ok: true, value: { pushcontent: 'a', forcePushAll: true, forcePushContent: 'f' } });
  });
  it('an exact spelling wins over another case, and the older isForcePush name still counts', () => {
    expect(readPushParams({ PUSHCONTENT: 'loud', pushContent: 'exact' }, 'msg')).toMatchObject({ value: { pushcontent: 'exact' } });
    expect(readPushParams({ ISFORCEPUSH: 'true' }, 'msg')).toMatchObject({ value: { forcePushAll: true } });
    expect(readPushParams({ Sound: 'ping.caf', sound: '' }, 'msg')).toMatchObject({ value: { sound: undefined } });
  });
  it('defaults option keys as NIM documents (needPushNick false for attach messages)', () => {
    expect(readPushParams({}, 'msg')).toMatchObject({ ok: true, value: { option: { push: true, badge: true, needPushNick: true } } });
    expect(readPushParams({}, 'attach')).toMatchObject({ ok: true, value: { option: { needPushNick: false } } });
    expect(readPushParams({ option: '{"push":false,"badge":false}' }, 'msg')).toMatchObject({ ok: true, value: { option: { push: false, badge: false } } });
  });
  it.each([
    [{ option: 'nope' }],
    [{ option: '[1]' }],
    [{ payload: '{' }],
    [{ forcepushlist: '{"a":1}' }],
  ])('refuses %j with 414', (form) => {
    expect(readPushParams(form as Record<string, string>, 'msg')).toMatchObject({ ok: false, error: { code: 414 } });
  });
  it('refuses over-long push text with 405 (parameter too long)', () => {
    expect(readPushParams({ pushContent: 'x'.repeat(501) }, 'msg')).toMatchObject({ ok: false, error: { code: 405 } });
  });
});

describe('push text and payload', () => {
  it.each([
    [{ nick: 'Alice', pushcontent: 'hi', needPushNick: true }, 'Alice: hi'],
    [{ nick: 'Alice', pushcontent: 'hi', needPushNick: false }, 'hi'],
    [{ nick: 'Alice', needPushNick: true }, `Alice: ${DEFAULT_PUSH_TEXT}`],
    [{ nick: 'Alice', pushcontent: '', needPushNick: false }, DEFAULT_PUSH_TEXT],
  ])('%j → %s', (input, text) => expect(buildPushText(input)).toBe(text));
  it('maps pushTitle to the alert title and merges apsField into aps', () => {
    expect(buildApnsPayload({ text: 't', badge: 2, payload: { pushTitle: 'T', apsField: { sound: 'x.caf', category: 'c' }, id: 1 } })).toEqual({
      id: 1,
      aps: { alert: { title: 'T', body: 't' }, sound: 'x.caf', badge: 2, category: 'c' },
    });
  });
});

describe('send form', () => {
  it('builds sendMsg with only non-default options', () => {
    const built = buildRelaySend({ from: 'a', to: 'b', text: 'hello', pushText: 'p', title: 'T', noNick: true, noBadge: true, forcePush: true, forcePushText: 'F' });
    expect(built.request).toEqual({
      path: 'msg/sendMsg',
      form: { from: 'a', to: 'b', ope: '0', type: '0', body: '{"msg":"hello"}', pushcontent: 'p', payload: '{"pushTitle":"T"}', option: '{"badge":false,"needPushNick":false}', forcepushall: 'true', forcepushcontent: 'F' },
    });
  });
  it('builds sendAttachMsg for --attach', () => {
    expect(buildRelaySend({ from: 'a', to: 'b', attach: true, pushText: 'p' }).request).toMatchObject({ path: 'msg/sendAttachMsg', form: { msgtype: '0', save: '2', pushcontent: 'p' } });
  });
  it.each([
    [{ pushText: 'x'.repeat(501) }, 'pushcontent.too-long'],
    [{ forcePushText: 'x'.repeat(501) }, 'pushcontent.too-long'],
    [{ payload: JSON.stringify({ a: 'x'.repeat(2048) }) }, 'nim-payload.too-long'],
    // The message body has its own limit and finding (not the NIM payload's).
    [{ text: 'x'.repeat(5000) }, 'message.too-long'],
    [{ payload: '[1,2]' }, 'payload.invalid-json'],
  ])('checks limits before sending: %# → %s', (extra, id) => {
    const built = buildRelaySend({ from: 'a', to: 'b', ...extra });
    expect(built.request).toBeUndefined();
    expect(built.issues[0].id).toBe(id);
  });
  it('counts characters, not bytes: 500 Chinese characters fit', () => {
    expect(checkSendLimits({ pushcontent: '推'.repeat(500) })).toEqual([]);
  });
});

describe('relay codes', () => {
  it.each([
    [{ code: 414, desc: 'bad CheckSum' }, 'relay.auth-failed', 'signature'],
    [{ code: 414, desc: 'type must be 1' }, 'relay.error', 'parameter'],
    [{ code: 416 }, 'relay.rate-limited', undefined],
    [{ code: 403 }, 'relay.forbidden', undefined],
    [{ code: 500 }, 'relay.error', undefined],
    [{ code: 503 }, 'relay.error', undefined],
  ])('%j → %s', (res, id, kind) => {
    const found = issueForResponse(res);
    expect(found.id).toBe(id);
    expect(found.params?.kind).toBe(kind);
  });
});
