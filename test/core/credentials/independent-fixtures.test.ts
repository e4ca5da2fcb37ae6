/**
 * Credentials nobody here minted with the project's own code: a real Apple-issued universal push
 * certificate (public part, expired), and certificates made by the openssl CLI with Apple's
 * extensions written out by hand, so the inspector is not only checked against its own constants.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { describePushCertificate, inspectCredential } from '../../../src/core/credentials/index.js';
import { makeTempDir, opensslAvailable } from '../../fixtures/credentials.js';

const REAL = readFileSync(new URL('../../fixtures/real-apple-universal.pem', import.meta.url));

describe('a real Apple-issued universal push certificate', () => {
  const d = describePushCertificate(REAL.toString('utf8'));

  it('reads as universal, for its bundle and team, with the .voip and .complication topics', () => {
    expect(d.environment).toBe('universal');
    expect(d.environments).toEqual(['development', 'production']);
    expect(d.bundleId).toBe('co.getpopulr.populr');
    expect(d.teamId).toBe('8Y2GFS326V');
    expect(d.topics).toEqual(expect.arrayContaining(['co.getpopulr.populr', 'co.getpopulr.populr.voip', 'co.getpopulr.populr.complication']));
    expect(d.issuerCommonName).toBe('Apple Worldwide Developer Relations Certification Authority');
  });

  it('is expired, and can push VoIP for its bundle', () => {
    const report = inspectCredential({ kind: 'pem', bytes: REAL }, { bundleId: 'co.getpopulr.populr', voip: true, now: new Date('2026-12-01T00:00:00Z') });
    const ids = report.issues.map((i) => i.id);
    expect(ids).toContain('cert.expired');
    expect(ids).not.toContain('cert.issuer-unknown');
    expect(ids).not.toContain('cert.no-voip');
    expect(ids).not.toContain('cert.topic-mismatch');
    expect(report.credential).toMatchObject({ environment: 'universal', bundleId: 'co.getpopulr.populr', teamId: '8Y2GFS326V' });
  });
});

// Skipped only where the openssl command-line tool is missing (see OPENSSL_SKIP_REASON); CI has it.
describe.skipIf(!opensslAvailable)('certificates made by openssl with the extensions written by hand', () => {
  const { dir, cleanup } = makeTempDir();
  afterAll(cleanup);
  const bundle = 'com.example.openssl';
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', env: { ...process.env, PW: 'pw-123' } });

  // A CA named as Apple's, and one leaf per set of extensions; the topic list as Apple lays it out.
  writeFileSync(
    join(dir, 'leaf.cnf'),
    [
      '[dev]',
      '1.2.840.113635.100.6.3.1 = ASN1:NULL',
      '[prod]',
      '1.2.840.113635.100.6.3.2 = ASN1:NULL',
      '[universal]',
      '1.2.840.113635.100.6.3.1 = ASN1:NULL',
      '1.2.840.113635.100.6.3.2 = ASN1:NULL',
      '1.2.840.113635.100.6.3.6 = ASN1:SEQUENCE:topics',
      '[topics]',
      `t1 = UTF8:${bundle}`,
      'k1 = SEQUENCE:app',
      `t2 = UTF8:${bundle}.voip`,
      'k2 = SEQUENCE:voip',
      `t3 = UTF8:${bundle}.complication`,
      'k3 = SEQUENCE:complication',
      '[app]',
      'k = UTF8:app',
      '[voip]',
      'k = UTF8:voip',
      '[complication]',
      'k = UTF8:complication',
      '',
    ].join('\n'),
  );
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/C=US/O=Apple Inc./OU=Apple Worldwide Developer Relations/CN=Apple Worldwide Developer Relations Certification Authority');
  const leaf = (name: string, cn: string) => {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/UID=${bundle}/CN=${cn}: ${bundle}/OU=ABCDE12345/O=Example/C=US`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', '365', '-extfile', 'leaf.cnf', '-extensions', name);
    openssl('pkcs12', '-export', '-in', `${name}.pem`, '-inkey', `${name}.key`, '-out', `${name}.p12`, '-passout', 'env:PW');
    return new Uint8Array(readFileSync(join(dir, `${name}.p12`)));
  };
  const dev = leaf('dev', 'Apple Development IOS Push Services');
  const prod = leaf('prod', 'Apple Production IOS Push Services');
  const universal = leaf('universal', 'Apple Push Services');
  const now = new Date();
  const inspect = (bytes: Uint8Array, expect: { environment?: 'development' | 'production'; voip?: boolean } = {}) =>
    inspectCredential({ kind: 'p12', bytes, password: 'pw-123' }, { bundleId: bundle, now, ...expect });

  it('reads each environment from its extension', () => {
    expect(inspect(dev).credential.environment).toBe('development');
    expect(inspect(prod).credential.environment).toBe('production');
    expect(inspect(universal).credential).toMatchObject({ environment: 'universal', bundleId: bundle, teamId: 'ABCDE12345', topics: [bundle, `${bundle}.voip`, `${bundle}.complication`] });
  });

  it('finds the environment mismatch, and only a certificate with .voip may push VoIP', () => {
    expect(inspect(dev, { environment: 'production' }).issues.map((i) => i.id)).toContain('cert.env-mismatch');
    expect(inspect(dev, { environment: 'development' }).ok).toBe(true);
    expect(inspect(dev, { voip: true }).issues.map((i) => i.id)).toContain('cert.no-voip');
    expect(inspect(universal, { voip: true }).issues.map((i) => i.id)).not.toContain('cert.no-voip');
    // openssl's own p12 (AES-256, SHA-256 MAC) is read, with its key.
    expect(inspect(universal).material?.kind).toBe('cert');
  });
});
