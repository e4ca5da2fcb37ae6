/** APNs' checks on a push request's path, headers and payload (FACTS §4), as pure functions. */
import type { ApnsReason } from '../core/catalogue/apns-reasons.js';

export const PUSH_TYPES = ['alert', 'background', 'voip', 'complication', 'fileprovider', 'mdm', 'liveactivity', 'location', 'pushtotalk', 'widgets'] as const;
export type PushType = (typeof PUSH_TYPES)[number];

/** The topic suffix each push type requires after the bundle id. */
export const TOPIC_SUFFIX: Partial<Record<PushType, string>> = {
  voip: '.voip',
  complication: '.complication',
  fileprovider: '.pushkit.fileprovider',
  liveactivity: '.push-type.liveactivity',
  location: '.location-query',
  pushtotalk: '.voip-ptt',
  widgets: '.push-type.widgets',
};

const SUFFIXES = Object.values(TOPIC_SUFFIX).sort((a, b) => b.length - a.length);

export const MAX_PAYLOAD = 4096;
export const MAX_VOIP_PAYLOAD = 5120;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEVICE_PATH = /^\/3\/device\/([^/?#]*)$/;

export type PathMatch = { token: string } | { reason: ApnsReason };

/** `/3/device/<token>`: anything else is BadPath, an empty token MissingDeviceToken. */
export function matchDevicePath(path: string): PathMatch {
  const bare = path.split('?')[0];
  const match = DEVICE_PATH.exec(bare);
  if (!match) return { reason: bare === '/3/device' ? 'MissingDeviceToken' : 'BadPath' };
  return match[1] === '' ? { reason: 'MissingDeviceToken' } : { token: match[1] };
}

/** Any header name sent twice (pseudo-headers included) is DuplicateHeaders. */
export function hasDuplicateHeaders(rawHeaders: readonly string[]): boolean {
  const seen = new Set<string>();
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const name = String(rawHeaders[i]).toLowerCase();
    // HTTP/2 lets clients split cookies into several fields (RFC 9113 §8.2.3); that is not a repeat.
    if (name === 'cookie') continue;
    if (seen.has(name)) return true;
    seen.add(name);
  }
  return false;
}

export interface ApnsHeaders {
  topic?: string;
  pushType?: string;
  priority?: string;
  expiration?: string;
  collapseId?: string;
  apnsId?: string;
}

/** Reads the apns-* headers from node's header object; repeated values were caught earlier. */
export function readApnsHeaders(headers: Record<string, string | string[] | undefined>): ApnsHeaders {
  const one = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  return {
    topic: one('apns-topic'),
    pushType: one('apns-push-type'),
    priority: one('apns-priority'),
    expiration: one('apns-expiration'),
    collapseId: one('apns-collapse-id'),
    apnsId: one('apns-id'),
  };
}

export const isPushType = (value: string): value is PushType => (PUSH_TYPES as readonly string[]).includes(value);

/** The header-value checks that do not depend on who is sending. */
export function checkHeaderValues(h: ApnsHeaders): ApnsReason | undefined {
  if (h.apnsId !== undefined && !UUID.test(h.apnsId)) return 'BadMessageId';
  if (h.pushType !== undefined && !isPushType(h.pushType)) return 'InvalidPushType';
  if (h.priority !== undefined) {
    if (!['10', '5', '1'].includes(h.priority)) return 'BadPriority';
    // Background pushes must be sent with priority 5; 10 is rejected.
    if (h.pushType === 'background' && h.priority !== '5') return 'BadPriority';
  }
  if (h.expiration !== undefined && !/^\d{1,12}$/.test(h.expiration)) return 'BadExpirationDate';
  if (h.collapseId !== undefined && Buffer.byteLength(h.collapseId, 'utf8') > 64) return 'BadCollapseId';
  return undefined;
}

/** The bundle id a topic belongs to: the topic without its push-type suffix. */
export function bundleOfTopic(topic: string): string {
  const suffix = SUFFIXES.find((s) => topic.endsWith(s) && topic.length > s.length);
  return suffix ? topic.slice(0, -suffix.length) : topic;
}

/** Push types that need a suffixed topic (voip → `<bundle>.voip`, …); a bare bundle id is BadTopic. */
export function checkTopicForPushType(topic: string, pushType: string | undefined): ApnsReason | undefined {
  if (/[\s\u0000-\u001f]/.test(topic) || topic.length > 255) return 'BadTopic';
  const suffix = pushType && isPushType(pushType) ? TOPIC_SUFFIX[pushType] : undefined;
  if (suffix && !(topic.endsWith(suffix) && topic.length > suffix.length)) return 'BadTopic';
  return undefined;
}

export const payloadLimit = (pushType: string | undefined): number => (pushType === 'voip' ? MAX_VOIP_PAYLOAD : MAX_PAYLOAD);

export type PayloadCheck = { payload: Record<string, unknown> } | { reason: ApnsReason };

/**
 * Empty → PayloadEmpty; over the limit → PayloadTooLarge. APNs documents no reason for a body
 * that is not a JSON object; PayloadEmpty is the closest (the legacy API called it "missing payload").
 */
export function checkPayload(body: Buffer, pushType: string | undefined): PayloadCheck {
  if (body.length === 0) return { reason: 'PayloadEmpty' };
  if (body.length > payloadLimit(pushType)) return { reason: 'PayloadTooLarge' };
  try {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { reason: 'PayloadEmpty' };
    return { payload: parsed as Record<string, unknown> };
  } catch {
    return { reason: 'PayloadEmpty' };
  }
}
