/**
 * node-forge runs its hashes in JavaScript. Opening a .p12 spends most of its time in two key
 * derivations: PBKDF2 for the bags of a modern (PBES2) file, and PKCS#12's own derivation
 * (RFC 7292 B.2) for the MAC of every file and the bags of a legacy one, 2048 rounds of a hash
 * each. While a .p12 is opened, both are handed Node's digests instead: forge's own derivation
 * code runs unchanged, only the hash under it is native, so the same bytes come out.
 *
 * Measured in a fresh process on a 2048-bit p12: PBKDF2 ~68 → ~28 ms for the whole decode;
 * the MAC's derivation 12–17 → ~4 ms.
 */
import { hash } from 'node:crypto';
import forge from 'node-forge';

type Pbkdf2 = (p: string, s: string, c: number, dkLen: number, md?: string | forge.md.MessageDigest) => string;
type Pkcs12Kdf = (password: string | null | undefined, salt: forge.util.ByteStringBuffer, id: number, iter: number, n: number, md?: forge.md.MessageDigest) => forge.util.ByteStringBuffer;

/** Digest and block lengths of the digests PKCS#12 files use (RFC 7292 B.2 needs both). */
const SIZES: Record<string, [digestLength: number, blockLength: number]> = {
  sha1: [20, 64],
  sha256: [32, 64],
  sha384: [48, 128],
  sha512: [64, 128],
};

/**
 * A forge message digest backed by Node's: what forge's PKCS#12 derivation needs of one
 * (start, update with binary strings, digest to a buffer, the two lengths).
 */
export function nativeDigest(algorithm: string): forge.md.MessageDigest {
  const [digestLength, blockLength] = SIZES[algorithm];
  let chunks: Buffer[] = [];
  const md = {
    algorithm,
    digestLength,
    blockLength,
    start() {
      chunks = [];
      return md;
    },
    update(message: string, encoding?: 'raw' | 'utf8') {
      chunks.push(Buffer.from(message, encoding === 'utf8' ? 'utf8' : 'latin1'));
      return md;
    },
    digest() {
      return forge.util.createBuffer(hash(algorithm, chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), 'binary'));
    },
  };
  return md as unknown as forge.md.MessageDigest;
}

const nameOf = (md: unknown): string | undefined => {
  const algorithm = typeof md === 'object' && md !== null ? (md as { algorithm?: unknown }).algorithm : undefined;
  return typeof algorithm === 'string' && algorithm in SIZES ? algorithm : undefined;
};

/** Runs `fn` (a forge PKCS#12 decode) with Node's digests under forge's key derivations. */
export function withNativeDigests<T>(fn: () => T): T {
  const pkcs5 = forge.pkcs5 as unknown as { pbkdf2: Pbkdf2 };
  const pkcs12 = forge.pkcs12 as unknown as { generateKey: Pkcs12Kdf };
  const pbe = (forge.pki as unknown as { pbe: { generatePkcs12Key: Pkcs12Kdf } }).pbe;
  const originals = { pbkdf2: pkcs5.pbkdf2, macKdf: pkcs12.generateKey, pbeKdf: pbe.generatePkcs12Key };
  // Given the digest's name instead of the object, forge's PBKDF2 calls Node's own.
  pkcs5.pbkdf2 = (p, s, c, dkLen, md) => originals.pbkdf2(p, s, c, dkLen, nameOf(md) ?? md);
  // forge defaults to SHA-1 when no digest is given, as RFC 7292 does.
  const kdf = (original: Pkcs12Kdf): Pkcs12Kdf => (password, salt, id, iter, n, md) =>
    original(password, salt, id, iter, n, md === undefined || md === null ? nativeDigest('sha1') : nameOf(md) ? nativeDigest(nameOf(md) as string) : md);
  pkcs12.generateKey = kdf(originals.macKdf);
  pbe.generatePkcs12Key = kdf(originals.pbeKdf);
  try {
    return fn();
  } finally {
    pkcs5.pbkdf2 = originals.pbkdf2;
    pkcs12.generateKey = originals.macKdf;
    pbe.generatePkcs12Key = originals.pbeKdf;
  }
}
