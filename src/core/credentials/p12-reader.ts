/**
 * Opens a PKCS#12 file with node-forge, which (unlike Node's TLS on OpenSSL 3) still reads the
 * RC2-40 encryption of files exported by older Keychain versions.
 */
import forge from 'node-forge';
import { issue, type Issue } from '../finding.js';
import { toKeyObject, type RawBundle } from './bundle.js';
import { withNativeDigests } from './forge-native.js';

const { asn1, pki } = forge;
type Node = forge.asn1.Asn1;

/** Password-based encryption schemes that OpenSSL 3 only offers through its legacy provider. */
const LEGACY_PBE: Record<string, string> = {
  '1.2.840.113549.1.12.1.1': 'pbeWithSHAAnd128BitRC4',
  '1.2.840.113549.1.12.1.2': 'pbeWithSHAAnd40BitRC4',
  '1.2.840.113549.1.12.1.5': 'pbeWithSHAAnd128BitRC2-CBC',
  '1.2.840.113549.1.12.1.6': 'pbeWithSHA1And40BitRC2-CBC',
  '1.2.840.113549.1.5.1': 'pbeWithMD2AndDES-CBC',
  '1.2.840.113549.1.5.3': 'pbeWithMD5AndDES-CBC',
  '1.2.840.113549.1.5.4': 'pbeWithMD2AndRC2-CBC',
  '1.2.840.113549.1.5.6': 'pbeWithMD5AndRC2-CBC',
  '1.2.840.113549.1.5.10': 'pbeWithSHA1AndDES-CBC',
  '1.2.840.113549.1.5.11': 'pbeWithSHA1AndRC2-CBC',
};

const OID_DATA = '1.2.840.113549.1.7.1';
const OID_ENCRYPTED_DATA = '1.2.840.113549.1.7.6';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';

export type P12Result = { ok: true; bundle: RawBundle; legacyAlgorithms: string[] } | { ok: false; issues: Issue[] };

const children = (n: Node | undefined): Node[] => (n && Array.isArray(n.value) ? n.value : []);
const oidOf = (n: Node | undefined): string | undefined =>
  n && n.type === asn1.Type.OID && typeof n.value === 'string' ? asn1.derToOid(n.value) : undefined;

/** An OCTET STRING's bytes, including BER's chunked (constructed) form. */
function octets(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  if (typeof n.value === 'string') return n.value;
  return children(n).map((c) => octets(c) ?? '').join('');
}

const parse = (der: string): Node => asn1.fromDer(der) as Node;

/**
 * The encryption algorithm OIDs of a PFX: of each EncryptedData content and each shrouded key bag.
 * Read before decoding because forge mutates the tree while decoding it.
 */
export function findPbeAlgorithms(pfx: Node): string[] {
  const found: string[] = [];
  // PFX { version, authSafe ContentInfo { type, [0] { OCTET STRING } }, macData }
  const authSafe = parse(octets(children(children(children(pfx)[1])[1])[0]) ?? '');
  for (const info of children(authSafe)) {
    const [type, wrapped] = children(info);
    const content = children(wrapped)[0];
    if (oidOf(type) === OID_ENCRYPTED_DATA) {
      const encryptedContentInfo = children(content)[1];
      const algorithm = oidOf(children(children(encryptedContentInfo)[1])[0]);
      if (algorithm) found.push(algorithm);
    } else if (oidOf(type) === OID_DATA) {
      for (const bag of children(parse(octets(content) ?? ''))) {
        const [bagId, bagValue] = children(bag);
        if (oidOf(bagId) !== OID_SHROUDED_KEY_BAG) continue;
        const algorithm = oidOf(children(children(children(bagValue)[0])[0])[0]);
        if (algorithm) found.push(algorithm);
      }
    }
  }
  return found;
}

const isPasswordError = (message: string) => /MAC could not be verified|Invalid password|wrong password|decrypt/i.test(message);

/** Error text for users: forge's messages are static, but never echo the password back. */
function reasonOf(error: unknown, password: string | undefined): string {
  let text = error instanceof Error ? error.message : String(error);
  if (password) text = text.split(password).join('***');
  return text.replace(/\s+/g, ' ').slice(0, 160);
}

/**
 * Reads every certificate and key of a PKCS#12 file. With no password, both forms of the empty
 * password are tried (OpenSSL and Keychain differ in whether the trailing zero is hashed).
 */
export function readP12(bytes: Uint8Array, password: string | undefined): P12Result {
  let binary: string;
  let legacyAlgorithms: string[] = [];
  try {
    binary = Buffer.from(bytes).toString('binary');
    const outer = parse(binary);
    if (outer.type !== asn1.Type.SEQUENCE || children(outer).length < 2) throw new Error('not a PKCS#12 PFX structure');
    try {
      legacyAlgorithms = findPbeAlgorithms(outer).filter((oid) => oid in LEGACY_PBE).map((oid) => LEGACY_PBE[oid]);
    } catch {
      legacyAlgorithms = []; // the decoder below reports what is wrong with the structure
    }
  } catch (error) {
    // The parser's own words ("Only 8, 16, 24, or 32 bits supported") explain nothing to a user.
    return { ok: false, issues: [issue('p12.unreadable', { reason: 'not-pkcs12' })] };
  }

  const candidates: Array<string | null> = password ? [password] : ['', null];
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      const p12 = withNativeDigests(() => forge.pkcs12.pkcs12FromAsn1(parse(binary), true, candidate as string));
      return { ok: true, bundle: collectBags(p12), legacyAlgorithms: [...new Set(legacyAlgorithms)] };
    } catch (error) {
      lastError = error;
      if (!isPasswordError(reasonOf(error, password))) break;
    }
  }
  const reason = reasonOf(lastError, password);
  if (isPasswordError(reason)) return { ok: false, issues: [issue('p12.bad-password', { passwordGiven: password ? 'yes' : 'no' })] };
  // Old ciphers forge cannot decrypt either (RC2-128, RC4): the re-export advice is the way out.
  const legacy = legacyAlgorithms.length ? [issue('p12.legacy-encryption', { algorithm: [...new Set(legacyAlgorithms)].join(', ') })] : [];
  return { ok: false, issues: [issue('p12.unreadable', { reason: 'undecodable' }), ...legacy] };
}

function collectBags(p12: forge.pkcs12.Pkcs12Pfx): RawBundle {
  const bundle: RawBundle = { certs: [], keys: [], unreadableKeys: 0 };
  const bagsOf = (type: string) => (p12.getBags({ bagType: type })[type] ?? []) as Array<forge.pkcs12.Bag & { asn1?: Node }>;
  for (const bag of bagsOf(pki.oids.certBag)) {
    const node = bag.cert ? pki.certificateToAsn1(bag.cert) : bag.asn1;
    if (node) bundle.certs.push(Buffer.from(asn1.toDer(node).getBytes(), 'binary'));
  }
  for (const type of [pki.oids.pkcs8ShroudedKeyBag, pki.oids.keyBag]) {
    for (const bag of bagsOf(type)) {
      // forge keeps non-RSA keys as raw PrivateKeyInfo; node:crypto reads every kind.
      const node = bag.key ? pki.wrapRsaPrivateKey(pki.privateKeyToAsn1(bag.key as forge.pki.rsa.PrivateKey)) : bag.asn1;
      const key = node ? toKeyObject(Buffer.from(asn1.toDer(node).getBytes(), 'binary')) : undefined;
      if (key) bundle.keys.push(key);
      else bundle.unreadableKeys += 1;
    }
  }
  return bundle;
}
