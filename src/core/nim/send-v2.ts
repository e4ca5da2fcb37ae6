/**
 * `send --to` over v2: `POST /im/v2/conversations/{from|1|to}/messages` (or
 * `/im/v2/custom_notification`), each `send` option on its v2 field, checked and previewed as v1 is.
 */
import { hasErrors } from '../finding.js';
import { catalogue } from '../catalogue/index.js';
import { checkSendLimits } from './limits.js';
import { lintNimPayload } from './payload-lint.js';
import { readPushConfigV2, toPushConfigV2 } from './push-params-v2.js';
import { previewPush, type BuiltSend as BuiltV1, type PushPreview } from './send-form.js';
import { messageBody, nimPayloadText, type NimSendOptions } from './send-options.js';
import { p2pConversationId, type CustomNotificationV2, type SendMessageV2 } from './wire-v2.js';

export interface SendRequestV2 {
  method: 'POST';
  path: string;
  body: SendMessageV2 | CustomNotificationV2;
}

export type BuiltSendV2 = Omit<BuiltV1, 'request'> & { request?: SendRequestV2; preview?: PushPreview };

export function buildSendV2(opts: NimSendOptions): BuiltSendV2 {
  const payload = nimPayloadText(opts);
  if (payload.issues.length) return { issues: payload.issues };
  const text = JSON.parse(messageBody(opts)).msg as string;
  const pushConfig = toPushConfigV2({
    pushEnabled: !opts.noPush,
    nick: !opts.noNick,
    content: opts.pushText,
    payload: payload.text,
    forceAll: opts.forcePush,
    forceContent: opts.forcePushText,
  });
  let request: SendRequestV2;
  if (opts.attach) {
    const body: CustomNotificationV2 = { sender_id: opts.from, type: 1, receiver_id: opts.to, content: messageBody(opts) };
    if (opts.sound) body.sound = opts.sound;
    if (pushConfig) body.push_config = pushConfig;
    request = { method: 'POST', path: '/im/v2/custom_notification', body };
  } else {
    const body: SendMessageV2 = { message: { message_type: 0, text } };
    if (opts.noBadge) body.message_config = { unread_enabled: false };
    if (pushConfig) body.push_config = pushConfig;
    if (opts.checkFriend) body.p2p_option = { check_friend: true };
    request = { method: 'POST', path: `/im/v2/conversations/${encodeURIComponent(p2pConversationId(opts.from, opts.to))}/messages`, body };
  }
  const limits = checkSendLimits({ body: opts.attach ? undefined : messageBody(opts), attach: opts.attach ? messageBody(opts) : undefined, pushcontent: opts.pushText, payload: payload.text, forcepushcontent: opts.forcePushText });
  if (limits.length) return { issues: limits };
  const parsed = readPushConfigV2(request.body.push_config, { nickDefault: true, badge: !opts.noBadge, sound: opts.attach ? opts.sound : undefined });
  const preview = parsed.ok ? previewPush(parsed.value, opts.from, opts.to) : undefined;
  const lint = lintNimPayload({ payloadText: payload.text, apnsPayload: preview?.payload, attach: opts.attach, hasPushText: Boolean(opts.pushText || (opts.forcePush && opts.forcePushText)), noPush: opts.noPush });
  const severe = hasErrors(lint.map((i) => ({ severity: i.severity ?? catalogue.get(i.id)?.severity ?? 'error' })));
  return { ...(severe ? {} : { request }), issues: lint, ...(preview ? { preview } : {}) };
}
