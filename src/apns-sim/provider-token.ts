/** Token-based provider authentication: the ES256 JWT in `authorization: bearer <jwt>`. */
import { verify } from 'node:crypto';
import type { ApnsReason } from '../core/catalogue/apns-reasons.js';
import type { SimEnvironment, SimKey } from './sim-state.js';

export const TOKEN_MAX_AGE_SECONDS = 3600;
/** Clock skew tolerated for an `iat` in the future. */
const FUTURE_SKEW_SECONDS = 300;

export interface TokenContext {
  keys: ReadonlyMap<string, SimKey>;
  environment: SimEnvironment;
  nowMs: number;
  /** The key id already accepted on this connection. */
  acceptedKeyId?: string;
  /** The last JWT whose signature verified on this connection, to skip re-verifying it. */
  verifiedJwt?: string;
}

export type TokenResult = { key: SimKey; jwt: string } | { reason: ApnsReason };

function decodeJson(part: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Checks the authorization header the way APNs does; returns the key or the reason to answer. */
export function checkProviderToken(authorization: string | undefined, ctx: TokenContext): TokenResult {
  if (authorization === undefined || authorization.trim() === '') return { reason: 'MissingProviderToken' };
  const match = /^bearer\s+([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)\s*$/i.exec(authorization);
  if (!match) return { reason: 'InvalidProviderToken' };
  const jwt = match[1];
  const [headerPart, claimsPart, signaturePart] = jwt.split('.');
  const header = decodeJson(headerPart);
  const claims = decodeJson(claimsPart);
  if (!header || !claims || header.alg !== 'ES256' || typeof header.kid !== 'string') return { reason: 'InvalidProviderToken' };
  if (typeof claims.iss !== 'string' || typeof claims.iat !== 'number' || !Number.isFinite(claims.iat)) return { reason: 'InvalidProviderToken' };

  const key = ctx.keys.get(header.kid);
  if (!key || key.teamId !== claims.iss) return { reason: 'InvalidProviderToken' };
  if (ctx.acceptedKeyId !== undefined && ctx.acceptedKeyId !== key.keyId) return { reason: 'UnrelatedKeyIdInToken' };
  if (key.environment && key.environment !== ctx.environment) return { reason: 'BadEnvironmentKeyIdInToken' };

  if (ctx.verifiedJwt !== jwt) {
    const signature = Buffer.from(signaturePart, 'base64url');
    let valid = false;
    try {
      // JWS carries ES256 signatures as raw r||s (IEEE P1363), not DER.
      valid = signature.length === 64 && verify('sha256', Buffer.from(`${headerPart}.${claimsPart}`), { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
      valid = false;
    }
    if (!valid) return { reason: 'InvalidProviderToken' };
  }

  const nowSeconds = ctx.nowMs / 1000;
  if (claims.iat > nowSeconds + FUTURE_SKEW_SECONDS) return { reason: 'InvalidProviderToken' };
  if (nowSeconds - claims.iat > TOKEN_MAX_AGE_SECONDS) return { reason: 'ExpiredProviderToken' };
  return { key, jwt };
}
