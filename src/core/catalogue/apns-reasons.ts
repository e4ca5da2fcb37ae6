/**
 * The APNs provider-API error reasons and their HTTP status, as Apple documents them.
 * Shared by the simulator (which produces them), the sender (which retries or gives up on
 * them) and the catalogue (which explains them).
 */
import { issue, type Issue } from '../finding.js';

export const APNS_REASON_STATUS = {
  BadCollapseId: 400,
  BadDeviceToken: 400,
  BadExpirationDate: 400,
  BadMessageId: 400,
  BadPriority: 400,
  BadTopic: 400,
  DeviceTokenNotForTopic: 400,
  DuplicateHeaders: 400,
  IdleTimeout: 400,
  InvalidPushType: 400,
  MissingDeviceToken: 400,
  MissingTopic: 400,
  PayloadEmpty: 400,
  TopicDisallowed: 400,
  BadCertificate: 403,
  BadCertificateEnvironment: 403,
  ExpiredProviderToken: 403,
  Forbidden: 403,
  InvalidProviderToken: 403,
  MissingProviderToken: 403,
  UnrelatedKeyIdInToken: 403,
  // Apple's page spells it ...KeyIdInToken; servers have been seen sending ...KeyInToken.
  BadEnvironmentKeyIdInToken: 403,
  BadEnvironmentKeyInToken: 403,
  BadPath: 404,
  MethodNotAllowed: 405,
  ExpiredToken: 410,
  Unregistered: 410,
  PayloadTooLarge: 413,
  TooManyProviderTokenUpdates: 429,
  TooManyRequests: 429,
  InternalServerError: 500,
  ServiceUnavailable: 503,
  Shutdown: 503,
} as const satisfies Record<string, number>;

export type ApnsReason = keyof typeof APNS_REASON_STATUS;

export const APNS_REASONS = Object.keys(APNS_REASON_STATUS) as ApnsReason[];

export const isApnsReason = (value: unknown): value is ApnsReason =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(APNS_REASON_STATUS, value);

export const statusOfReason = (reason: ApnsReason): number => APNS_REASON_STATUS[reason];

/** Apple's guidance: retry 5xx and 429 with back-off; everything else is permanent for that request. */
export const isRetryableStatus = (status: number): boolean => status === 429 || status >= 500;

/** Reasons after which the device token should be dropped rather than retried. */
export const TOKEN_INVALIDATING_REASONS: readonly ApnsReason[] = [
  'BadDeviceToken',
  'DeviceTokenNotForTopic',
  'ExpiredToken',
  'Unregistered',
];

/** The finding for an APNs error response; unknown reasons map to `apns.unknown`. */
export function issueForApnsResponse(status: number, reason: string | undefined, timestampMs?: number): Issue {
  // A 410 without a usable timestamp still renders its template; '?' marks the unknown date.
  const date = timestampMs !== undefined && Number.isFinite(timestampMs) ? new Date(timestampMs).toISOString() : '?';
  if (isApnsReason(reason)) return issue(`apns.${reason}`, { status, reason, date });
  return issue('apns.unknown', { status, reason: reason ?? '(none)' });
}
