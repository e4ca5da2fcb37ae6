/** NIM server API v2: accounts and online status, from the same state as v1. */
import { randomBytes } from 'node:crypto';
import { accidProblem } from '../core/nim/accid.js';
import { LOGOUT_REASON } from '../core/nim/wire-v1.js';
import { V2_CODE, type AccountConfiguration } from '../core/nim/wire-v2.js';
import { v2Fail, v2Ok, type Handler, type HandlerContext, type Reply } from './handler.js';
import { makeEvent, onlineClientsOf } from './presence.js';
import type { UserRecord } from './state.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const boolOrNull = (v: unknown): boolean | undefined | 'bad' => (v === undefined || v === null ? undefined : typeof v === 'boolean' ? v : 'bad');

/** The account named in the path, or the reply for a missing one. */
export function pathUser(ctx: HandlerContext, name = 'account_id'): { user: UserRecord } | { error: Reply } {
  const accid = ctx.path?.[name]?.toLowerCase() ?? '';
  if (!accid) return { error: v2Fail(V2_CODE.badParam, `${name} is missing`) };
  const user = ctx.state.users[accid];
  return user ? { user } : { error: v2Fail(V2_CODE.accountNotFound, 'account not exist') };
}

export const configurationOf = (user: UserRecord): Required<AccountConfiguration> => ({
  enabled: !user.banned,
  p2p_chat_banned: user.chatBanned || user.mute,
  team_chat_banned: user.mute,
  chatroom_chat_banned: user.mute,
  qchat_chat_banned: user.mute,
  push_enabled_when_desktop_online: !user.donnop,
});

const createAccount: Handler = async (ctx) => {
  const accid = text(ctx.params.account_id)?.toLowerCase();
  if (!accid || accidProblem(accid)) return v2Fail(V2_CODE.badParam, 'account_id must be 1 to 32 letters, digits or _.@-');
  if (ctx.state.users[accid]) return v2Fail(V2_CODE.accountExists, 'account already exist');
  const token = text(ctx.params.token) || randomBytes(16).toString('hex');
  const info = ctx.params.user_information as Record<string, unknown> | undefined;
  await ctx.store.commit({ op: 'user.create', accid, name: text(info?.name) || undefined, imToken: token });
  return v2Ok({ account_id: accid, token, configuration: configurationOf(ctx.state.users[accid]), user_information: { name: text(info?.name) ?? '' } });
};

const getAccount: Handler = (ctx) => {
  const got = pathUser(ctx);
  if ('error' in got) return got.error;
  return v2Ok({ account_id: got.user.accid, token: got.user.imToken ?? '', configuration: configurationOf(got.user) });
};

/** `PATCH /im/v2/accounts/{id}`: the chat bans of `configuration` (the rest is not served here). */
const updateAccount: Handler = async (ctx) => {
  const got = pathUser(ctx);
  if ('error' in got) return got.error;
  const config = (ctx.params.configuration ?? {}) as Record<string, unknown>;
  const banned = boolOrNull(config.p2p_chat_banned);
  if (banned === 'bad') return v2Fail(V2_CODE.badParam, 'configuration.p2p_chat_banned must be true or false');
  if (banned !== undefined) await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { chatBanned: banned } });
  return v2Ok({ account_id: got.user.accid, configuration: configurationOf(got.user) });
};

/** `PATCH …/actions/disable`: `enabled:false` disables the account (v1 `user/block`), `need_kick` ends its session. */
const disableAccount: Handler = async (ctx) => {
  const got = pathUser(ctx);
  if ('error' in got) return got.error;
  const enabled = boolOrNull(ctx.params.enabled);
  const kick = boolOrNull(ctx.params.need_kick);
  if (enabled === undefined || enabled === 'bad' || kick === 'bad') return v2Fail(V2_CODE.badParam, 'enabled must be true or false');
  const kicked = !enabled && kick === true && got.user.login === 'online';
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: kicked ? { banned: !enabled, login: 'kicked' } : { banned: !enabled } });
  if (kicked) await ctx.store.commit({ op: 'event', accid: got.user.accid, event: makeEvent(got.user, ctx.nowMs, { type: 'logout', reason: LOGOUT_REASON.kickedByPolicy }) });
  return v2Ok({ account_id: got.user.accid, enabled, configuration: configurationOf(got.user) });
};

/** `PATCH …/actions/push_config`: v1's `user/setDonnop`, said the other way round. */
const setPushConfig: Handler = async (ctx) => {
  const got = pathUser(ctx);
  if ('error' in got) return got.error;
  const value = boolOrNull(ctx.params.push_enabled_when_desktop_online);
  if (value === undefined || value === 'bad') return v2Fail(V2_CODE.badParam, 'push_enabled_when_desktop_online must be true or false');
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { donnop: !value } });
  return v2Ok({ account_id: got.user.accid, push_enabled_when_desktop_online: value });
};

const onlineStatus: Handler = (ctx) => {
  const ids = ctx.params.account_ids;
  if (!Array.isArray(ids) || ids.length === 0 || ids.some((a) => typeof a !== 'string')) return v2Fail(V2_CODE.badParam, 'account_ids must be an array of account ids');
  if (ids.length > 100) return v2Fail(V2_CODE.badParam, 'at most 100 account_ids');
  const success_list: Array<{ account_id: string; online_status: Array<{ client_type: number; login_time: number }> }> = [];
  const failed_list: Array<{ account_id: string; error_code: number; error_msg: string }> = [];
  for (const id of ids as string[]) {
    const user = ctx.state.users[id.toLowerCase()];
    if (!user) failed_list.push({ account_id: id, error_code: V2_CODE.accountNotFound, error_msg: 'account not exist' });
    else success_list.push({ account_id: user.accid, online_status: onlineClientsOf(user).map((c) => ({ client_type: c.clientType, login_time: c.loginTime })) });
  }
  return v2Ok({ success_list, failed_list });
};

export const v2AccountRoutes: Record<string, Handler> = {
  'POST /im/v2/accounts': createAccount,
  'GET /im/v2/accounts/{account_id}': getAccount,
  'PATCH /im/v2/accounts/{account_id}': updateAccount,
  'PATCH /im/v2/accounts/{account_id}/actions/disable': disableAccount,
  'PATCH /im/v2/accounts/{account_id}/actions/push_config': setPushConfig,
  'POST /im/v2/users/actions/online_status': onlineStatus,
  // An API page marked "in development" spells it this way; NetEase's SDKs use the one above.
  'POST /im/v2/users/actions/onlineStatus': onlineStatus,
};
