/** Documented size limits of the NIM server API (FACTS section 2) and the checks against them. */
import { issue, type Issue } from '../finding.js';

export const NIM_LIMITS = {
  accid: 32,
  nonce: 128,
  body: 5000,
  pushcontent: 500,
  forcepushcontent: 500,
  payload: 2048,
  ext: 1024,
  attach: 4096,
  certName: 32,
  customContentKey: 128,
} as const;

/** Characters as NIM counts them: UTF-16 code units, like Java and NSString lengths. */
export const countChars = (text: string): number => text.length;

export interface SendTexts {
  body?: string;
  pushcontent?: string;
  payload?: string;
  forcepushcontent?: string;
  attach?: string;
  ext?: string;
}

/**
 * Checks the texts of a send against the documented limits before anything is sent.
 * Params: `field`, `length`, `limit` (also `max`, the same value).
 */
export function checkSendLimits(texts: SendTexts): Issue[] {
  const found: Issue[] = [];
  const over = (value: string | undefined, limit: number): number | undefined => {
    if (value === undefined) return undefined;
    const length = countChars(value);
    return length > limit ? length : undefined;
  };
  const add = (id: string, field: string, length: number | undefined, limit: number): void => {
    if (length !== undefined) found.push(issue(id, { field, length, limit, max: limit }));
  };
  add('pushcontent.too-long', 'pushcontent', over(texts.pushcontent, NIM_LIMITS.pushcontent), NIM_LIMITS.pushcontent);
  add('pushcontent.too-long', 'forcepushcontent', over(texts.forcepushcontent, NIM_LIMITS.forcepushcontent), NIM_LIMITS.forcepushcontent);
  add('nim-payload.too-long', 'payload', over(texts.payload, NIM_LIMITS.payload), NIM_LIMITS.payload);
  add('message.too-long', 'body', over(texts.body, NIM_LIMITS.body), NIM_LIMITS.body);
  add('message.too-long', 'attach', over(texts.attach, NIM_LIMITS.attach), NIM_LIMITS.attach);
  add('message.too-long', 'ext', over(texts.ext, NIM_LIMITS.ext), NIM_LIMITS.ext);
  return found;
}
