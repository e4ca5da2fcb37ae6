/** NIM server API response codes (FACTS section 2) and how the client explains them. */
import { issue, type Issue } from '../finding.js';

export const NimCode = {
  ok: 200,
  banned: 301,
  wrongUser: 302,
  forbidden: 403,
  notFound: 404,
  tooLong: 405,
  timeout: 408,
  badParam: 414,
  rateLimited: 416,
  overLimit: 419,
  disabled: 422,
  repeated: 431,
  internal: 500,
  busy: 503,
} as const;

/** The documented meaning of each code, used as `desc` when the server gives none. */
export const codeDescriptions: Record<number, string> = {
  301: 'banned',
  302: 'wrong user or password',
  403: 'illegal operation or no permission',
  404: 'object does not exist',
  405: 'parameter too long',
  408: 'timeout',
  414: 'parameter error',
  416: 'rate limited',
  419: 'over a count limit',
  422: 'account disabled',
  431: 'repeated HTTP request',
  500: 'internal error',
  503: 'busy',
};

export interface NimResponse {
  code: number;
  desc?: string;
  [key: string]: unknown;
}

/** Maps a non-200 response to the relay finding that explains it. */
export function issueForResponse(res: NimResponse): Issue {
  const desc = typeof res.desc === 'string' && res.desc ? res.desc : (codeDescriptions[res.code] ?? 'unknown error');
  const params = { code: res.code, desc };
  if (res.code === NimCode.badParam) {
    // 414 covers both a refused signature and a plain parameter error; say which.
    const kind = /checksum|curtime|appkey|nonce/i.test(desc) ? 'signature' : 'parameter';
    // A refused parameter is the caller's input, not the credentials: don't send users to their App Secret.
    return kind === 'signature' ? issue('relay.auth-failed', { ...params, kind }) : issue('relay.error', { ...params, kind });
  }
  if (res.code === NimCode.rateLimited) return issue('relay.rate-limited', params);
  if (res.code === NimCode.forbidden) return issue('relay.forbidden', params);
  return issue('relay.error', params);
}

/** true when the 414 means the request signature (not a parameter) was refused. */
export const isSignatureFailure = (res: NimResponse): boolean =>
  res.code === NimCode.badParam && /checksum|curtime|appkey|nonce/i.test(String(res.desc ?? ''));
