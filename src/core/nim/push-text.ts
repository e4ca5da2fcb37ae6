/**
 * How NIM turns a message into an APNs notification: the push text with its "nick:" prefix, the
 * badge, `pushTitle`, `apsField` merged into `aps`, and the custom payload keys. The relay's real
 * push and `send --dry-run`'s preview both come from `buildNimPush`.
 */
import type { PushParams } from './push-params.js';

/** The text NIM shows when the sender gave no push text. */
export const DEFAULT_PUSH_TEXT = '你收到一条新消息';

export interface PushTextInput {
  /** The sender's nickname (or accid when it has none). */
  nick: string;
  pushcontent?: string;
  needPushNick: boolean;
}

export function buildPushText(input: PushTextInput): string {
  const text = input.pushcontent && input.pushcontent.length > 0 ? input.pushcontent : DEFAULT_PUSH_TEXT;
  return input.needPushNick ? `${input.nick}: ${text}` : text;
}

export interface ApnsPayloadInput {
  text: string;
  /** The NIM push payload: `pushTitle` becomes the alert title, `apsField` merges into `aps`, other keys stay top-level. */
  payload?: Record<string, unknown>;
  badge?: number;
  sound?: string;
}

/** NIM's push payload keys that configure the push rather than travel in it. */
const CONFIG_KEYS = new Set(['pushTitle', 'apsField', 'hwField', 'honorField', 'vivoField', 'oppoField', 'xmField', 'fcmField', 'fcmFieldV1', 'mzField', 'channel_id', 'personal']);

export function buildApnsPayload(input: ApnsPayloadInput): Record<string, unknown> {
  const { pushTitle, apsField } = input.payload ?? {};
  const custom: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input.payload ?? {})) if (!CONFIG_KEYS.has(key)) custom[key] = value;
  const alert: string | Record<string, unknown> =
    typeof pushTitle === 'string' && pushTitle ? { title: pushTitle, body: input.text } : input.text;
  const aps: Record<string, unknown> = { alert, sound: input.sound ?? 'default' };
  if (input.badge !== undefined) aps.badge = input.badge;
  if (apsField && typeof apsField === 'object' && !Array.isArray(apsField)) Object.assign(aps, apsField);
  return { ...custom, aps };
}

export interface NimPushInput {
  push: PushParams;
  /** The sender's nickname or accid. */
  nick: string;
  /** This receiver is a force-push target: the force-push text replaces the push text. */
  forced: boolean;
  /** The receiver's badge after this message, when the message counts. */
  badge?: number;
}

/** The alert text and the APNs payload NIM sends for a message. */
export function buildNimPush(input: NimPushInput): { text: string; payload: Record<string, unknown> } {
  const { push } = input;
  const content = input.forced && push.forcePushContent ? push.forcePushContent : push.pushcontent;
  const text = buildPushText({ nick: input.nick, pushcontent: content, needPushNick: push.option.needPushNick });
  return { text, payload: buildApnsPayload({ text, payload: push.payload, badge: push.option.badge ? input.badge : undefined, sound: push.sound }) };
}
