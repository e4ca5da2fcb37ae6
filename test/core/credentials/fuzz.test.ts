/** Random, truncated and corrupted files must always give findings, never an exception. */
import { describe, expect, it } from 'vitest';
import { inspectCredential, type CredentialInput } from '../../../src/core/credentials/index.js';
import { bytesOf, p12Of, p8Key, pushCert } from '../../fixtures/credentials.js';
import { seededRandom } from '../../../src/core/seeded-random.js';


const random = seededRandom(20240601);
const int = (max: number) => Math.floor(random() * max);
const bytes = (length: number) => Uint8Array.from({ length }, () => int(256));
const pick = <T>(items: readonly T[]): T => items[int(items.length)];
const PASSWORDS = [undefined, '', 'secret', 'wrong', '密码', 'p@ss word', '\u0000', 'x'.repeat(300)];
const KINDS = [undefined, 'p12', 'p8', 'pem'] as const;
const PEM_TYPES = ['CERTIFICATE', 'PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'];

describe('inspectCredential under fuzzing', () => {
  const validP12 = p12Of(pushCert(), 'secret');
  const validP8 = p8Key('P-256').pem;
  const randomPassword = () => (random() < 0.7 ? pick(PASSWORDS) : Buffer.from(bytes(int(20))).toString('latin1'));
  const withRandomOptions = (input: CredentialInput): CredentialInput => ({ ...input, kind: pick(KINDS), password: randomPassword(), keyId: pick([undefined, 'ABCDEFGHIJ', 'bad']), teamId: pick([undefined, 'ABCDE12345', '']) });

  const generators: Array<[string, () => CredentialInput]> = [
    ['random bytes', () => ({ bytes: bytes(int(900)) })],
    ['truncated p12', () => ({ bytes: validP12.subarray(0, int(validP12.length)), fileName: 'push.p12' })],
    ['random PEM block', () => ({ bytes: bytesOf(`-----BEGIN ${pick(PEM_TYPES)}-----\n${Buffer.from(bytes(int(400))).toString('base64')}\n-----END ${pick(PEM_TYPES)}-----\n`) })],
    ['truncated p8', () => ({ bytes: bytesOf(validP8.slice(0, int(validP8.length - 30))), fileName: 'AuthKey_ABCDEFGHIJ.p8' })],
    ['DER-looking bytes', () => ({ bytes: Uint8Array.from([0x30, 0x82, int(256), int(256), ...bytes(int(300))]) })],
  ];

  for (const [name, generate] of generators) {
    it(`always reports a finding for 450 inputs of ${name}`, () => {
      for (let i = 0; i < 450; i += 1) {
        const input = withRandomOptions(generate());
        const report = inspectCredential(input, { warnDays: 30, now: new Date() });
        expect(report.issues.length, `input ${i} gave no finding`).toBeGreaterThan(0);
        expect(report.ok).toBe(false);
      }
    });
  }

  it('never throws for a valid p12 with up to three corrupted bytes', () => {
    for (let i = 0; i < 200; i += 1) {
      const corrupted = Uint8Array.from(validP12);
      for (let n = 0; n <= int(3); n += 1) corrupted[int(corrupted.length)] = int(256);
      const report = inspectCredential({ bytes: corrupted, password: 'secret' }, { warnDays: 30, now: new Date() });
      expect(report.credential.kind).toBe('p12');
    }
  });
});
