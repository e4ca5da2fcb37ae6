/** `explain` answers what support engineers paste, in both languages, and suggests the nearest entries otherwise. */
import { describe, expect, it } from 'vitest';
import { catalogue } from '../../src/core/catalogue/index.js';
import { explain, explainText } from '../../src/core/explain.js';

const ids = (q: string) => explain(q).matches.map((m) => m.id);

describe('explain', () => {
  it.each([
    ['cert.expired', 'cert.expired'],
    ['CERT.EXPIRED', 'cert.expired'],
    ['414', 'nim-code.414'],
    ['416', 'nim-code.416'],
    ['431', 'nim-code.431'],
    ['301', 'nim-code.301'],
    ['302', 'nim-code.302'],
    ['403', 'nim-code.403'],
    ['500', 'nim-code.500'],
    ['102404', 'nim-code.102404'],
    ['BadDeviceToken', 'apns.BadDeviceToken'],
    ['baddevicetoken', 'apns.BadDeviceToken'],
    ['410', 'apns.Unregistered'],
    ['query token with exception must not refer to a null object', 'sdk.push-init-not-main-process'],
    ['推送为什么会出现报错信息:query token with exception must not refer to a null object', 'sdk.push-init-not-main-process'],
    ['must not refer to a null object', 'sdk.push-init-not-main-process'],
    ['login error 500', 'certname.too-long'],
    ['登录时报 500 错误', 'certname.too-long'],
    ['{"code":414,"desc":"checksum error"}', 'nim-code.414'],
    ['{"reason":"Unregistered"}', 'apns.Unregistered'],
    ['no valid “aps-environment” entitlement string found for application', 'app.no-aps-entitlement'],
    ['为什么非好友收不到推送', 'relation.not-friend'],
  ])('%s → %s', (query, id) => {
    expect(ids(query)).toContain(id);
  });

  it('a NIM code comes with what the same number means on APNs, unless the text says which', () => {
    expect(ids('500')).toEqual(['nim-code.500', 'apns.InternalServerError']);
    expect(ids('HTTP 500')).toEqual(['apns.InternalServerError']);
    expect(ids('HTTP 403 InvalidProviderToken')).toEqual(['apns.InvalidProviderToken']);
    expect(ids('410').every((id) => id.startsWith('apns.'))).toBe(true);
  });

  it('the phrase that names the case comes first', () => {
    expect(ids('login error 500')[0]).toBe('certname.too-long');
  });

  it('nothing matched: no match, and the nearest entries by spelling or words', () => {
    const typo = explain('cert.expird');
    expect(typo.matches).toEqual([]);
    expect(typo.suggestions[0].id).toBe('cert.expired');
    expect(explain('Unregisterd').suggestions[0].id).toBe('apns.Unregistered');
    expect(explain('xyzzy plugh').matches).toEqual([]);
  });

  it('every entry reads in both languages, its placeholders shown as such', () => {
    for (const id of catalogue.keys()) {
      for (const lang of ['en', 'zh'] as const) {
        const t = explainText(id, lang);
        expect(t.message.length).toBeGreaterThan(0);
        expect(t.fix.length).toBeGreaterThan(0);
        expect(`${t.message}${t.fix}`).not.toMatch(/\{\w+\}/);
      }
    }
    expect(explainText('sdk.push-init-not-main-process', 'zh').message).toContain('主进程');
    expect(explainText('nim-code.414', 'zh').fix).toContain('时钟');
  });
});
