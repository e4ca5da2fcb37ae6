/** NIM server API v1: accounts, their state and their special relations, in the shapes of wire-v1.ts. */
import { randomBytes } from 'node:crypto';
import { accidProblem } from '../core/nim/accid.js';
import { LOGOUT_REASON, type OnlineClient, type Uinfo } from '../core/nim/wire-v1.js';
import { bool, fail, ok, requireAccid, requireUser, str, type Handler, type HandlerContext, type Reply } from './handler.js';
import { makeEvent, onlineClientsOf } from './presence.js';
import type { UserRecord } from './state.js';

const createUser: Handler = async (ctx) => {
  const got = requireAccid(ctx.params, 'accid');
  if ('error' in got) return got.error;
  if (accidProblem(got.accid)) return fail(414, 'accid has characters other than letters, digits and _.@-');
  if (ctx.state.users[got.accid]) return fail(414, 'already register');
  const name = str(ctx.params, 'name');
  if (name !== undefined && name.length > 64) return fail(405, 'name longer than 64 characters');
  const given = str(ctx.params, 'token');
  if (given !== undefined && given.length > 128) return fail(405, 'token longer than 128 characters');
  const imToken = given || randomBytes(16).toString('hex');
  await ctx.store.commit({ op: 'user.create', accid: got.accid, name: name || undefined, imToken });
  return ok({ info: { accid: got.accid, name: name || undefined, token: imToken } });
};

/** `user/block`: disables the account; `needkick` also ends its session (a logout event, kicked by policy). */
const blockUser: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const needKick = bool(ctx.params, 'needkick');
  const unbind = bool(ctx.params, 'needUnbindPushToken');
  if (needKick === null || unbind === null) return fail(414, 'needkick and needUnbindPushToken must be true or false');
  const kick = needKick === true && got.user.login === 'online';
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: kick ? { banned: true, login: 'kicked' } : { banned: true } });
  if (kick) await ctx.store.commit({ op: 'event', accid: got.user.accid, event: makeEvent(got.user, ctx.nowMs, { type: 'logout', reason: LOGOUT_REASON.kickedByPolicy }) });
  if (unbind) await ctx.store.commit({ op: 'token.remove', accid: got.user.accid });
  return ok({ desc: '' });
};

const unblockUser: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { banned: false } });
  return ok({ desc: '' });
};

/** `user/mute`: mutes (禁言) the account for everything. */
const muteUser: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const mute = bool(ctx.params, 'mute');
  if (mute === undefined || mute === null) return fail(414, 'mute must be true or false');
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { mute } });
  return ok({ desc: '' });
};

/** `user/muteModule`: mutes one kind of chat; only one-to-one (`muteP2P`) matters to pushes here. */
const muteModule: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const p2p = bool(ctx.params, 'muteP2P');
  if (p2p === null) return fail(414, 'muteP2P must be true or false');
  if (p2p !== undefined) await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { chatBanned: p2p } });
  return ok({ data: { muteP2P: p2p ?? got.user.chatBanned, muteTeam: false, muteRoom: false, muteQChat: false } });
};

const setDonnop: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const open = bool(ctx.params, 'donnopOpen');
  if (open === undefined || open === null) return fail(414, 'donnopOpen must be true or false');
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { donnop: open } });
  return ok({ desc: '' });
};

/** A form field holding a JSON array of accids, at most `max`; the reply to send when it is not one. */
export function accidList(ctx: HandlerContext, field: string, max: number): { accids: string[] } | { error: Reply } {
  let value: unknown;
  try {
    value = JSON.parse(str(ctx.params, field) ?? '');
  } catch {
    return { error: fail(414, `${field} is not a JSON array`) };
  }
  if (!Array.isArray(value) || value.length === 0 || value.some((a) => typeof a !== 'string')) return { error: fail(414, `${field} is not a JSON array of accids`) };
  if (value.length > max) return { error: fail(419, `at most ${max} accids per request`) };
  return { accids: value as string[] };
}

const uinfoOf = (user: UserRecord): Uinfo => ({
  accid: user.accid,
  name: user.name ?? '',
  icon: '',
  sign: '',
  email: '',
  birth: '',
  mobile: '',
  ex: '',
  gender: 0,
  valid: !user.banned,
  mute: user.mute,
  muteP2P: user.chatBanned,
  muteTeam: false,
  muteRoom: false,
  muteQChat: false,
});

/** `user/getUinfos`: the known accounts among `accids`; unknown ones are left out. */
const getUinfos: Handler = (ctx) => {
  const list = accidList(ctx, 'accids', 200);
  if ('error' in list) return list.error;
  const uinfos = list.accids.map((a) => ctx.state.users[a.toLowerCase()]).filter((u): u is UserRecord => Boolean(u)).map(uinfoOf);
  return ok({ uinfos });
};

/** `user/userOnlineStatus`, readable by NetEase's Go SDK (`onlineStatusList`) and Java SDK (`status`). */
const onlineStatus: Handler = (ctx) => {
  const list = accidList(ctx, 'accids', 100);
  if ('error' in list) return list.error;
  const invalidAccids: string[] = [];
  const onlineStatusList: Array<{ accid: string; statusList: OnlineClient[] }> = [];
  const status: Record<string, OnlineClient[]> = {};
  for (const accid of list.accids) {
    const user = ctx.state.users[accid.toLowerCase()];
    if (!user) {
      invalidAccids.push(accid);
      continue;
    }
    const clients = onlineClientsOf(user);
    if (!clients.length) continue;
    onlineStatusList.push({ accid: user.accid, statusList: clients });
    status[user.accid] = clients;
  }
  return ok({ data: { invalidAccids, onlineStatusList, status } });
};

const setSpecialRelation: Handler = async (ctx) => {
  const first = requireUser(ctx, 'accid');
  if ('error' in first) return first.error;
  const second = requireUser(ctx, 'targetAcc');
  if ('error' in second) return second.error;
  if (first.user.accid === second.user.accid) return fail(414, 'accid and targetAcc are the same account');
  const type = str(ctx.params, 'relationType');
  const value = str(ctx.params, 'value');
  if (type !== '1' && type !== '2') return fail(414, 'relationType must be 1 (blacklist) or 2 (mute list)');
  if (value !== '0' && value !== '1') return fail(414, 'value must be 0 (remove) or 1 (add)');
  const list = type === '1' ? 'blacklist' : 'mutelist';
  await ctx.store.commit({ op: 'relation.set', accid: first.user.accid, target: second.user.accid, list, value: value === '1' });
  return ok();
};

const listBlackAndMute: Handler = (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  return ok({ blacklist: got.user.blacklist, mutelist: got.user.mutelist });
};

export const userRoutes: Record<string, Handler> = {
  'user/create': createUser,
  'user/block': blockUser,
  'user/unblock': unblockUser,
  'user/mute': muteUser,
  'user/muteModule': muteModule,
  'user/setDonnop': setDonnop,
  'user/getUinfos': getUinfos,
  'user/userOnlineStatus': onlineStatus,
  'user/setSpecialRelation': setSpecialRelation,
  'user/listBlackAndMuteList': listBlackAndMute,
};
