/** Reads PEM certificates and keys (or a DER `.cer` as downloaded from the Apple portal). */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import forge from 'node-forge';
import { issue, type Issue } from '../finding.js';
import { toKeyObject, type RawBundle } from './bundle.js';

export type PemResult = { ok: true; bundle: RawBundle } | { ok: false; issues: Issue[] };

const KEY_TYPES = new Set(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY']);

export { looksLikePem } from './credential.js';
import { looksLikePem } from './credential.js';

function readDer(bytes: Uint8Array, bundle: RawBundle): boolean {
  const der = Buffer.from(bytes);
  try {
    bundle.certs.push(new X509Certificate(der).raw);
    return true;
  } catch {
    const key = toKeyObject(der);
    if (key) bundle.keys.push(key);
    return key !== undefined;
  }
}

function readEncryptedKey(pem: string, password: string | undefined): KeyObject | 'bad-password' {
  try {
    return createPrivateKey({ key: pem, format: 'pem', passphrase: password ?? '' });
  } catch {
    return 'bad-password';
  }
}

/** Adds the blocks of one file to the bundle; returns the issues that stop reading it. */
function addFile(bytes: Uint8Array, password: string | undefined, bundle: RawBundle): Issue[] {
  if (!looksLikePem(bytes)) {
    return readDer(bytes, bundle) ? [] : [issue('p12.unreadable', { reason: 'not-pem-or-der' })];
  }
  let blocks: ReturnType<typeof forge.pem.decode>;
  try {
    blocks = forge.pem.decode(Buffer.from(bytes).toString('latin1'));
  } catch {
    return [issue('p12.unreadable', { reason: 'malformed-pem' })];
  }
  for (const block of blocks) {
    const pem = forge.pem.encode({ type: block.type, procType: block.procType, contentDomain: block.contentDomain, dekInfo: block.dekInfo, headers: block.headers, body: block.body });
    if (block.type === 'CERTIFICATE') {
      bundle.certs.push(Buffer.from(block.body, 'binary'));
    } else if (block.type === 'ENCRYPTED PRIVATE KEY' || (KEY_TYPES.has(block.type) && block.procType?.type === 'ENCRYPTED')) {
      const key = readEncryptedKey(pem, password);
      if (key === 'bad-password') return [issue('p12.bad-password', { passwordGiven: password ? 'yes' : 'no' })];
      bundle.keys.push(key);
    } else if (KEY_TYPES.has(block.type)) {
      try {
        bundle.keys.push(createPrivateKey(pem));
      } catch {
        bundle.unreadableKeys += 1;
      }
    }
  }
  return [];
}

/** A certificate and its key, in one PEM file or two. */
export function readPem(bytes: Uint8Array, keyBytes: Uint8Array | undefined, password: string | undefined): PemResult {
  const bundle: RawBundle = { certs: [], keys: [], unreadableKeys: 0 };
  const issues = [...addFile(bytes, password, bundle), ...(keyBytes ? addFile(keyBytes, password, bundle) : [])];
  return issues.length ? { ok: false, issues } : { ok: true, bundle };
}
