/**
 * NIM server API v2: a one-to-one message (`POST /im/v2/conversations/{sender|1|receiver}/messages`)
 * and a custom notification. They go through the same checks, dispatcher and push log as v1:
 * a message sent over v2 is pushed exactly as over v1.
 */
import { NIM_LIMITS } from '../core/nim/limits.js';
import { readPushConfigV2 } from '../core/nim/push-params-v2.js';
import { V2_CODE } from '../core/nim/wire-v2.js';
import { v2Fail, v2Ok, type Handler, type HandlerContext, type Reply } from './handler.js';
import { logRefusal, pushReport } from './refusals.js';
import { checkParties, type Refusal } from './send-checks.js';

const MESSAGE_TYPES = new Set([0, 1, 2, 3, 4, 5, 6, 10, 100]);
const obj = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);

const refuse = (ctx: HandlerContext, kind: 'msg' | 'attach', reply: Reply, refusal?: Refusal) =>
  logRefusal(ctx, { kind, api: 'v2', form: ctx.params, reply, ...(refusal ? { refusal } : { parties: { from: '', to: '' } }) });
const v2Refusal = (r: Refusal): Reply => v2Fail(r.v2, r.desc);

const sendMessage: Handler = async (ctx) => {
  const bad = (msg: string) => refuse(ctx, 'msg', v2Fail(V2_CODE.badParam, msg));
  const [from, type, to, ...rest] = (ctx.path?.conversation_id ?? '').split('|');
  if (!from || !to || rest.length) return bad('conversation_id must be sender|1|receiver');
  if (type !== '1') return bad('only one-to-one conversations (type 1) are served by the local relay');
  const message = obj(ctx.params.message);
  if (!message) return bad('message is missing');
  if (typeof message.message_type !== 'number' || !MESSAGE_TYPES.has(message.message_type)) return bad('message.message_type is not a known message type');
  if (message.text !== undefined && (typeof message.text !== 'string' || message.text.length > NIM_LIMITS.body)) return bad('message.text is not text of at most 5000 characters');
  const config = obj(ctx.params.message_config) ?? {};
  const push = readPushConfigV2(ctx.params.push_config, { nickDefault: true, badge: config.unread_enabled !== false });
  if (!push.ok) return bad(push.error.desc);
  const checkFriend = obj(ctx.params.p2p_option)?.check_friend === true;
  const parties = checkParties(ctx, { checkFriend, from, to });
  if ('refusal' in parties) return refuse(ctx, 'msg', v2Refusal(parties.refusal), parties.refusal);
  const payloadText = typeof obj(ctx.params.push_config)?.push_payload === 'string' ? (obj(ctx.params.push_config)?.push_payload as string) : undefined;
  const result = await ctx.dispatch.dispatch(
    { kind: 'msg', sender: parties.sender, receiver: parties.receiver, push: push.value, pushEnabled: push.value.option.push, payloadText, api: 'v2' },
    ctx.nowMs,
  );
  const data = {
    message_server_id: result.msgid,
    message_client_id: typeof message.message_client_id === 'string' ? message.message_client_id : `nim-push-${result.msgid}`,
    sender_id: parties.sender.accid,
    receiver_id: parties.receiver.accid,
    conversation_type: 1,
    create_time: ctx.nowMs,
    message_type: message.message_type,
    ...(typeof message.text === 'string' ? { text: message.text } : {}),
  };
  // `push` is not in NIM's answer: it lets nim-push show what the relay did with the message.
  return v2Ok(data, pushReport(ctx, result.entry));
};

const customNotification: Handler = async (ctx) => {
  const bad = (msg: string) => refuse(ctx, 'attach', v2Fail(V2_CODE.badParam, msg));
  if (ctx.params.type !== 1) return bad('type must be 1 (one-to-one)');
  const content = ctx.params.content;
  if (typeof content !== 'string' || content === '' || content.length > NIM_LIMITS.attach) return bad('content must be text of at most 4096 characters');
  const sound = typeof ctx.params.sound === 'string' ? ctx.params.sound : undefined;
  const push = readPushConfigV2(ctx.params.push_config, { nickDefault: true, sound });
  if (!push.ok) return bad(push.error.desc);
  const parties = checkParties(ctx, { checkFriend: false, ignoreNonFriendPolicy: true, fromField: 'sender_id', toField: 'receiver_id' });
  if ('refusal' in parties) return refuse(ctx, 'attach', v2Refusal(parties.refusal), parties.refusal);
  const offline = obj(ctx.params.notification_config)?.offline_enabled !== false;
  const forced = push.value.forcePushAll || push.value.forcePushList.length > 0;
  const pushEnabled = offline && push.value.option.push && Boolean(push.value.pushcontent || (forced && push.value.forcePushContent));
  const payloadText = typeof obj(ctx.params.push_config)?.push_payload === 'string' ? (obj(ctx.params.push_config)?.push_payload as string) : undefined;
  const result = await ctx.dispatch.dispatch({ kind: 'attach', sender: parties.sender, receiver: parties.receiver, push: push.value, pushEnabled, payloadText, api: 'v2' }, ctx.nowMs);
  return v2Ok({}, pushReport(ctx, result.entry));
};

export const v2MessageRoutes: Record<string, Handler> = {
  'POST /im/v2/conversations/{conversation_id}/messages': sendMessage,
  'POST /im/v2/custom_notification': customNotification,
};
