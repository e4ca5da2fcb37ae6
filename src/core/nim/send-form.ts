/** Builds the form of `msg/sendMsg` / `msg/sendAttachMsg` from `send --via relay` options. */
import { issue, type Issue } from '../finding.js';
import { checkSendLimits } from './limits.js';

export interface RelaySendOptions {
  from: string;
  to: string;
  text?: string;
  pushText?: string;
  title?: string;
  /** JSON text of the NIM push payload. */
  payload?: string;
  /** Object merged into `aps` (NIM's `apsField`). */
  apsField?: Record<string, unknown>;
  sound?: string;
  noPush?: boolean;
  noNick?: boolean;
  noBadge?: boolean;
  forcePush?: boolean;
  forcePushText?: string;
  /** Send a custom system notification (`sendAttachMsg`) instead of a text message. */
  attach?: boolean;
}

export interface RelaySendRequest {
  path: 'msg/sendMsg' | 'msg/sendAttachMsg';
  form: Record<string, string>;
}

export type BuiltSend = { request?: RelaySendRequest; issues: Issue[] };

function buildPayload(opts: RelaySendOptions): { text?: string; issues: Issue[] } {
  let payload: Record<string, unknown> = {};
  if (opts.payload !== undefined && opts.payload !== '') {
    try {
      const parsed: unknown = JSON.parse(opts.payload);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      payload = parsed as Record<string, unknown>;
    } catch (error) {
      return { issues: [issue('payload.invalid-json', { field: 'payload', error: (error as Error).message })] };
    }
  }
  if (opts.title) payload.pushTitle = opts.title;
  if (opts.apsField) payload.apsField = { ...(payload.apsField as object | undefined), ...opts.apsField };
  return { text: Object.keys(payload).length ? JSON.stringify(payload) : undefined, issues: [] };
}

/** Only the options that differ from NIM's defaults are sent, so the request reads like the docs. */
function buildOption(opts: RelaySendOptions, attach: boolean): string | undefined {
  const option: Record<string, boolean> = {};
  if (opts.noPush && !attach) option.push = false;
  if (opts.noBadge) option.badge = false;
  if (opts.noNick) option.needPushNick = false;
  // sendAttachMsg omits the nick unless asked; keep NIM's message behaviour for it.
  else if (attach) option.needPushNick = true;
  return Object.keys(option).length ? JSON.stringify(option) : undefined;
}

export function buildRelaySend(opts: RelaySendOptions): BuiltSend {
  const text = opts.text ?? 'hello';
  const payload = buildPayload(opts);
  if (payload.issues.length) return { issues: payload.issues };
  const form: Record<string, string> = { from: opts.from, to: opts.to };
  let body: string | undefined;
  let attach: string | undefined;
  if (opts.attach) {
    attach = JSON.stringify({ msg: text });
    Object.assign(form, { msgtype: '0', attach, save: '2' });
  } else {
    body = JSON.stringify({ msg: text });
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
  const issues = checkSendLimits({
    body,
    attach,
    pushcontent: form.pushcontent,
    payload: form.payload,
    forcepushcontent: opts.forcePushText,
  });
  if (issues.length) return { issues };
  return { request: { path: opts.attach ? 'msg/sendAttachMsg' : 'msg/sendMsg', form }, issues: [] };
}
