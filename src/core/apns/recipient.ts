/** One recipient of a direct send: its local checks and, when they pass, its exact request. */
import type { Issue } from '../finding.js';
import { normalizeToken } from '../token.js';
import type { BuildResult } from './message.js';
import { buildRequest, type ApnsRequest } from './request.js';

export interface PreparedRecipient {
  /** The token as the user gave it. */
  recipient: string;
  /** Absent when a local check failed: nothing may be sent to this recipient. */
  request?: ApnsRequest;
  /** Token findings, plus the message's errors when the message itself cannot be sent. */
  findings: Issue[];
}

const isError = (i: Issue): boolean => i.severity === 'error';

/**
 * Normalises the token and pairs it with the built message. Message-level warnings and infos are
 * reported once for the whole send, not repeated per token; message errors block every token.
 */
export function prepareRecipient(raw: string, built: BuildResult): PreparedRecipient {
  const normalized = normalizeToken(raw);
  const tokenFindings = normalized.issues;
  if (!built.ok || !built.message) {
    return { recipient: raw, findings: [...tokenFindings, ...built.issues.filter(isError)] };
  }
  if (!normalized.token) return { recipient: raw, findings: tokenFindings };
  return { recipient: raw, request: buildRequest(built.message, normalized.token), findings: tokenFindings };
}
