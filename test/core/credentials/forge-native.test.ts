/**
 * The native digests handed to forge while a .p12 is opened must derive exactly the keys
 * forge's own JavaScript digests derive: forge's derivation is the oracle.
 */
import { randomBytes } from 'node:crypto';
import forge from 'node-forge';
import { describe, expect, it } from 'vitest';
import { nativeDigest, withNativeDigests } from '../../../src/core/credentials/forge-native.js';

const ALGORITHMS = ['sha1', 'sha256', 'sha384', 'sha512'] as const;
const salt = (n: number) => forge.util.createBuffer(randomBytes(n).toString('latin1'));
const pbe = (forge.pki as unknown as { pbe: { generatePkcs12Key: unknown } }).pbe;
const pkcs12Kdf = forge.pkcs12 as unknown as {
  generateKey: (password: string | null, salt: forge.util.ByteStringBuffer, id: number, iter: number, n: number, md?: forge.md.MessageDigest) => forge.util.ByteStringBuffer;
};

describe('native digests under forge', () => {
  it.each(ALGORITHMS)('%s hashes what forge hashes, in one update or many', (algorithm) => {
    const message = randomBytes(300).toString('latin1');
    const ours = nativeDigest(algorithm).update(message.slice(0, 7)).update(message.slice(7));
    const theirs = forge.md[algorithm].create().update(message);
    expect(ours.digest().toHex()).toBe(theirs.digest().toHex());
    expect(nativeDigest(algorithm).update('密码', 'utf8').digest().toHex()).toBe(forge.md[algorithm].create().update('密码', 'utf8').digest().toHex());
  });

  it.each(ALGORITHMS)('the PKCS#12 key derivation with %s gives forge\'s bytes for MAC, key and IV, any password', (algorithm) => {
    for (const [password, id, n, iterations] of [
      ['bench-p12-password', 3, forge.md[algorithm].create().digestLength, 2048],
      ['', 1, 24, 2048],
      [null, 2, 8, 1],
      ['证书密码 with a long tail to span more than one block of the digest', 1, 100, 7],
    ] as const) {
      const s = salt(id === 3 ? 8 : 20);
      const expected = pkcs12Kdf.generateKey(password, s.copy(), id, iterations, n, forge.md[algorithm].create()).toHex();
      expect(pkcs12Kdf.generateKey(password, s.copy(), id, iterations, n, nativeDigest(algorithm)).toHex()).toBe(expected);
      expect(withNativeDigests(() => pkcs12Kdf.generateKey(password, s.copy(), id, iterations, n, forge.md[algorithm].create()).toHex())).toBe(expected);
    }
  });

  it('PBKDF2 with a digest object gives forge\'s bytes, and forge gets its own functions back afterwards', () => {
    const originals = [forge.pkcs5.pbkdf2, pkcs12Kdf.generateKey, pbe.generatePkcs12Key];
    const expected = forge.pkcs5.pbkdf2('pw', 'salt-bytes', 2048, 32, forge.md.sha256.create());
    expect(withNativeDigests(() => forge.pkcs5.pbkdf2('pw', 'salt-bytes', 2048, 32, forge.md.sha256.create()))).toBe(expected);
    expect(() => withNativeDigests(() => {
      throw new Error('decode failed');
    })).toThrow('decode failed');
    expect([forge.pkcs5.pbkdf2, pkcs12Kdf.generateKey, pbe.generatePkcs12Key]).toEqual(originals);
  });
});
