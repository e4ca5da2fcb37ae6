/** Certificates and keys found in a credential file, and the one identity (cert + key) they make. */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { issue, type Issue } from '../finding.js';

export interface RawBundle {
  /** DER certificates. */
  certs: Buffer[];
  keys: KeyObject[];
  /** Key bags that could not be turned into a key. */
  unreadableKeys: number;
}

export interface Identity {
  issues: Issue[];
  /** The certificate to describe and check: the one matching the key, else the likeliest leaf. */
  cert?: X509Certificate;
  /** Set only when exactly one key matches the chosen certificate. */
  key?: KeyObject;
  /** Other certificates of the file, e.g. the WWDR intermediate. */
  chain: X509Certificate[];
}

/** A PKCS#8 DER private key, or undefined when it is not one. */
export function toKeyObject(der: Buffer): KeyObject | undefined {
  try {
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  } catch {
    return undefined;
  }
}

function parseCert(der: Buffer): X509Certificate | undefined {
  try {
    return new X509Certificate(der);
  } catch {
    return undefined;
  }
}

const matches = (cert: X509Certificate, key: KeyObject): boolean => {
  try {
    return cert.checkPrivateKey(key);
  } catch {
    return false; // e.g. an EC key against an RSA certificate
  }
};

/** DER of the arc 1.2.840.113635.100.6.3 under which Apple's push OIDs sit. */
const PUSH_ARC = Buffer.from('2a864886f763640603', 'hex');
/** A push certificate carries that arc; prefer it over chain certificates. */
const looksLikePush = (cert: X509Certificate) => cert.raw.includes(PUSH_ARC);

function pickLeaf(certs: X509Certificate[]): X509Certificate | undefined {
  return certs.find((c) => !c.ca && looksLikePush(c)) ?? certs.find((c) => !c.ca) ?? certs[0];
}

/** Pairs keys with certificates and reports what keeps the file from being one identity. */
export function resolveIdentity(bundle: RawBundle): Identity {
  const issues: Issue[] = [];
  const certs = bundle.certs.map(parseCert).filter((c): c is X509Certificate => c !== undefined);
  if (bundle.certs.length > 0 && certs.length === 0) issues.push(issue('p12.unreadable', { reason: 'certificate-unparsable' }));
  else if (certs.length === 0) issues.push(issue('p12.no-certificate'));

  const { keys } = bundle;
  if (keys.length === 0) {
    issues.push(bundle.unreadableKeys > 0 ? issue('p12.unreadable', { reason: 'key-unreadable' }) : issue('p12.no-key'));
  }

  const paired = keys.map((key) => ({ key, cert: certs.find((c) => matches(c, key)) }));
  const matched = paired.filter((p) => p.cert !== undefined);
  if (keys.length > 1) {
    const subjects = matched.map((p) => p.cert!.subject.replace(/\n/g, ', ')).join(' | ') || '-';
    issues.push(issue('p12.multiple-identities', { count: keys.length, subjects }));
  } else if (keys.length === 1 && certs.length > 0 && matched.length === 0) {
    issues.push(issue('p12.key-mismatch'));
  }

  const single = keys.length === 1 && matched.length === 1 ? matched[0] : undefined;
  const cert = single?.cert ?? pickLeaf(matched.length ? matched.map((p) => p.cert!) : certs);
  return { issues, cert, key: single?.key, chain: certs.filter((c) => c !== cert) };
}
