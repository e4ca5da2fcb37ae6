/** What the inspector hands to node-apn must work with Node's TLS, legacy p12 files included. */
import { createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { inspectCredential } from '../../../src/core/credentials/index.js';
import {
  BUNDLE_ID,
  OPENSSL_SKIP_REASON,
  TEAM_ID,
  bytesOf,
  opensslAvailable,
  opensslP12,
  p12Of,
  p12Raw,
  p8Key,
  pushCert,
} from '../../fixtures/credentials.js';

const expectations = { bundleId: BUNDLE_ID, environment: 'production' as const, warnDays: 30, now: new Date() };

function usableByTls(material: { certPem: string; keyPem: string }): boolean {
  createSecureContext({ cert: material.certPem, key: material.keyPem });
  return true;
}

describe('ApnMaterial', () => {
  it('turns a p12 into PEM that node:tls accepts', () => {
    const report = inspectCredential({ bytes: p12Of(pushCert()), password: 'secret' }, expectations);
    expect(report.ok).toBe(true);
    expect(report.material?.kind).toBe('cert');
    if (report.material?.kind !== 'cert') return;
    expect(report.material.certPem).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(usableByTls(report.material)).toBe(true);
  });

  it('turns a PEM certificate and key file into the same material', () => {
    const cert = pushCert();
    const report = inspectCredential({ bytes: bytesOf(cert.certPem), keyBytes: bytesOf(cert.keyPem), fileName: 'push.pem' }, expectations);
    expect(report.material?.kind === 'cert' && usableByTls(report.material)).toBe(true);
  });

  it('gives no material when the identity is ambiguous', () => {
    const a = pushCert();
    const b = pushCert({ keyIndex: 1, environment: 'development' });
    const report = inspectCredential({ bytes: p12Raw([{ key: a.key, certs: [a.cert] }, { key: b.key, certs: [b.cert] }]), password: 'secret' }, expectations);
    expect(report.material).toBeUndefined();
  });

  describe.skipIf(!opensslAvailable)(`legacy p12 (${opensslAvailable ? 'openssl present' : OPENSSL_SKIP_REASON})`, () => {
    it('reads an RC2-40 p12 that Node TLS rejects, warns, and makes usable PEM from it', () => {
      const legacy = opensslP12({ cert: pushCert(), password: 'secret', legacy: true });
      expect(() => createSecureContext({ pfx: Buffer.from(legacy), passphrase: 'secret' })).toThrow(/Unsupported PKCS12|unsupported/i);
      const report = inspectCredential({ bytes: legacy, fileName: 'old.p12', password: 'secret' }, expectations);
      expect(report.issues).toEqual([{ id: 'p12.legacy-encryption', params: { algorithm: 'pbeWithSHA1And40BitRC2-CBC' } }]);
      expect(report.ok).toBe(true);
      expect(report.credential).toMatchObject({ kind: 'p12', environment: 'production', bundleId: BUNDLE_ID, teamId: TEAM_ID });
      expect(report.material?.kind === 'cert' && usableByTls(report.material)).toBe(true);
    });

    it('reports a wrong password on a legacy p12 as p12.bad-password', () => {
      const legacy = opensslP12({ cert: pushCert(), password: 'secret', legacy: true });
      expect(inspectCredential({ bytes: legacy, password: 'nope' }, expectations).issues.map((i) => i.id)).toEqual(['p12.bad-password']);
    });

    it('opens an OpenSSL p12 with an empty password when none is given', () => {
      const report = inspectCredential({ bytes: opensslP12({ cert: pushCert(), password: '' }) }, expectations);
      expect(report.issues).toEqual([]);
    });
  });

  it('makes token material from a .p8 that signs an ES256 JWT the public key verifies', () => {
    const key = p8Key('P-256');
    const report = inspectCredential({ bytes: bytesOf(key.pem), fileName: `AuthKey_${key.keyId}.p8`, teamId: TEAM_ID }, expectations);
    expect(report.credential).toMatchObject({ kind: 'p8', keyId: key.keyId, teamId: TEAM_ID });
    expect(report.material).toMatchObject({ kind: 'token', keyId: key.keyId, teamId: TEAM_ID });
    if (report.material?.kind !== 'token') return;
    const data = Buffer.from('header.claims');
    const signature = sign('sha256', data, { key: createPrivateKey(report.material.keyPem), dsaEncoding: 'ieee-p1363' });
    expect(verify('sha256', data, { key: createPublicKey(key.publicKeyPem), dsaEncoding: 'ieee-p1363' }, signature)).toBe(true);
  });

  it('gives no token material without a Team ID', () => {
    const key = p8Key('P-256');
    expect(inspectCredential({ bytes: bytesOf(key.pem), keyId: key.keyId }, expectations).material).toBeUndefined();
  });
});
