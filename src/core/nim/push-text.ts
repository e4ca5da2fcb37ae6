/** How NIM turns a message into an APNs notification: push text with a nick prefix, and the payload. */

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

export function buildApnsPayload(input: ApnsPayloadInput): Record<string, unknown> {
  const { pushTitle, apsField, ...custom } = input.payload ?? {};
  const alert: string | Record<string, unknown> =
    typeof pushTitle === 'string' && pushTitle ? { title: pushTitle, body: input.text } : input.text;
  const aps: Record<string, unknown> = { alert, sound: input.sound ?? 'default' };
  if (input.badge !== undefined) aps.badge = input.badge;
  if (apsField && typeof apsField === 'object' && !Array.isArray(apsField)) Object.assign(aps, apsField);
  return { ...custom, aps };
}
