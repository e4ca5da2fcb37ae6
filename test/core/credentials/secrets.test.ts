/** The p12 password and private keys never appear in the description or any rendered finding. */
import { describe, expect, it } from 'vitest';
import { describeAll } from '../../../src/core/catalogue/index.js';
import { inspectCredential, type CredentialInput } from '../../../src/core/credentials/index.js';
import { BUNDLE_ID, bytesOf, opensslAvailable, opensslP12, p12Of, p12Raw, p8Key, pushCert, rsaKeys } from '../../fixtures/credentials.js';

const PASSWORD = 'Zq9-hunter2-密码';
const WRONG = 'Zq9-wrong-密码';

/** Distinctive lines of a PEM body: any of them in output means key material leaked. */
const bodyLines = (pem: string) => pem.split('\n').filter((line) => line.length >= 40 && !line.startsWith('-----'));

describe('secrets stay out of findings', () => {
  const cert = pushCert();
  const p8 = p8Key('P-256');
  const cases: Array<[string, CredentialInput]> = [
    ['good p12', { bytes: p12Of(cert, PASSWORD), password: PASSWORD }],
    ['wrong password', { bytes: p12Of(cert, PASSWORD), password: WRONG }],
    ['key mismatch', { bytes: p12Raw([{ key: rsaKeys(1).privateKey, certs: [cert.cert] }], PASSWORD), password: PASSWORD }],
    ['truncated', { bytes: p12Of(cert, PASSWORD).subarray(0, 900), password: PASSWORD }],
    ['pem with key', { bytes: bytesOf(cert.certPem + cert.keyPem), password: PASSWORD }],
    ['p8', { bytes: bytesOf(p8.pem), fileName: 'AuthKey_ABCDEFGHIJ.p8', keyId: 'bad key id', teamId: 'bad' }],
    ['p8 as p12', { bytes: bytesOf(p8.pem), kind: 'p12', password: PASSWORD }],
    ...(opensslAvailable ? [['legacy p12', { bytes: opensslP12({ cert, password: PASSWORD, legacy: true }), password: PASSWORD }] as [string, CredentialInput]] : []),
  ];
  const secrets = [PASSWORD, WRONG, ...bodyLines(cert.keyPem), ...bodyLines(p8.pem)];

  for (const [name, input] of cases) {
    it(`${name}: no password or key text in the credential or findings (en, zh)`, () => {
      const report = inspectCredential(input, { bundleId: BUNDLE_ID, certName: PASSWORD.slice(0, 3), warnDays: 30, now: new Date() });
      const shown = JSON.stringify({ credential: report.credential, en: describeAll(report.issues, 'en'), zh: describeAll(report.issues, 'zh'), params: report.issues });
      for (const secret of secrets) expect(shown).not.toContain(secret);
    });
  }
});
