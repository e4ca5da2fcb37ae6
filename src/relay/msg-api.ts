/**
 * NIM server API v1: `msg/sendMsg` and `msg/sendAttachMsg`. Every check runs before anything
 * happens: a refused request stores, delivers and pushes nothing, and the push log says why.
 */
import { NIM_LIMITS } from '../core/nim/limits.js';
import { readParam, readPushParams, type Form } from '../core/nim/push-params.js';
import { fail, ok, str, type Handler, type HandlerContext, type Reply } from './handler.js';
import { checkParties, type Parties } from './send-checks.js';
import { logRefusal, pushReport, v1Refusal } from './refusals.js';

const TEXT_TYPES = new Set(['0', '1', '2', '3', '4', '5', '6', '10', '100']);

function asForm(ctx: HandlerContext): Form {
  const form: Form = {};
  for (const key in ctx.params) {
    const value = ctx.params[key];
    if (typeof value === 'string') form[key] = value;
  }
  return form;
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

/** The p2p/team switch of a send: only p2p is served. */
function checkMode(ctx: HandlerContext, field: string): Reply | undefined {
  const mode = str(ctx.params, field);
  if (mode !== '0' && mode !== '1') return fail(414, `${field} must be 0 (p2p) or 1 (team)`);
  if (mode === '1') return fail(414, 'team messages are not supported by the local relay');
  return undefined;
}

const sendMsg: Handler = async (ctx) => {
  const kind = 'msg';
  const form = asForm(ctx);
  const refuse = (reply: Reply, parties?: Partial<Parties>) => logRefusal(ctx, { kind, api: 'v1', form, reply, parties });
  const modeError = checkMode(ctx, 'ope');
  if (modeError) return refuse(modeError);
  const type = str(ctx.params, 'type');
  if (!type || !TEXT_TYPES.has(type)) return refuse(fail(414, 'type is not a known message type'));
  const bodyError = checkJsonText(form.body, 'body', NIM_LIMITS.body, true);
  if (bodyError) return refuse(bodyError);
  if (form.ext !== undefined && form.ext.length > NIM_LIMITS.ext) return refuse(fail(405, `ext longer than ${NIM_LIMITS.ext} characters`));
  const push = readPushParams(form, 'msg');
  if (!push.ok) return refuse(fail(push.error.code, push.error.desc));
  const checkFriend = readParam(form, 'checkFriend') === 'true';
  const parties = checkParties(ctx, { checkFriend });
  if ('refusal' in parties) return logRefusal(ctx, { kind, api: 'v1', form, reply: v1Refusal(parties.refusal), refusal: parties.refusal });
  const result = await ctx.dispatch.dispatch(
    { kind, sender: parties.sender, receiver: parties.receiver, push: push.value, pushEnabled: push.value.option.push, payloadText: readParam(form, 'payload'), api: 'v1' },
    ctx.nowMs,
  );
  return ok({
    data: { msgid: result.msgid, antispam: false, timetag: ctx.nowMs },
    // Not in NIM's answer: lets nim-push show what the relay did with the message.
    ...pushReport(ctx, result.entry),
  });
};

const sendAttachMsg: Handler = async (ctx) => {
  const kind = 'attach';
  const form = asForm(ctx);
  const refuse = (reply: Reply, parties?: Partial<Parties>) => logRefusal(ctx, { kind, api: 'v1', form, reply, parties });
  const modeError = checkMode(ctx, 'msgtype');
  if (modeError) return refuse(modeError);
  const attachError = checkJsonText(form.attach, 'attach', NIM_LIMITS.attach, true);
  if (attachError) return refuse(attachError);
  const save = str(ctx.params, 'save') ?? '2';
  if (save !== '1' && save !== '2') return refuse(fail(414, 'save must be 1 (online only) or 2 (offline too)'));
  const push = readPushParams(form, 'attach');
  if (!push.ok) return refuse(fail(push.error.code, push.error.desc));
  // A custom notification is not a chat message: no friend check applies.
  const parties = checkParties(ctx, { checkFriend: false, ignoreNonFriendPolicy: true });
  if ('refusal' in parties) return logRefusal(ctx, { kind, api: 'v1', form, reply: v1Refusal(parties.refusal), refusal: parties.refusal });
  const forced = push.value.forcePushAll || push.value.forcePushList.length > 0;
  // A notification kept online-only is never pushed; otherwise it is pushed only with push text.
  const pushEnabled = save === '2' && Boolean(push.value.pushcontent || (forced && push.value.forcePushContent));
  const result = await ctx.dispatch.dispatch(
    { kind, sender: parties.sender, receiver: parties.receiver, push: push.value, pushEnabled, payloadText: readParam(form, 'payload'), api: 'v1' },
    ctx.nowMs,
  );
  return ok({ desc: '', ...pushReport(ctx, result.entry) });
};

export const msgRoutes: Record<string, Handler> = {
  'msg/sendMsg': sendMsg,
  'msg/sendAttachMsg': sendAttachMsg,
};
