/** NIM server API v1: `msg/sendMsg` and `msg/sendAttachMsg` (FACTS section 2). */
import { issue } from '../core/finding.js';
import { NIM_LIMITS } from '../core/nim/limits.js';
import { readParam, readPushParams, type Form } from '../core/nim/push-params.js';
import { fail, ok, requireUser, str, type Handler, type HandlerContext, type Reply } from './handler.js';
import type { UserRecord } from './state.js';

const TEXT_TYPES = new Set(['0', '1', '2', '3', '4', '5', '6', '10', '100']);

function asForm(ctx: HandlerContext): Form {
  const form: Form = {};
  for (const key in ctx.params) {
    const value = ctx.params[key];
    if (typeof value === 'string') form[key] = value;
  }
  return form;
}

function parties(ctx: HandlerContext, p2pField: string): { sender: UserRecord; receiver: UserRecord } | { error: Reply } {
  const mode = str(ctx.params, p2pField);
  if (mode !== '0' && mode !== '1') return { error: fail(414, `${p2pField} must be 0 (p2p) or 1 (team)`) };
  if (mode === '1') return { error: fail(414, 'team messages are not supported by the local relay') };
  const from = requireUser(ctx, 'from');
  if ('error' in from) return from;
  const to = requireUser(ctx, 'to');
  if ('error' in to) return to;
  return { sender: from.user, receiver: to.user };
}

function checkJsonText(text: string | undefined, field: string, limit: number, required: boolean): Reply | undefined {
  if (text === undefined || text === '') return required ? fail(414, `${field} is missing`) : undefined;
  if (text.length > limit) return fail(405, `${field} longer than ${limit} characters`);
  try {
    JSON.parse(text);
  } catch {
    return fail(414, `${field} is not JSON`);
  }
  return undefined;
}

/** Sending needs the sender to be allowed to reach the receiver: non-friends may be refused (403). */
function refusal(ctx: HandlerContext, form: Form, sender: UserRecord, receiver: UserRecord): Reply | undefined {
  if (sender.banned) return fail(301, `${sender.accid} is banned`);
  const friends = receiver.friends.includes(sender.accid);
  const checkFriend = readParam(form, 'checkFriend') === 'true';
  if (!friends && (checkFriend || ctx.state.nonFriendMessages === 'forbidden')) {
    return fail(403, `${sender.accid} and ${receiver.accid} are not friends and non-friend messages are forbidden`);
  }
  return undefined;
}

const sendMsg: Handler = async (ctx) => {
  const who = parties(ctx, 'ope');
  if ('error' in who) return who.error;
  const form = asForm(ctx);
  const type = str(ctx.params, 'type');
  if (!type || !TEXT_TYPES.has(type)) return fail(414, 'type is not a known message type');
  const bodyError = checkJsonText(form.body, 'body', NIM_LIMITS.body, true);
  if (bodyError) return bodyError;
  const ext = form.ext;
  if (ext !== undefined && ext.length > NIM_LIMITS.ext) return fail(405, `ext longer than ${NIM_LIMITS.ext} characters`);
  const push = readPushParams(form, 'msg');
  if (!push.ok) return fail(push.error.code, push.error.desc);
  const refused = refusal(ctx, form, who.sender, who.receiver);
  const result = await ctx.dispatch.dispatch(
    {
      kind: 'msg',
      sender: who.sender,
      receiver: who.receiver,
      push: push.value,
      pushEnabled: push.value.option.push,
      payloadText: readParam(form, 'payload'),
      refused: refused?.code === 403 ? issue('relation.not-friend', { to: who.receiver.accid, from: who.sender.accid }) : undefined,
    },
    ctx.nowMs,
  );
  if (refused) return refused;
  return ok({
    data: { msgid: result.msgid, antispam: false, timetag: ctx.nowMs },
    // Not in NIM's answer: lets nim-push show what the relay did with the message.
    push: { delivery: result.entry.delivery, verdict: result.entry.verdict, findings: result.entry.findings, apns: result.entry.apns },
  });
};

const sendAttachMsg: Handler = async (ctx) => {
  const who = parties(ctx, 'msgtype');
  if ('error' in who) return who.error;
  const form = asForm(ctx);
  const attachError = checkJsonText(form.attach, 'attach', NIM_LIMITS.attach, true);
  if (attachError) return attachError;
  const save = str(ctx.params, 'save') ?? '2';
  if (save !== '1' && save !== '2') return fail(414, 'save must be 1 (online only) or 2 (offline too)');
  const push = readPushParams(form, 'attach');
  if (!push.ok) return fail(push.error.code, push.error.desc);
  if (who.sender.banned) return fail(301, `${who.sender.accid} is banned`);
  const forced = push.value.forcePushAll || push.value.forcePushList.length > 0;
  // A notification kept online-only is never pushed; otherwise it is pushed only with push text.
  const pushEnabled = save === '2' && Boolean(push.value.pushcontent || (forced && push.value.forcePushContent));
  const result = await ctx.dispatch.dispatch(
    { kind: 'attach', sender: who.sender, receiver: who.receiver, push: push.value, pushEnabled, payloadText: readParam(form, 'payload') },
    ctx.nowMs,
  );
  return ok({ push: { delivery: result.entry.delivery, verdict: result.entry.verdict, findings: result.entry.findings, apns: result.entry.apns } });
};

export const msgRoutes: Record<string, Handler> = {
  'msg/sendMsg': sendMsg,
  'msg/sendAttachMsg': sendAttachMsg,
};
