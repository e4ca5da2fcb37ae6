/** Checks a token-auth key (.p8): PKCS#8 EC P-256, its Key ID and Team ID, and that it signs ES256. */
import { createHash, createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { issue, type Issue } from '../finding.js';
import { APPLE_ID_PATTERN, keyIdFromFileName } from './apple.js';

export interface P8Input {
  bytes: Uint8Array;
  fileName?: string;
  keyId?: string;
  teamId?: string;
}

export interface P8Result {
  issues: Issue[];
  keyId?: string;
  teamId?: string;
  /** SHA-256 of the public key (SPKI DER): identifies the key without revealing it. */
  fingerprint?: string;
  /** PEM of the key, only when every check passed. */
  keyPem?: string;
}

function readKey(bytes: Uint8Array): KeyObject | undefined {
  const buffer = Buffer.from(bytes);
  const text = buffer.toString('latin1');
  try {
    if (text.includes('-----BEGIN ') && text.includes('PRIVATE KEY-----')) return createPrivateKey({ key: text, format: 'pem' });
    return createPrivateKey({ key: buffer, format: 'der', type: 'pkcs8' });
  } catch {
    return undefined;
  }
}

/** What the key is, in words users know: "EC P-384", "RSA 2048". */
function describeKey(key: KeyObject): string {
  const details = key.asymmetricKeyDetails ?? {};
  if (key.asymmetricKeyType === 'ec') {
    const curves: Record<string, string> = { prime256v1: 'P-256', secp384r1: 'P-384', secp521r1: 'P-521', secp256k1: 'secp256k1' };
    return `EC ${curves[details.namedCurve ?? ''] ?? details.namedCurve ?? '?'}`;
  }
  const type = (key.asymmetricKeyType ?? 'unknown').toUpperCase();
  return details.modulusLength ? `${type} ${details.modulusLength}` : type;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Proves the key can produce a JWT signature APNs would verify: ES256, raw r||s encoding. */
function canSignEs256(key: KeyObject, keyId: string, teamId: string): boolean {
  try {
    const input = Buffer.from(`${base64url({ alg: 'ES256', kid: keyId })}.${base64url({ iss: teamId, iat: 0 })}`);
    const signature = sign('sha256', input, { key, dsaEncoding: 'ieee-p1363' });
    return signature.length === 64 && verify('sha256', input, { key: createPublicKey(key), dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

export function checkP8(input: P8Input): P8Result {
  const issues: Issue[] = [];
  const fromName = keyIdFromFileName(input.fileName);
  const keyId = input.keyId?.trim() || fromName;
  const teamId = input.teamId?.trim() || undefined;

  if (!keyId) issues.push(issue('p8.key-id-missing'));
  else if (!APPLE_ID_PATTERN.test(keyId)) issues.push(issue('p8.key-id-invalid', { keyId }));
  if (input.keyId && fromName && keyId && fromName.toUpperCase() !== keyId.toUpperCase()) {
    issues.push(issue('p8.key-id-mismatch-filename', { keyId, fileKeyId: fromName }));
  }
  if (!teamId) issues.push(issue('p8.team-id-missing'));
  else if (!APPLE_ID_PATTERN.test(teamId)) issues.push(issue('p8.team-id-invalid', { teamId }));

  const key = readKey(input.bytes);
  if (!key) return { issues: [issue('p8.unreadable', { reason: 'not-pkcs8' }), ...issues], keyId, teamId };
  const fingerprint = createHash('sha256').update(createPublicKey(key).export({ type: 'spki', format: 'der' })).digest('hex');
  if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
    return { issues: [issue('p8.not-ec-p256', { found: describeKey(key) }), ...issues], keyId, teamId, fingerprint };
  }
  if (!canSignEs256(key, keyId ?? 'KEYID00000', teamId ?? 'TEAMID0000')) {
    return { issues: [issue('p8.unreadable', { reason: 'cannot-sign' }), ...issues], keyId, teamId, fingerprint };
  }
  const ok = issues.length === 0;
  return {
    issues,
    keyId,
    teamId,
    fingerprint,
    keyPem: ok ? key.export({ type: 'pkcs8', format: 'pem' }).toString() : undefined,
  };
}
