/**
 * How far this machine's clock is from a server's (its HTTP `Date` header). NIM accepts a
 * CheckSum's CurTime for 5 minutes, and APNs a provider JWT for an hour from its `iat`: a skewed
 * clock makes signatures fail in ways that look like wrong secrets.
 */
import { issue, type Issue } from './finding.js';

/** NIM's CheckSum window. */
export const SKEW_ERROR_S = 300;
/** Worth a warning well before it breaks anything. */
export const SKEW_WARN_S = 30;

/** Seconds the local clock is ahead (positive) or behind (negative), or undefined without a usable Date. */
export function clockOffset(serverDate: string | undefined, localMs: number, roundTripMs = 0): number | undefined {
  if (!serverDate) return undefined;
  const server = Date.parse(serverDate);
  if (!Number.isFinite(server)) return undefined;
  // The Date has whole seconds and was stamped somewhere in the round trip: allow for both.
  const slack = roundTripMs / 2 + 1000;
  const diff = localMs - server;
  if (Math.abs(diff) <= slack) return 0;
  return Math.round((diff - Math.sign(diff) * slack) / 1000);
}

/** `clock.skew` as an error at or beyond the CheckSum window, a warning from 30 s; nothing below. */
export function skewIssue(offsetS: number | undefined, server: string): Issue | undefined {
  if (offsetS === undefined || Math.abs(offsetS) < SKEW_WARN_S) return undefined;
  const params = { offset: Math.abs(offsetS), direction: offsetS > 0 ? 'ahead of' : 'behind', server, window: SKEW_ERROR_S };
  return issue('clock.skew', params, Math.abs(offsetS) >= SKEW_ERROR_S ? 'error' : 'warning');
}
