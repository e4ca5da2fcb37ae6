/** The exact APNs request for one device token. */
import type { ApnsHeaders, BuiltMessage } from './message.js';

export interface ApnsRequest {
  method: 'POST';
  path: string;
  headers: ApnsHeaders;
  payload: Record<string, unknown>;
}

/**
 * The request for `token` (already normalised); `apnsId` pins the `apns-id` header. Without it
 * the request shares the message's headers and payload objects (read-only), so a sender can
 * prepare them once for a whole bulk send.
 */
export function buildRequest(message: BuiltMessage, token: string, apnsId?: string): ApnsRequest {
  const headers: ApnsHeaders = apnsId === undefined ? message.headers : { ...message.headers, 'apns-id': apnsId };
  return { method: 'POST', path: `/3/device/${token}`, headers, payload: message.payload };
}

/** The authorization header as dry-run shows it: the JWT is signed per connection and never printed. */
export function describeTokenAuth(keyId: string, teamId: string): string {
  return `bearer <ES256 JWT kid=${keyId} iss=${teamId}, redacted>`;
}

/** A request as `--dry-run` prints it, with the token-auth header when the credential is a p8 key. */
export function toDryRunRequest(request: ApnsRequest, auth?: { keyId: string; teamId: string }): ApnsRequest {
  if (!auth) return request;
  return { ...request, headers: { ...request.headers, authorization: describeTokenAuth(auth.keyId, auth.teamId) } };
}
