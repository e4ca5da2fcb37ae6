/** NIM server API v1: accounts, friends and special relations (FACTS section 2). */
import { randomBytes } from 'node:crypto';
import { bool, fail, ok, requireAccid, requireUser, str, type Handler, type HandlerContext, type Reply } from './handler.js';
import type { UserRecord } from './state.js';

const ACCID_CHARS = /^[a-z0-9_.@-]+$/;

const createUser: Handler = async (ctx) => {
  const got = requireAccid(ctx.params, 'accid');
  if ('error' in got) return got.error;
  if (!ACCID_CHARS.test(got.accid)) return fail(414, 'accid has characters other than letters, digits and _.@-');
  if (ctx.state.users[got.accid]) return fail(414, 'already register');
  const name = str(ctx.params, 'name');
  if (name !== undefined && name.length > 64) return fail(405, 'name longer than 64 characters');
  const given = str(ctx.params, 'token');
  if (given !== undefined && given.length > 128) return fail(405, 'token longer than 128 characters');
  const imToken = given || randomBytes(16).toString('hex');
  await ctx.store.commit({ op: 'user.create', accid: got.accid, name: name || undefined, imToken });
  return ok({ info: { accid: got.accid, name: name || undefined, token: imToken } });
};

const blockUser: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const needKick = bool(ctx.params, 'needkick');
  const unbind = bool(ctx.params, 'needUnbindPushToken');
  if (needKick === null || unbind === null) return fail(414, 'needkick and needUnbindPushToken must be true or false');
  const patch: Partial<UserRecord> = { banned: true };
  if (needKick && got.user.login === 'online') patch.login = 'kicked';
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch });
  if (unbind) await ctx.store.commit({ op: 'token.remove', accid: got.user.accid });
  return ok();
};

const unblockUser: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { banned: false } });
  return ok();
};

const setDonnop: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const open = bool(ctx.params, 'donnopOpen');
  if (open === undefined || open === null) return fail(414, 'donnopOpen must be true or false');
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { donnop: open } });
  return ok();
};

function pair(ctx: HandlerContext, a: string, b: string): { user: UserRecord; other: UserRecord } | { error: Reply } {
  const first = requireUser(ctx, a);
  if ('error' in first) return first;
  const second = requireUser(ctx, b);
  if ('error' in second) return second;
  if (first.user.accid === second.user.accid) return { error: fail(414, `${a} and ${b} are the same account`) };
  return { user: first.user, other: second.user };
}

const addFriend: Handler = async (ctx) => {
  const got = pair(ctx, 'accid', 'faccid');
  if ('error' in got) return got.error;
  const type = str(ctx.params, 'type');
  if (!type || !['1', '2', '3', '4'].includes(type)) return fail(414, 'type must be 1 (add), 2 (request), 3 (accept) or 4 (reject)');
  const msg = str(ctx.params, 'msg');
  if (msg !== undefined && msg.length > 256) return fail(405, 'msg longer than 256 characters');
  // 2 (request) and 4 (reject) change no friendship; 1 and 3 make both sides friends.
  if (type === '1' || type === '3') await ctx.store.commit({ op: 'friend.set', accid: got.user.accid, faccid: got.other.accid, value: true });
  return ok();
};

const deleteFriend: Handler = async (ctx) => {
  const got = pair(ctx, 'accid', 'faccid');
  if ('error' in got) return got.error;
  await ctx.store.commit({ op: 'friend.set', accid: got.user.accid, faccid: got.other.accid, value: false });
  return ok();
};

const getFriends: Handler = (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  return ok({ size: got.user.friends.length, friends: got.user.friends.map((faccid) => ({ faccid })) });
};

const setSpecialRelation: Handler = async (ctx) => {
  const got = pair(ctx, 'accid', 'targetAcc');
  if ('error' in got) return got.error;
  const type = str(ctx.params, 'relationType');
  const value = str(ctx.params, 'value');
  if (type !== '1' && type !== '2') return fail(414, 'relationType must be 1 (blacklist) or 2 (mute list)');
  if (value !== '0' && value !== '1') return fail(414, 'value must be 0 (remove) or 1 (add)');
  const list = type === '1' ? 'blacklist' : 'mutelist';
  await ctx.store.commit({ op: 'relation.set', accid: got.user.accid, target: got.other.accid, list, value: value === '1' });
  return ok();
};

const listBlackAndMute: Handler = (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  return ok({ blacklist: got.user.blacklist, mutelist: got.user.mutelist });
};

/** NIM client types: iOS 2, PC 4, Web 16. An iOS app holds its long connection only in the foreground. */
function onlineClients(user: UserRecord): Array<{ clientType: number; loginTime: number }> {
  const since = user.loginTime ?? 0;
  const clients: Array<{ clientType: number; loginTime: number }> = [];
  if (user.login === 'online' && user.appState === 'foreground') clients.push({ clientType: 2, loginTime: since });
  if (user.desktopOnline) clients.push({ clientType: 4, loginTime: since });
  if (user.webOnline) clients.push({ clientType: 16, loginTime: since });
  return clients;
}

const onlineStatus: Handler = (ctx) => {
  const text = str(ctx.params, 'accids');
  let accids: unknown;
  try {
    accids = JSON.parse(text ?? '');
  } catch {
    return fail(414, 'accids is not a JSON array');
  }
  if (!Array.isArray(accids) || accids.some((a) => typeof a !== 'string')) return fail(414, 'accids is not a JSON array of accids');
  if (accids.length > 100) return fail(419, 'at most 100 accids per request');
  const status: Record<string, Array<{ clientType: number; loginTime: number }>> = {};
  for (const accid of accids as string[]) {
    const user = ctx.state.users[accid.toLowerCase()];
    const clients = user ? onlineClients(user) : [];
    if (clients.length) status[accid] = clients;
  }
  return ok({ data: { status } });
};

export const userRoutes: Record<string, Handler> = {
  'user/create': createUser,
  'user/block': blockUser,
  'user/unblock': unblockUser,
  'user/setDonnop': setDonnop,
  'friend/add': addFriend,
  'friend/delete': deleteFriend,
  'friend/get': getFriends,
  'user/setSpecialRelation': setSpecialRelation,
  'user/listBlackAndMuteList': listBlackAndMute,
  'user/userOnlineStatus': onlineStatus,
};
