/** A provider token (ES256 JWT) for h2load's fixed authorization header: made once, like a real provider's. */
import { createPrivateKey, sign } from 'node:crypto';

const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function makeProviderToken({ keyPem, keyId, teamId, nowMs = Date.now() }) {
  const signingInput = `${part({ alg: 'ES256', kid: keyId })}.${part({ iss: teamId, iat: Math.floor(nowMs / 1000) })}`;
  // JWS wants the raw r||s form of an ECDSA signature, not DER.
  const signature = sign('sha256', Buffer.from(signingInput), { key: createPrivateKey(keyPem), dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
}
