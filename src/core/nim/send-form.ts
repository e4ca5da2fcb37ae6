/**
 * `send --to` over v1: the form of `msg/sendMsg` (or `msg/sendAttachMsg`), checked against NIM's
 * limits and the payload lint, with a preview of the APNs payload the relay would build from it.
 */
import { hasErrors, type Issue } from '../finding.js';
import { catalogue } from '../catalogue/index.js';
import { checkSendLimits } from './limits.js';
import { lintNimPayload } from './payload-lint.js';
import { readPushParams, type PushParams } from './push-params.js';
import { buildNimPush } from './push-text.js';
import { messageBody, nimPayloadText, type NimSendOptions } from './send-options.js';

export type RelaySendOptions = NimSendOptions;

export interface RelaySendRequest {
  path: 'msg/sendMsg' | 'msg/sendAttachMsg';
  form: Record<string, string>;
}

/** What the receiver's device would show, as NIM would build it (the sender's nick is its accid here). */
export interface PushPreview {
  text: string;
  payload: Record<string, unknown>;
}

export type BuiltSend = { request?: RelaySendRequest; issues: Issue[]; preview?: PushPreview };

const severe = (issues: Issue[]): boolean => hasErrors(issues.map((i) => ({ severity: i.severity ?? catalogue.get(i.id)?.severity ?? 'error' })));

/** Only the options that differ from NIM's defaults are sent, so the request reads like the docs. */
function buildOption(opts: NimSendOptions, attach: boolean): string | undefined {
  const option: Record<string, boolean> = {};
  if (opts.noPush && !attach) option.push = false;
  if (opts.noBadge) option.badge = false;
  if (opts.noNick) option.needPushNick = false;
  // sendAttachMsg omits the nick unless asked; keep NIM's message behaviour for it.
  else if (attach) option.needPushNick = true;
  return Object.keys(option).length ? JSON.stringify(option) : undefined;
}

/** The push NIM builds for the receiver from these push parameters: the relay's own function. */
export function previewPush(push: PushParams, from: string, to: string): PushPreview {
  const forced = push.forcePushAll || push.forcePushList.map((a) => a.toLowerCase()).includes(to.toLowerCase());
  return buildNimPush({ push, nick: from, forced, badge: 1 });
}

export function buildRelaySend(opts: NimSendOptions): BuiltSend {
  const payload = nimPayloadText(opts);
  if (payload.issues.length) return { issues: payload.issues };
  const form: Record<string, string> = { from: opts.from, to: opts.to };
  let body: string | undefined;
  let attach: string | undefined;
  if (opts.attach) {
    attach = messageBody(opts);
    Object.assign(form, { msgtype: '0', attach, save: '2' });
  } else {
    body = messageBody(opts);
    Object.assign(form, { ope: '0', type: '0', body });
  }
  // An attach message without push text pushes nothing in NIM; --no-push leaves it out.
  if (opts.pushText !== undefined && !(opts.attach && opts.noPush)) form.pushcontent = opts.pushText;
  if (payload.text) form.payload = payload.text;
  if (opts.sound && opts.attach) form.sound = opts.sound;
  const option = buildOption(opts, Boolean(opts.attach));
  if (option) form.option = option;
  if (opts.forcePush) {
    if (opts.attach) form.isForcePush = 'true';
    else form.forcepushall = 'true';
  }
  if (opts.forcePushText !== undefined) form[opts.attach ? 'forcePushContent' : 'forcepushcontent'] = opts.forcePushText;
  if (opts.checkFriend && !opts.attach) form.checkFriend = 'true';
  const limits = checkSendLimits({ body, attach, pushcontent: form.pushcontent, payload: form.payload, forcepushcontent: opts.forcePushText });
  if (limits.length) return { issues: limits };
  const parsed = readPushParams(form, opts.attach ? 'attach' : 'msg');
  const preview = parsed.ok ? previewPush(parsed.value, opts.from, opts.to) : undefined;
  const lint = lintNimPayload({ payloadText: payload.text, apnsPayload: preview?.payload, attach: opts.attach, hasPushText: Boolean(opts.pushText || (opts.forcePush && opts.forcePushText)), noPush: opts.noPush });
  if (severe(lint)) return { issues: lint, ...(preview ? { preview } : {}) };
  return { request: { path: opts.attach ? 'msg/sendAttachMsg' : 'msg/sendMsg', form }, issues: lint, ...(preview ? { preview } : {}) };
}
