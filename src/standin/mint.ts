/**
 * Throwaway credentials for tests, the demo and the local APNs simulator. Nothing minted here is
 * trusted by Apple; it only has the shape of the real thing (FACTS §5).
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import forge from 'node-forge';
import {
  OID_APNS_DEVELOPMENT,
  OID_APNS_PRODUCTION,
  OID_APNS_TOPICS,
  OID_UID,
  PUSH_CN_PREFIX,
  WWDR_COMMON_NAME,
  type CertEnvironment,
} from '../core/credentials/apple.js';

const { asn1, pki } = forge;

export interface RsaKeys {
  privateKey: forge.pki.rsa.PrivateKey;
  publicKey: forge.pki.rsa.PublicKey;
}

export interface MintedCert {
  cert: forge.pki.Certificate;
  key: forge.pki.rsa.PrivateKey;
  keys: RsaKeys;
  certPem: string;
  keyPem: string;
}

interface Validity {
  notBefore?: Date;
  notAfter?: Date;
}

const DAY = 86_400_000;

/** RSA keys generated natively: forge's pure-JS generation takes seconds per key. */
export function generateRsaKeys(bits = 2048): RsaKeys {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: bits,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const key = pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
  return { privateKey: key, publicKey: pki.setRsaPublicKey(key.n, key.e) };
}

type Attr = { type?: string; shortName?: string; value: string };
// Apple writes subject strings as UTF8String; forge's typings call this field a Class.
const utf8 = (attrs: Attr[]) => attrs.map((a) => ({ ...a, valueTagClass: asn1.Type.UTF8 as unknown as forge.asn1.Class }));

const nullValue = () => asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, '')).getBytes();

/** The universal certificate's topic list: each topic followed by a sequence naming its kind. */
function topicListValue(topics: Array<{ topic: string; kind: string }>): string {
  const str = (s: string) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, forge.util.encodeUtf8(s));
  const items = topics.flatMap(({ topic, kind }) => [
    str(topic),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [str(kind)]),
  ]);
  return asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items)).getBytes();
}

function buildCert(opts: {
  keys: RsaKeys;
  subject: Attr[];
  issuer: { cert?: forge.pki.Certificate; key: forge.pki.rsa.PrivateKey } | 'self';
  validity: Validity;
  extensions: unknown[];
}): MintedCert {
  const cert = pki.createCertificate();
  cert.publicKey = opts.keys.publicKey;
  // A positive serial: a leading 0x00..0x7f byte keeps the DER INTEGER unsigned.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  const now = Date.now();
  cert.validity.notBefore = opts.validity.notBefore ?? new Date(now - DAY);
  cert.validity.notAfter = opts.validity.notAfter ?? new Date(now + 365 * DAY);
  cert.setSubject(utf8(opts.subject));
  const signer = opts.issuer === 'self' ? { cert, key: opts.keys.privateKey } : opts.issuer;
  cert.setIssuer(signer.cert ? signer.cert.subject.attributes : utf8(opts.subject));
  cert.setExtensions(opts.extensions as never[]);
  cert.sign(signer.key, forge.md.sha256.create());
  return {
    cert,
    key: opts.keys.privateKey,
    keys: opts.keys,
    certPem: pki.certificateToPem(cert),
    keyPem: pki.privateKeyToPem(opts.keys.privateKey),
  };
}

export interface MintCaOptions extends Validity {
  commonName?: string;
  organizationalUnit?: string;
  keys?: RsaKeys;
  keyBits?: number;
}

/** A stand-in for "Apple Worldwide Developer Relations Certification Authority" (OU G4). */
export function mintCa(opts: MintCaOptions = {}): MintedCert {
  const now = Date.now();
  return buildCert({
    keys: opts.keys ?? generateRsaKeys(opts.keyBits ?? 2048),
    subject: [
      { shortName: 'CN', value: opts.commonName ?? WWDR_COMMON_NAME },
      { shortName: 'OU', value: opts.organizationalUnit ?? 'G4' },
      { shortName: 'O', value: 'Apple Inc.' },
      { shortName: 'C', value: 'US' },
    ],
    issuer: 'self',
    validity: { notBefore: opts.notBefore ?? new Date(now - 30 * DAY), notAfter: opts.notAfter ?? new Date(now + 3650 * DAY) },
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      { name: 'subjectKeyIdentifier' },
    ],
  });
}

export interface MintPushCertOptions extends Validity {
  /** The issuing CA; a fresh fake WWDR CA when absent. */
  ca?: MintedCert;
  bundleId: string;
  teamId?: string;
  teamName?: string;
  environment: CertEnvironment;
  /** Universal certificates only: the topic list (default: bundle id, `.voip`, `.complication`). */
  topics?: string[];
  keys?: RsaKeys;
  keyBits?: number;
}

/** An APNs client certificate with Apple's environment OIDs and subject layout. */
export function mintPushCert(opts: MintPushCertOptions): MintedCert {
  const ca = opts.ca ?? mintCa();
  const env = opts.environment;
  const envOids = env === 'development' ? [OID_APNS_DEVELOPMENT] : env === 'production' ? [OID_APNS_PRODUCTION] : [OID_APNS_DEVELOPMENT, OID_APNS_PRODUCTION];
  const extensions: unknown[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
    { name: 'subjectKeyIdentifier' },
    ...envOids.map((id) => ({ id, critical: false, value: nullValue() })),
  ];
  if (env === 'universal') {
    const topics = opts.topics ?? [opts.bundleId, `${opts.bundleId}.voip`, `${opts.bundleId}.complication`];
    const kindOf = (t: string) => (t.endsWith('.voip') ? 'voip' : t.endsWith('.complication') ? 'complication' : 'app');
    extensions.push({ id: OID_APNS_TOPICS, critical: false, value: topicListValue(topics.map((topic) => ({ topic, kind: kindOf(topic) }))) });
  }
  return buildCert({
    keys: opts.keys ?? generateRsaKeys(opts.keyBits ?? 2048),
    subject: [
      { type: OID_UID, value: opts.bundleId },
      { shortName: 'CN', value: PUSH_CN_PREFIX[env] + opts.bundleId },
      { shortName: 'OU', value: opts.teamId ?? 'ABCDE12345' },
      { shortName: 'O', value: opts.teamName ?? 'Example Team' },
      { shortName: 'C', value: 'US' },
    ],
    issuer: { cert: ca.cert, key: ca.key },
    validity: opts,
    extensions,
  });
}

export interface MintTlsCertOptions extends Validity {
  /** The issuing CA; self-signed when absent. */
  ca?: MintedCert;
  commonName: string;
  /** DNS names and IP addresses for the subjectAltName extension. */
  altNames?: string[];
  keys?: RsaKeys;
  keyBits?: number;
}

/** A plain TLS certificate without push OIDs (a server certificate, or a "wrong file" case). */
export function mintTlsCert(opts: MintTlsCertOptions): MintedCert {
  const isIp = (name: string) => /^[\d.]+$/.test(name) || name.includes(':');
  const altNames = (opts.altNames ?? [opts.commonName]).map((name) => (isIp(name) ? { type: 7, ip: name } : { type: 2, value: name }));
  const keys = opts.keys ?? generateRsaKeys(opts.keyBits ?? 2048);
  return buildCert({
    keys,
    subject: [{ shortName: 'CN', value: opts.commonName }, { shortName: 'O', value: 'Example Org' }],
    issuer: opts.ca ? { cert: opts.ca.cert, key: opts.ca.key } : 'self',
    validity: opts,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
}

export interface P12Identity {
  /** null for a certificate-only bag set. */
  key: forge.pki.rsa.PrivateKey | null;
  /** The first certificate pairs with the key; the rest are its chain. */
  certs: forge.pki.Certificate[];
}

export interface ToP12Options {
  identities: P12Identity[];
  /** null: keys stored unencrypted. '' is a real (empty) password. */
  password?: string | null;
  algorithm?: 'aes128' | 'aes192' | 'aes256' | '3des';
  friendlyName?: string;
  /** Key-derivation iterations (default 2048, as OpenSSL); tests lower it for speed. */
  iterations?: number;
}

/** A PKCS#12 file. Several identities are allowed, to reproduce files that must be rejected. */
export function toP12(opts: ToP12Options): Uint8Array {
  const password = opts.password === undefined ? '' : opts.password;
  const pfxOptions = (useMac: boolean) => ({
    algorithm: opts.algorithm ?? 'aes256',
    count: opts.iterations ?? 2048,
    useMac,
    ...(opts.friendlyName ? { friendlyName: opts.friendlyName } : {}),
  });
  const build = (id: P12Identity, useMac: boolean) =>
    forge.pkcs12.toPkcs12Asn1(id.key, id.certs.length ? id.certs : (null as never), password as string, pfxOptions(useMac));
  if (opts.identities.length === 1) return derBytes(build(opts.identities[0], true));
  return derBytes(mergePfx(opts.identities.map((id) => build(id, false)), password, opts.iterations ?? 2048));
}

const derBytes = (obj: forge.asn1.Asn1): Uint8Array => Uint8Array.from(Buffer.from(asn1.toDer(obj).getBytes(), 'binary'));

/** forge writes one key per PFX; this joins the AuthenticatedSafe of several and adds the MAC. */
function mergePfx(pfxs: forge.asn1.Asn1[], password: string | null, count: number): forge.asn1.Asn1 {
  const octetsOf = (pfx: forge.asn1.Asn1) => ((((pfx.value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[1].value as forge.asn1.Asn1[])[0]);
  const contents = pfxs.flatMap((pfx) => asn1.fromDer(octetsOf(pfx).value as string).value as forge.asn1.Asn1[]);
  const authSafe = asn1.toDer(asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, contents)).getBytes();
  const merged = pfxs[0];
  octetsOf(merged).value = authSafe;

  const salt = forge.random.getBytesSync(8);
  const macKey = forge.pkcs12.generateKey(password, forge.util.createBuffer(salt), 3, count, 20);
  const hmac = forge.hmac.create();
  hmac.start('sha1', macKey);
  hmac.update(authSafe);
  const seq = (items: forge.asn1.Asn1[]) => asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, items);
  const macData = seq([
    seq([
      seq([
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(pki.oids.sha1).getBytes()),
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.NULL, false, ''),
      ]),
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, hmac.digest().getBytes()),
    ]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, salt),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(count).getBytes()),
  ]);
  (merged.value as forge.asn1.Asn1[]).push(macData);
  return merged;
}

export type P8Curve = 'P-256' | 'P-384' | 'rsa';

export interface MintedP8 {
  /** PKCS#8 PEM, as Apple's AuthKey_<KEYID>.p8 files are. */
  pem: string;
  publicKeyPem: string;
  keyId: string;
}

/** A token-auth key. The key id is derived from the key so repeated runs stay recognisable. */
export function mintP8(opts: { curve?: P8Curve; keyId?: string; rsaBits?: number } = {}): MintedP8 {
  const curve = opts.curve ?? 'P-256';
  const pair =
    curve === 'rsa'
      ? generateKeyPairSync('rsa', { modulusLength: opts.rsaBits ?? 2048 })
      : generateKeyPairSync('ec', { namedCurve: curve === 'P-256' ? 'prime256v1' : 'secp384r1' });
  const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKeyPem = pair.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const keyId = opts.keyId ?? createHash('sha256').update(publicKeyPem).digest('hex').slice(0, 10).toUpperCase();
  return { pem, publicKeyPem, keyId };
}
