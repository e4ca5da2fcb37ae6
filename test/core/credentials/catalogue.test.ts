/** Every credential finding id has a severity and an English and Chinese message and fix. */
import { describe, expect, it } from 'vitest';
import { catalogue, describe as describeIssue } from '../../../src/core/catalogue/index.js';

const IDS = {
  certname: ['too-long', 'missing', 'unknown'],
  p12: ['unreadable', 'bad-password', 'legacy-encryption', 'no-key', 'no-certificate', 'multiple-identities', 'key-mismatch'],
  cert: ['not-push', 'expired', 'not-yet-valid', 'expires-soon', 'env-mismatch', 'topic-mismatch', 'issuer-unknown'],
  p8: ['unreadable', 'not-ec-p256', 'key-id-invalid', 'key-id-missing', 'key-id-mismatch-filename', 'team-id-invalid', 'team-id-missing'],
};
const ALL = Object.entries(IDS).flatMap(([group, names]) => names.map((n) => `${group}.${n}`));
const WARNINGS = ['p12.legacy-encryption', 'cert.expires-soon', 'cert.issuer-unknown'];

describe('credential catalogue', () => {
  it.each(ALL)('%s has a message and a fix in both languages', (id) => {
    const entry = catalogue.get(id);
    expect(entry).toBeDefined();
    for (const lang of ['en', 'zh'] as const) {
      expect(entry![lang].message.length).toBeGreaterThan(5);
      expect(entry![lang].fix.length).toBeGreaterThan(5);
    }
    expect(entry!.severity).toBe(WARNINGS.includes(id) ? 'warning' : 'error');
  });

  it('tells how to re-export a legacy p12 with modern encryption', () => {
    const finding = describeIssue({ id: 'p12.legacy-encryption', params: { algorithm: 'pbeWithSHA1And40BitRC2-CBC' } }, 'en');
    expect(finding.message).toContain('pbeWithSHA1And40BitRC2-CBC');
    expect(finding.fix).toContain('openssl pkcs12 -legacy -in old.p12 -nodes | openssl pkcs12 -export -out new.p12');
  });

  it('speaks the NIM console terms in Chinese', () => {
    expect(describeIssue({ id: 'cert.expired', params: { notAfter: '2024-01-01', days: 3 } }, 'zh').fix).toContain('证书名称');
    expect(describeIssue({ id: 'certname.too-long', params: { certName: 'x', length: 40, max: 32 } }, 'zh').message).toContain('证书名称');
    expect(describeIssue({ id: 'cert.env-mismatch', params: { certEnv: 'development', expected: 'production' } }, 'zh').fix).toMatch(/开发环境.*生产环境/);
  });
});
