/**
 * Lint of the NIM push payload (`payload` of sendMsg, `push_payload` of v2) before it is sent:
 * NIM reads `pushTitle` and `apsField` itself, passes the vendor fields to Android channels, and
 * puts every other key into the APNs payload. Findings are `nim-payload.*`: an error where NIM or
 * APNs would refuse the push, a warning where it goes out but not as meant.
 */
import { issue, type Issue } from '../finding.js';
import { DEFAULT_PAYLOAD_LIMIT } from '../apns/push-type.js';
import { NIM_LIMITS } from './limits.js';

/** Keys NIM reads from the push payload, and what each is for. */
export const NIM_PAYLOAD_KEYS: Readonly<Record<string, 'ios' | 'android'>> = Object.freeze({
  pushTitle: 'ios',
  apsField: 'ios',
  hwField: 'android',
  honorField: 'android',
  vivoField: 'android',
  oppoField: 'android',
  xmField: 'android',
  mzField: 'android',
  fcmField: 'android',
  fcmFieldV1: 'android',
  channel_id: 'android',
  personal: 'android',
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const byteLength = (text: string): number => new TextEncoder().encode(text).length;

export interface LintInput {
  /** The payload as sent (JSON text), if any. */
  payloadText?: string;
  /** The APNs payload NIM would build from it (see push-text.ts), to measure. */
  apnsPayload?: Record<string, unknown>;
  /** A custom system notification (sendAttachMsg / custom_notification). */
  attach?: boolean;
  /** Push text given (pushcontent, or force-push text). */
  hasPushText: boolean;
  /** The message asked for no push. */
  noPush?: boolean;
}

export function lintNimPayload(input: LintInput): Issue[] {
  const found: Issue[] = [];
  if (input.attach && !input.hasPushText && !input.noPush) found.push(issue('nim-payload.attach-no-push'));
  const text = input.payloadText;
  if (text !== undefined && text !== '') {
    if (text.length > NIM_LIMITS.payload) found.push(issue('nim-payload.too-long', { length: text.length, max: NIM_LIMITS.payload, field: 'payload', limit: NIM_LIMITS.payload }));
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
    if (isObject(payload)) found.push(...lintKeys(payload));
  }
  if (input.apnsPayload) {
    const size = byteLength(JSON.stringify(input.apnsPayload));
    if (size > DEFAULT_PAYLOAD_LIMIT) found.push(issue('nim-payload.apns-too-large', { size, limit: DEFAULT_PAYLOAD_LIMIT }));
  }
  return found;
}

function lintKeys(payload: Record<string, unknown>): Issue[] {
  const found: Issue[] = [];
  const known = Object.keys(NIM_PAYLOAD_KEYS);
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'apsField') {
      if (!isObject(value)) found.push(issue('nim-payload.aps-field', { type: Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value }));
      else if ('alert' in value) found.push(issue('nim-payload.aps-alert'));
      continue;
    }
    if (key === 'pushTitle') {
      if (typeof value !== 'string') found.push(issue('nim-payload.field-type', { key, expected: 'string', type: typeof value }));
      continue;
    }
    if (key === 'aps') {
      found.push(issue('nim-payload.aps-key'));
      continue;
    }
    if (NIM_PAYLOAD_KEYS[key] === 'android') {
      found.push(issue('nim-payload.android-field', { key }));
      continue;
    }
    const near = known.find((k) => k.toLowerCase() === key.toLowerCase());
    if (near) found.push(issue('nim-payload.key-case', { key, known: near }));
  }
  return found;
}
