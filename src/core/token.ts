/** APNs device-token rules: normalise what users paste, reject what cannot be a token. */
import { issue, type Issue } from './finding.js';

/** The usual APNs token length in hex characters (32 bytes); longer tokens exist. */
export const USUAL_TOKEN_HEX_LENGTH = 64;

export interface NormalizedToken {
  /** The lower-case hex token, absent when the input cannot be a token. */
  token?: string;
  issues: Issue[];
}

const CLEAN_HEX = /^[0-9a-f]+$/;

/** Shortens a token for messages: tokens are not secret, but long ones flood a terminal. */
export function previewToken(value: string): string {
  return value.length > 16 ? `${value.slice(0, 8)}…${value.slice(-4)}` : value;
}

/**
 * FCM registration tokens look like `<instance id>:<base64url blob>`, about 150+ characters.
 * They are the most common wrong token pasted into an APNs tool, so they get their own finding.
 */
function looksLikeFcm(value: string): boolean {
  return value.length >= 100 && /^[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$/.test(value);
}

/**
 * Accepts the hex form, the `<abcd 1234 …>` NSData description form and any spacing or case;
 * returns the token APNs expects in `/3/device/<token>`.
 */
export function normalizeToken(raw: string): NormalizedToken {
  // The common case, a clean token of the usual length, needs no cleaning and has no findings:
  // checked first because bulk sends normalise every line of a token file.
  if (raw.length === USUAL_TOKEN_HEX_LENGTH && CLEAN_HEX.test(raw)) return { token: raw, issues: [] };
  const trimmed = raw.trim();
  const preview = previewToken(trimmed);
  if (looksLikeFcm(trimmed)) {
    return { issues: [issue('token.looks-like-fcm', { token: preview })] };
  }
  const cleaned = trimmed.replace(/[\s<>]/g, '').toLowerCase();
  if (cleaned === '') {
    return { issues: [issue('token.invalid-format', { token: preview, problem: 'empty' })] };
  }
  if (!CLEAN_HEX.test(cleaned)) {
    return { issues: [issue('token.invalid-format', { token: preview, problem: 'not-hex' })] };
  }
  if (cleaned.length % 2 !== 0) {
    return { issues: [issue('token.invalid-format', { token: preview, problem: 'odd-length' })] };
  }
  const issues: Issue[] = [];
  if (cleaned !== raw) issues.push(issue('token.normalized', { token: previewToken(cleaned) }));
  if (cleaned.length !== USUAL_TOKEN_HEX_LENGTH) {
    issues.push(issue('token.length-unusual', { token: previewToken(cleaned), length: cleaned.length }));
  }
  return { token: cleaned, issues };
}
