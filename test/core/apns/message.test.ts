import { describe, expect, it } from 'vitest';
import { buildMessage, type MessageOptions } from '../../../src/core/apns/message.js';
import { buildRequest, toDryRunRequest } from '../../../src/core/apns/request.js';
import { parseExpiry } from '../../../src/core/apns/expiry.js';

const app = { bundleId: 'com.example.chat' };
const build = (opts: MessageOptions) => buildMessage(opts, app);
const ids = (opts: MessageOptions, bundleId = app.bundleId) => buildMessage(opts, { bundleId }).issues.map((i) => i.id);

describe('buildMessage payload', () => {
  it.each<[string, MessageOptions, unknown]>([
    ['push text is the alert', { pushText: '发来了一条消息', text: 'hello' }, { aps: { alert: '发来了一条消息' } }],
    ['text when no push text', { text: 'hello' }, { aps: { alert: 'hello' } }],
    ['title makes an alert object', { title: 'T', subtitle: 'S', pushText: 'B' }, { aps: { alert: { title: 'T', subtitle: 'S', body: 'B' } } }],
    ['badge and sound', { pushText: 'x', badge: 3, sound: 'default' }, { aps: { alert: 'x', badge: 3, sound: 'default' } }],
    ['badge 0 clears', { badge: 0 }, { aps: { badge: 0 } }],
    ['thread id and category', { pushText: 'x', threadId: 't1', category: 'REPLY' }, { aps: { alert: 'x', 'thread-id': 't1', category: 'REPLY' } }],
    ['flags become 1', { pushText: 'x', mutableContent: true, contentAvailable: true }, { aps: { alert: 'x', 'content-available': 1, 'mutable-content': 1 } }],
    ['custom keys at top level', { pushText: 'x', payload: '{"orderId":42,"nim":{"a":1}}' }, { aps: { alert: 'x' }, orderId: 42, nim: { a: 1 } }],
    ['custom aps merges, flags win', { pushText: 'x', sound: 'a.caf', payload: '{"aps":{"sound":"b.caf","interruption-level":"active"}}' }, { aps: { sound: 'a.caf', 'interruption-level': 'active', alert: 'x' } }],
    ['custom alert object keeps its keys', { title: 'T', payload: { aps: { alert: { 'loc-key': 'K', title: 'old' } } } }, { aps: { alert: { 'loc-key': 'K', title: 'T' } } }],
    ['custom alert string used when no flags', { payload: '{"aps":{"alert":"from file"}}' }, { aps: { alert: 'from file' } }],
  ])('%s', (_name, opts, payload) => {
    const result = build(opts);
    expect(result.ok).toBe(true);
    expect(result.message?.payload).toEqual(payload);
    expect(result.message?.body).toBe(JSON.stringify(payload));
  });
});

describe('buildMessage headers', () => {
  it.each<[string, MessageOptions, Record<string, string>]>([
    ['alert by default', { pushText: 'x' }, { 'apns-topic': 'com.example.chat', 'apns-push-type': 'alert', 'apns-priority': '10' }],
    ['background when only content-available', { contentAvailable: true }, { 'apns-push-type': 'background', 'apns-priority': '5' }],
    ['background forces priority 5', { contentAvailable: true, priority: 10 }, { 'apns-priority': '5' }],
    ['explicit background push type', { pushType: 'background', pushText: 'x', priority: 10 }, { 'apns-push-type': 'background', 'apns-priority': '5' }],
    ['alert with content-available stays alert', { contentAvailable: true, pushText: 'x' }, { 'apns-push-type': 'alert', 'apns-priority': '10' }],
    ['priority 5 kept', { pushText: 'x', priority: 5 }, { 'apns-priority': '5' }],
    ['voip topic', { pushType: 'voip', payload: '{"call":1}' }, { 'apns-topic': 'com.example.chat.voip', 'apns-push-type': 'voip' }],
    ['complication topic', { pushType: 'complication', pushText: 'x' }, { 'apns-topic': 'com.example.chat.complication' }],
    ['live activity topic', { pushType: 'liveactivity', payload: '{"aps":{"event":"update"}}' }, { 'apns-topic': 'com.example.chat.push-type.liveactivity' }],
    ['expiry', { pushText: 'x', expiry: 0 }, { 'apns-expiration': '0' }],
    ['collapse id', { pushText: 'x', collapseId: 'conv-1' }, { 'apns-collapse-id': 'conv-1' }],
    ['apns id', { pushText: 'x', apnsId: '123e4567-e89b-12d3-a456-426614174000' }, { 'apns-id': '123e4567-e89b-12d3-a456-426614174000' }],
  ])('%s', (_name, opts, headers) => {
    const result = build(opts);
    expect(result.message?.headers).toMatchObject(headers);
  });

  it('does not double a topic suffix already in the bundle id', () => {
    const r = buildMessage({ pushType: 'voip', payload: '{}' }, { bundleId: 'com.example.chat.voip' });
    expect(r.message?.headers['apns-topic']).toBe('com.example.chat.voip');
  });

  it('omits optional headers that were not asked for', () => {
    expect(Object.keys(build({ pushText: 'x' }).message!.headers).sort()).toEqual(['apns-priority', 'apns-push-type', 'apns-topic']);
  });
});

describe('buildMessage local checks', () => {
  const big = (n: number) => 'x'.repeat(n);
  it.each<[string, MessageOptions, string[], boolean]>([
    ['invalid JSON', { pushText: 'x', payload: '{orderId:42' }, ['payload.invalid-json'], false],
    ['array payload', { pushText: 'x', payload: '[1]' }, ['payload.invalid-json'], false],
    ['aps not an object', { pushText: 'x', payload: '{"aps":"x"}' }, ['payload.invalid-json'], false],
    ['collapse id 64 bytes ok', { pushText: 'x', collapseId: big(64) }, [], true],
    ['collapse id 65 bytes', { pushText: 'x', collapseId: big(65) }, ['collapse-id.too-long'], false],
    ['collapse id counted in bytes', { pushText: 'x', collapseId: '会'.repeat(22) }, ['collapse-id.too-long'], false],
    ['bad priority', { pushText: 'x', priority: 7 }, ['apns.BadPriority'], false],
    ['bad expiry', { pushText: 'x', expiry: -1 }, ['apns.BadExpirationDate'], false],
    ['bad apns id', { pushText: 'x', apnsId: 'nope' }, ['apns.BadMessageId'], false],
    ['unknown push type', { pushText: 'x', pushType: 'email' }, ['apns.InvalidPushType'], false],
    ['nothing visible', { payload: '{"k":1}' }, ['message.silent'], true],
    ['background is silent', { contentAvailable: true }, ['message.silent'], true],
    ['alert at 4096 bytes ok', { pushText: big(4096 - '{"aps":{"alert":""}}'.length) }, [], true],
    ['alert at 4097 bytes', { pushText: big(4097 - '{"aps":{"alert":""}}'.length) }, ['payload.too-large'], false],
    ['multibyte text counted in bytes', { pushText: '消'.repeat(1400) }, ['payload.too-large'], false],
    ['voip at 5120 bytes ok', { pushType: 'voip', payload: { aps: { alert: big(5120 - '{"aps":{"alert":""}}'.length) } } }, [], true],
    ['voip at 5121 bytes', { pushType: 'voip', payload: { aps: { alert: big(5121 - '{"aps":{"alert":""}}'.length) } } }, ['payload.too-large'], false],
  ])('%s', (_name, opts, expected, ok) => {
    const result = build(opts);
    expect(result.issues.map((i) => i.id)).toEqual(expected);
    expect(result.ok).toBe(ok);
  });

  it('missing topic', () => expect(ids({ pushText: 'x' }, '  ')).toEqual(['apns.MissingTopic']));

  it('reports size and limit of an oversized payload', () => {
    const issue = build({ pushText: big(5000) }).issues[0];
    expect(issue.params).toMatchObject({ size: 5000 + 20, limit: 4096, pushType: 'alert' });
  });
});

describe('buildRequest', () => {
  const message = build({ pushText: 'hi' }).message!;
  it('puts the token in the path and keeps the headers', () => {
    expect(buildRequest(message, 'ab12', '123e4567-e89b-12d3-a456-426614174000')).toEqual({
      method: 'POST',
      path: '/3/device/ab12',
      headers: { 'apns-topic': 'com.example.chat', 'apns-push-type': 'alert', 'apns-priority': '10', 'apns-id': '123e4567-e89b-12d3-a456-426614174000' },
      payload: { aps: { alert: 'hi' } },
    });
  });
  it('shows a redacted bearer for token auth in dry-run', () => {
    const dry = toDryRunRequest(buildRequest(message, 'ab12'), { keyId: 'ABC123DEFG', teamId: 'TEAM123456' });
    expect(dry.headers.authorization).toMatch(/^bearer <ES256 JWT kid=ABC123DEFG iss=TEAM123456, redacted>$/);
    expect(toDryRunRequest(buildRequest(message, 'ab12')).headers.authorization).toBeUndefined();
  });
});

describe('parseExpiry', () => {
  const now = new Date('2025-01-01T00:00:00Z');
  const epoch = now.getTime() / 1000;
  it.each<[string, number | undefined]>([
    ['0', 0],
    ['1767225600', 1767225600],
    ['30s', epoch + 30],
    ['10m', epoch + 600],
    ['1h', epoch + 3600],
    ['7d', epoch + 7 * 86400],
    ['-5', undefined],
    ['tomorrow', undefined],
    ['1.5h', undefined],
  ])('%s → %s', (text, expected) => expect(parseExpiry(text, now)).toBe(expected));
});
