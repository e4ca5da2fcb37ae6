import { describe, expect, it } from 'vitest';
import { describe as describeIssue } from '../../../src/core/catalogue/index.js';
import { evaluate, type FactValues } from '../../../src/core/diagnosis/index.js';
import { factsWith } from './fixtures.js';

/** Each receiver/relation/message finding, produced by the engine, with the guide's Chinese term it must use. */
const produced: Array<[string, Partial<FactValues>, string]> = [
  ['receiver.foreground', { appState: 'foreground' }, '前台'],
  ['receiver.not-logged-in', { login: 'never' }, '未登录'],
  ['receiver.logged-out', { login: 'logged-out' }, '登出'],
  ['receiver.kicked', { login: 'kicked' }, '被踢下线'],
  ['receiver.banned', { banned: true }, '封禁'],
  ['receiver.dnd', { dnd: true, dndWindow: { start: '22:00', end: '07:00' }, at: '23:30' }, '免打扰'],
  ['receiver.session-muted', { muted: true }, '免打扰'],
  ['receiver.desktop-online', { desktopOnline: true, pushWhenDesktopOnline: false }, '多端登录'],
  ['relation.not-friend', { friends: false }, '非好友'],
  ['relation.blacklisted', { blacklisted: true }, '黑名单'],
  ['force-push.overrides', { dnd: true, forcePush: true }, '强制推送'],
  ['message.push-disabled', { pushEnabled: false }, '离线推送'],
  ['message.silent', { contentAvailable: true }, '静默推送'],
  ['pushcontent.too-long', { pushContent: 'x'.repeat(600) }, '推送文案'],
  ['nim-payload.too-long', { payload: 'x'.repeat(3000) }, 'payload'],
];

describe('receiver and message findings render in both languages', () => {
  it.each(produced)('%s', (id, changes, term) => {
    const item = evaluate(factsWith(changes), { to: 'bob', from: 'alice' }).issues.find((i) => i.id === id);
    expect(item).toBeDefined();
    const en = describeIssue(item!, 'en');
    const zh = describeIssue(item!, 'zh');
    for (const text of [en.message, en.fix, zh.message, zh.fix]) expect(text).not.toMatch(/\{\w+\}/);
    expect(zh.message + zh.fix).toContain(term);
    expect(en.severity).toBe(item!.severity);
  });

  it('explains the foreground case as the guide does', () => {
    const item = evaluate(factsWith({ appState: 'foreground' }), { to: 'bob' }).blocking!;
    expect(describeIssue(item, 'en').message).toBe(
      "bob's app is in the foreground: the long connection is up, so the message is delivered in-app and NIM sends no APNs push.",
    );
  });

  it('states the limit and the actual length of an over-long push text', () => {
    const item = evaluate(factsWith({ pushContent: 'x'.repeat(600) })).blocking!;
    expect(describeIssue(item, 'en').message).toContain('is 600 characters; NIM accepts at most 500');
  });
});

describe('every id the engine emits is in the catalogue', () => {
  const dev = { token: 'a'.repeat(64), certName: 'demo-dev', environment: 'development' as const };
  it.each<[string, Partial<FactValues>]>([
    ['token.not-uploaded', { tokens: [] }],
    ['token.unregistered', { tokens: [{ ...dev, unregistered: true }] }],
    ['token.env-mismatch', { tokenEnv: 'production' }],
    ['certname.missing', { tokens: [{ ...dev, certName: null }] }],
    ['certname.too-long', { tokens: [{ ...dev, certName: 'n'.repeat(40) }] }],
    ['certname.unknown', { tokens: [{ ...dev, certName: 'nope' }] }],
  ])('%s', (id, changes) => {
    const item = evaluate(factsWith(changes), { to: 'bob' }).blocking!;
    expect(item.id).toBe(id);
    for (const lang of ['en', 'zh'] as const) expect(describeIssue(item, lang).message).not.toMatch(/\{\w+\}/);
  });

  it('a credential finding without a severity takes the catalogue one', () => {
    expect(evaluate(factsWith({ credentialIssues: [{ id: 'cert.expired' }] })).blocking?.severity).toBe('error');
    expect(evaluate(factsWith({ credentialIssues: [{ id: 'cert.expires-soon' }] })).verdict).toBe('fires');
  });
});
