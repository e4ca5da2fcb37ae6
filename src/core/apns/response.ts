/** What an APNs answer means: the finding for a failure and whether to try again. */
import { issue, type Issue } from '../finding.js';
import { issueForApnsResponse, isRetryableStatus } from '../catalogue/apns-reasons.js';

/** One failed attempt, as the transport saw it. */
export interface ApnsFailure {
  /** HTTP status, when APNs answered. */
  status?: number;
  /** APNs `reason`, when APNs answered with one. */
  reason?: string;
  /** 410 answers: when the token stopped being valid, in epoch milliseconds. */
  timestamp?: number;
  /** No answer: how the transport failed (`unreachable` never reached APNs, `lost` lost the stream). */
  transport?: 'unreachable' | 'lost';
  /** The transport error text, for the finding. */
  detail?: string;
}

/** Apple: these reasons are permanent for the request; retrying them only adds load. */
export const PERMANENT_REASONS: ReadonlySet<string> = new Set([
  'BadDeviceToken',
  'DeviceTokenNotForTopic',
  'Forbidden',
  'ExpiredToken',
  'Unregistered',
  'PayloadTooLarge',
]);

/**
 * Apple's guidance: 5xx and 429 are worth retrying with back-off; a lost stream is retried too.
 * `attempt` is the attempt that just failed (1 for the first).
 */
export function isRetryable(failure: ApnsFailure, attempt = 1): boolean {
  if (failure.reason !== undefined && PERMANENT_REASONS.has(failure.reason)) return false;
  if (failure.transport === 'lost') return true;
  if (failure.status === undefined) return false;
  // The sender regenerates its provider token on this answer, so one more attempt can succeed;
  // a second refusal means the token is fresh and the clock is what is wrong.
  if (failure.status === 403 && failure.reason === 'ExpiredProviderToken') return attempt === 1;
  return isRetryableStatus(failure.status);
}

export interface BackoffPolicy {
  /** Attempts per token, the first included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { maxAttempts: 5, baseDelayMs: 250, maxDelayMs: 8000 };

/**
 * Exponential back-off with "equal jitter": half the window fixed, half random, so retries of
 * many tokens that failed together spread out instead of hitting APNs again in one burst.
 * `attempt` is the attempt that just failed (1 for the first); `random` is in [0, 1).
 */
export function backoffDelay(attempt: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(window / 2 + (window / 2) * random);
}

/** The finding for a failure: `apns.<Reason>` when APNs answered, else a transport finding. */
export function issueForFailure(failure: ApnsFailure): Issue {
  if (failure.status !== undefined) return issueForApnsResponse(failure.status, failure.reason, failure.timestamp);
  if (failure.transport === 'unreachable') return issue('apns.unreachable', { detail: failure.detail ?? 'no connection' });
  return issue('apns.unexpected-response', { status: '-', reason: '-', detail: failure.detail ? `(${failure.detail})` : '' });
}
