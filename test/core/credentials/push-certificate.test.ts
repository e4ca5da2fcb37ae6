/** describePushCertificate is what the APNs simulator authorizes client certificates with. */
import { describe, expect, it } from 'vitest';
import { describePushCertificate, detectKind, keyIdFromFileName } from '../../../src/core/credentials/index.js';
import { mintTlsCert } from '../../../src/standin/mint.js';
import { BUNDLE_ID, DAY, TEAM_ID, bytesOf, pushCert, rsaKeys } from '../../fixtures/credentials.js';

describe('describePushCertificate', () => {
  it.each([
    ['development', ['development'], 'Apple Development IOS Push Services: '],
    ['production', ['production'], 'Apple Production IOS Push Services: '],
    ['universal', ['development', 'production'], 'Apple Push Services: '],
  ] as const)('reads a %s certificate', (environment, environments, cnPrefix) => {
    const d = describePushCertificate(pushCert({ environment }).certPem);
    expect(d.environments).toEqual(environments);
    expect(d.environment).toBe(environment);
    expect(d.bundleId).toBe(BUNDLE_ID);
    expect(d.teamId).toBe(TEAM_ID);
    expect(d.subject).toBe(`UID=${BUNDLE_ID}, CN=${cnPrefix}${BUNDLE_ID}, OU=${TEAM_ID}, O=Example Team, C=US`);
    expect(d.issuerCommonName).toBe('Apple Worldwide Developer Relations Certification Authority');
  });

  it('reads the topic list of a universal certificate', () => {
    expect(describePushCertificate(pushCert({ environment: 'universal' }).cert).topics).toEqual([BUNDLE_ID, `${BUNDLE_ID}.voip`, `${BUNDLE_ID}.complication`]);
    expect(describePushCertificate(pushCert({ environment: 'production' }).cert).topics).toEqual([]);
  });

  it('accepts PEM, DER bytes and forge certificates alike', () => {
    const cert = pushCert({ notBefore: new Date(Date.UTC(2030, 0, 2)), notAfter: new Date(Date.UTC(2031, 0, 2)) });
    const der = new Uint8Array(Buffer.from(cert.certPem.replace(/-----[^-]+-----|\s/g, ''), 'base64'));
    const fromPem = describePushCertificate(cert.certPem);
    expect(describePushCertificate(der)).toEqual(fromPem);
    expect(describePushCertificate(cert.cert)).toEqual(fromPem);
    expect(fromPem.notBefore.toISOString()).toBe('2030-01-02T00:00:00.000Z');
    expect(fromPem.notAfter.getTime() - fromPem.notBefore.getTime()).toBe(365 * DAY);
  });

  it('finds no environment on a TLS certificate', () => {
    expect(describePushCertificate(mintTlsCert({ commonName: 'example.com', keys: rsaKeys(2) }).certPem).environments).toEqual([]);
  });

  it('throws on something that is not a certificate', () => {
    expect(() => describePushCertificate('not a certificate')).toThrow();
  });
});

describe('keyIdFromFileName', () => {
  it.each([
    ['AuthKey_ABC123DEFG.p8', 'ABC123DEFG'],
    ['/keys/AuthKey_ABC123DEFG.p8', 'ABC123DEFG'],
    ['C:\\keys\\AuthKey_ABC123DEFG.p8', 'ABC123DEFG'],
    ['key.p8', undefined],
    ['AuthKey_ABC123DEFG.p12', undefined],
  ])('%s -> %s', (name, keyId) => expect(keyIdFromFileName(name)).toBe(keyId));
});

describe('detectKind', () => {
  it.each([
    ['push.p12', '', 'p12'],
    ['push.PFX', '', 'p12'],
    ['AuthKey_X.p8', '', 'p8'],
    ['aps.cer', '', 'pem'],
    [undefined, '-----BEGIN PRIVATE KEY-----', 'p8'],
    [undefined, '-----BEGIN CERTIFICATE-----', 'pem'],
    [undefined, '-----BEGIN CERTIFICATE-----\n-----BEGIN PRIVATE KEY-----', 'pem'],
    [undefined, '\u0030\u0082binary', 'p12'],
  ] as const)('%s %j -> %s', (fileName, content, kind) => expect(detectKind(bytesOf(content), fileName)).toBe(kind));
});
