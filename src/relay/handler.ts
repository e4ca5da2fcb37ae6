/** What an endpoint handler receives and returns. */
import type { Store } from './store.js';
import type { RelayState, UserRecord } from './state.js';
import type { MessageDispatcher } from './message-dispatch.js';

/** A NIM answer: v1 `{code, desc, …}`, v2 `{code, msg, data}`; always sent with HTTP 200. */
export type Reply = { code: number; desc?: string; [key: string]: unknown };

export interface HandlerContext {
  /** The form fields (server API) or the JSON object (device side), as strings or JSON values. */
  params: Record<string, unknown>;
  store: Store;
  state: RelayState;
  nowMs: number;
  dispatch: MessageDispatcher;
  /**
   * The caller asked for nim-push's report of what the relay did with a message (the request
   * header `X-Nim-Push-Report: 1`, which nim-push sends). NIM's own answers carry no such field,
   * so other callers get NIM's answer exactly.
   */
  report?: boolean;
  /** v2: the path parameters (`account_id`, `conversation_id`), percent-decoded. */
  path?: Record<string, string>;
}

export type Handler = (ctx: HandlerContext) => Promise<Reply> | Reply;

export const ok = (extra: Record<string, unknown> = {}): Reply => ({ code: 200, ...extra });
export const fail = (code: number, desc: string): Reply => ({ code, desc });

/** v2 answers: `{code, msg, data}`, with `data` `{}` on failure. */
export const v2Ok = (data: Record<string, unknown> = {}, extra: Record<string, unknown> = {}): Reply => ({ code: 200, msg: 'success', data, ...extra });
export const v2Fail = (code: number, msg: string): Reply => ({ code, msg, data: {} });

/** A parameter as a string: form values already are; JSON scalars are converted. */
export function str(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A required account id: present, at most 32 characters. Returns the reply to send on failure. */
export function requireAccid(params: Record<string, unknown>, name: string): { accid: string } | { error: Reply } {
  const value = str(params, name);
  if (!value) return { error: fail(414, `${name} is missing`) };
  if (value.length > 32) return { error: fail(405, `${name} longer than 32 characters`) };
  return { accid: value.toLowerCase() };
}

/** A required, existing user: unknown accounts get 404 ("object does not exist"). */
export function requireUser(ctx: HandlerContext, name: string): { user: UserRecord } | { error: Reply } {
  const got = requireAccid(ctx.params, name);
  if ('error' in got) return got;
  const user = ctx.state.users[got.accid];
  return user ? { user } : { error: fail(404, `${name} ${got.accid} does not exist`) };
}

/** `true`/`false` (also 1/0 and JSON booleans); undefined when absent, null when unreadable. */
export function bool(params: Record<string, unknown>, name: string): boolean | undefined | null {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (value === true || value === 'true' || value === 1 || value === '1') return true;
  if (value === false || value === 'false' || value === 0 || value === '0') return false;
  return null;
}
