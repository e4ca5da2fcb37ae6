/** One line per finding id: a real credential that must produce exactly these findings. */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inspectCredential, renderCredentialReport, type CredentialInput, type InspectExpectations } from '../../../src/core/credentials/index.js';
import { mintCa, mintTlsCert } from '../../../src/standin/mint.js';
import {
  BUNDLE_ID,
  DAY,
  OPENSSL_SKIP_REASON,
  TEAM_ID,
  bytesOf,
  opensslAvailable,
  opensslP12,
  p12Of,
  p12Raw,
  p8Key,
  pushCert,
  rsaKeys,
} from '../../fixtures/credentials.js';

const NOW = new Date();
const at = (days: number) => new Date(NOW.getTime() + days * DAY);

// Fixtures are built lazily and cached, so each row stays one line.
const memo = <T>(make: () => T) => {
  let value: T | undefined;
  return () => (value ??= make());
};
const prod = memo(() => pushCert({ environment: 'production' }));
const dev = memo(() => pushCert({ environment: 'development' }));
const universal = memo(() => pushCert({ environment: 'universal' }));
const expired = memo(() => pushCert({ notBefore: at(-400), notAfter: at(-2) }));
const future = memo(() => pushCert({ notBefore: at(10), notAfter: at(375) }));
const soon = memo(() => pushCert({ notBefore: at(-355), notAfter: at(10) }));
const otherIssuer = memo(() => pushCert({ ca: mintCa({ commonName: 'Example Private CA', keys: rsaKeys(8) }) }));
const tls = memo(() => mintTlsCert({ commonName: 'www.example.com', keys: rsaKeys(2) }));
const p8 = (curve: 'P-256' | 'P-384' | 'rsa' = 'P-256') => bytesOf(p8Key(curve).pem);
const p8Id = () => p8Key('P-256').keyId;

const P = 'secret';
const derOf = (pem: string) => new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
const NONE = Symbol('no password');
const p12 = (bytes: () => Uint8Array, password: string | typeof NONE = P): (() => CredentialInput) => () => ({ bytes: bytes(), fileName: 'push.p12', password: password === NONE ? undefined : password });

interface Row {
  name: string;
  input: () => CredentialInput;
  expect?: Partial<InspectExpectations>;
  ids: string[];
  needsOpenssl?: boolean;
}

const ENV: Partial<InspectExpectations> = { bundleId: BUNDLE_ID, environment: 'production' };

const rows: Row[] = [
  { name: 'a good production p12 has no findings', input: p12(() => p12Of(prod())), expect: ENV, ids: [] },
  { name: 'a universal p12 matches production', input: p12(() => p12Of(universal())), expect: ENV, ids: [] },
  { name: 'a universal p12 matches development and its .voip topic', input: p12(() => p12Of(universal())), expect: { environment: 'development', bundleId: `${BUNDLE_ID}.voip` }, ids: [] },
  { name: 'a p12 with an empty password opens without --password', input: p12(() => p12Of(prod(), ''), NONE), expect: ENV, ids: [] },
  { name: 'a 3DES p12 is not legacy', input: p12(() => p12Of(prod(), P, '3des')), expect: ENV, ids: [] },
  { name: 'an OpenSSL 3 default p12 reads', input: p12(() => opensslP12({ cert: prod(), password: P })), expect: ENV, ids: [], needsOpenssl: true },
  { name: 'certname.too-long: 33 characters', input: p12(() => p12Of(prod())), expect: { ...ENV, certName: 'a'.repeat(33) }, ids: ['certname.too-long'] },
  { name: 'certname.too-long: not at 32 characters', input: p12(() => p12Of(prod())), expect: { ...ENV, certName: '证'.repeat(32) }, ids: [] },
  { name: 'certname.missing: empty name', input: p12(() => p12Of(prod())), expect: { ...ENV, certName: ' ' }, ids: ['certname.missing'] },
  { name: 'p12.unreadable: random bytes', input: p12(() => new Uint8Array(randomBytes(512))), ids: ['p12.unreadable'] },
  { name: 'p12.unreadable: truncated file', input: p12(() => p12Of(prod()).subarray(0, 700)), ids: ['p12.unreadable'] },
  { name: 'p12.unreadable: empty file', input: p12(() => new Uint8Array(0)), ids: ['p12.unreadable'] },
  { name: 'p12.bad-password: wrong password', input: p12(() => p12Of(prod()), 'wrong'), ids: ['p12.bad-password'] },
  { name: 'p12.bad-password: password needed, none given', input: p12(() => p12Of(prod()), NONE), ids: ['p12.bad-password'] },
  { name: 'p12.legacy-encryption: RC2-40 p12 from openssl -legacy', input: p12(() => opensslP12({ cert: prod(), password: P, legacy: true })), expect: ENV, ids: ['p12.legacy-encryption'], needsOpenssl: true },
  { name: 'p12.legacy-encryption: RC2-128 p12 is unreadable, with the re-export advice', input: p12(() => opensslP12({ cert: prod(), password: P, legacy: true, certPbe: 'PBE-SHA1-RC2-128' })), ids: ['p12.unreadable', 'p12.legacy-encryption'], needsOpenssl: true },
  { name: 'p12.no-key: certificate only', input: p12(() => p12Raw([{ key: null, certs: [prod().cert] }])), expect: ENV, ids: ['p12.no-key'] },
  { name: 'p12.no-certificate: key only', input: p12(() => p12Raw([{ key: prod().key, certs: [] }])), ids: ['p12.no-certificate'] },
  { name: 'p12.multiple-identities: two keys and certs', input: p12(() => p12Raw([{ key: prod().key, certs: [prod().cert] }, { key: tls().key, certs: [tls().cert] }])), expect: ENV, ids: ['p12.multiple-identities'] },
  { name: 'p12.key-mismatch: key of another certificate', input: p12(() => p12Raw([{ key: rsaKeys(1).privateKey, certs: [prod().cert] }])), expect: ENV, ids: ['p12.key-mismatch'] },
  { name: 'cert.not-push: a TLS server certificate', input: p12(() => p12Of(tls())), expect: ENV, ids: ['cert.not-push'] },
  { name: 'cert.expired', input: p12(() => p12Of(expired())), expect: ENV, ids: ['cert.expired'] },
  { name: 'cert.not-yet-valid', input: p12(() => p12Of(future())), expect: ENV, ids: ['cert.not-yet-valid'] },
  { name: 'cert.expires-soon: 10 days left, warn at 30', input: p12(() => p12Of(soon())), expect: { ...ENV, warnDays: 30 }, ids: ['cert.expires-soon'] },
  { name: 'cert.expires-soon: not with warn at 5', input: p12(() => p12Of(soon())), expect: { ...ENV, warnDays: 5 }, ids: [] },
  { name: 'cert.env-mismatch: development cert, production wanted', input: p12(() => p12Of(dev())), expect: ENV, ids: ['cert.env-mismatch'] },
  { name: 'cert.env-mismatch: production cert, development wanted', input: p12(() => p12Of(prod())), expect: { ...ENV, environment: 'development' }, ids: ['cert.env-mismatch'] },
  { name: 'cert.topic-mismatch: another bundle id', input: p12(() => p12Of(prod())), expect: { ...ENV, bundleId: 'com.other.app' }, ids: ['cert.topic-mismatch'] },
  { name: 'cert.topic-mismatch: .voip needs a universal cert', input: p12(() => p12Of(prod())), expect: { ...ENV, bundleId: `${BUNDLE_ID}.voip` }, ids: ['cert.topic-mismatch'] },
  { name: 'cert.issuer-unknown: not issued by Apple WWDR', input: p12(() => p12Of(otherIssuer())), expect: ENV, ids: ['cert.issuer-unknown'] },
  { name: 'pem: certificate and separate key', input: () => ({ bytes: bytesOf(prod().certPem), keyBytes: bytesOf(prod().keyPem), fileName: 'push.pem' }), expect: ENV, ids: [] },
  { name: 'pem: certificate and key in one file', input: () => ({ bytes: bytesOf(prod().certPem + prod().keyPem) }), expect: ENV, ids: [] },
  { name: 'pem p12.no-key: certificate alone', input: () => ({ bytes: bytesOf(prod().certPem), fileName: 'push.pem' }), expect: ENV, ids: ['p12.no-key'] },
  { name: 'pem p12.key-mismatch: wrong key file', input: () => ({ bytes: bytesOf(prod().certPem), keyBytes: bytesOf(tls().keyPem), fileName: 'push.pem' }), expect: ENV, ids: ['p12.key-mismatch'] },
  { name: 'pem p12.no-key: a DER .cer from the Apple portal', input: () => ({ bytes: derOf(prod().certPem), fileName: 'aps.cer' }), expect: ENV, ids: ['p12.no-key'] },
  { name: 'pem p12.unreadable: garbage .pem', input: () => ({ bytes: bytesOf('hello'), fileName: 'push.pem' }), ids: ['p12.unreadable'] },
  { name: 'p8: a good key', input: () => ({ bytes: p8(), fileName: `AuthKey_${p8Id()}.p8`, teamId: TEAM_ID }), ids: [] },
  { name: 'p8.unreadable: not a key', input: () => ({ bytes: bytesOf('-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n'), fileName: 'AuthKey_ABCDEFGHIJ.p8', teamId: TEAM_ID }), ids: ['p8.unreadable'] },
  { name: 'p8.unreadable: truncated key', input: () => ({ bytes: p8().subarray(0, 100), fileName: 'AuthKey_ABCDEFGHIJ.p8', teamId: TEAM_ID }), ids: ['p8.unreadable'] },
  { name: 'p8.not-ec-p256: RSA key', input: () => ({ bytes: p8('rsa'), fileName: 'AuthKey_ABCDEFGHIJ.p8', teamId: TEAM_ID }), ids: ['p8.not-ec-p256'] },
  { name: 'p8.not-ec-p256: P-384 key', input: () => ({ bytes: p8('P-384'), fileName: 'AuthKey_ABCDEFGHIJ.p8', teamId: TEAM_ID }), ids: ['p8.not-ec-p256'] },
  { name: 'p8.key-id-invalid: lower case and short', input: () => ({ bytes: p8(), kind: 'p8', keyId: 'abc123', teamId: TEAM_ID }), ids: ['p8.key-id-invalid'] },
  { name: 'p8.key-id-missing: no --key-id, no AuthKey_ name', input: () => ({ bytes: p8(), fileName: 'key.p8', teamId: TEAM_ID }), ids: ['p8.key-id-missing'] },
  { name: 'p8.key-id-mismatch-filename', input: () => ({ bytes: p8(), fileName: 'AuthKey_AAAAAAAAAA.p8', keyId: 'BBBBBBBBBB', teamId: TEAM_ID }), ids: ['p8.key-id-mismatch-filename'] },
  { name: 'p8.team-id-invalid', input: () => ({ bytes: p8(), fileName: 'AuthKey_ABCDEFGHIJ.p8', teamId: 'team-1' }), ids: ['p8.team-id-invalid'] },
  { name: 'p8.team-id-missing', input: () => ({ bytes: p8(), fileName: 'AuthKey_ABCDEFGHIJ.p8' }), ids: ['p8.team-id-missing'] },
];

describe('inspectCredential: one case per finding', () => {
  for (const row of rows) {
    const skip = row.needsOpenssl === true && !opensslAvailable;
    it.skipIf(skip)(skip ? `${row.name} (skipped: ${OPENSSL_SKIP_REASON})` : row.name, () => {
      const report = inspectCredential(row.input(), { warnDays: 30, now: NOW, ...row.expect });
      expect(report.issues.map((i) => i.id).sort()).toEqual([...row.ids].sort());
    });
  }
});

describe('the credential description', () => {
  it('describes a universal p12 with its topics, team and validity', () => {
    const report = inspectCredential({ bytes: p12Of(universal()), password: P }, { warnDays: 30, now: NOW });
    expect(report.credential).toMatchObject({ kind: 'p12', environment: 'universal', bundleId: BUNDLE_ID, teamId: TEAM_ID, topics: [BUNDLE_ID, `${BUNDLE_ID}.voip`, `${BUNDLE_ID}.complication`] });
    expect(report.credential.daysLeft).toBeGreaterThan(360);
    expect(report.credential.notAfter).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('still describes a certificate that cannot be used on its own', () => {
    const report = inspectCredential({ bytes: derOf(expired().certPem), fileName: 'aps.cer' }, { warnDays: 30, now: NOW });
    expect(report.credential).toMatchObject({ kind: 'pem', environment: 'production', bundleId: BUNDLE_ID });
    expect(report.credential.daysLeft).toBeLessThan(0);
    expect(report.issues.map((i) => i.id).sort()).toEqual(['cert.expired', 'p12.no-key']);
    expect(report.material).toBeUndefined();
  });

  it('renders findings errors first, in the chosen language, without material', () => {
    const report = inspectCredential({ bytes: p12Of(soon()), password: P }, { environment: 'development', warnDays: 30, now: NOW });
    const rendered = renderCredentialReport(report, 'zh');
    expect(rendered.findings.map((f) => [f.id, f.severity])).toEqual([['cert.env-mismatch', 'error'], ['cert.expires-soon', 'warning']]);
    expect(rendered.findings[1].message).toMatch(/剩余 \d+ 天/);
    expect(rendered).not.toHaveProperty('material');
    expect(rendered.ok).toBe(false);
  });
});
