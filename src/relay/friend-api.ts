/** NIM server API v1: friends (`friend_v1_*` of NetEase's SDK), and the login history. */
import { USER_EVENTS_MAX, type FriendLinkAnswer } from '../core/nim/wire-v1.js';
import { fail, ok, requireUser, str, type Handler, type HandlerContext, type Reply } from './handler.js';
import type { UserRecord } from './state.js';

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
  if (type === '1' || type === '3') await ctx.store.commit({ op: 'friend.set', accid: got.user.accid, faccid: got.other.accid, value: true, at: ctx.nowMs });
  return ok();
};

const deleteFriend: Handler = async (ctx) => {
  const got = pair(ctx, 'accid', 'faccid');
  if ('error' in got) return got.error;
  await ctx.store.commit({ op: 'friend.set', accid: got.user.accid, faccid: got.other.accid, value: false });
  return ok();
};

/** One friendship as `friend/get` and `friend/getByAccid` describe it. */
export function friendLink(ctx: HandlerContext, user: UserRecord, faccid: string): FriendLinkAnswer {
  const since = user.friendSince?.[faccid] ?? 0;
  const other = ctx.state.users[faccid];
  return { faccid, createtime: since, updatetime: since, bidirection: Boolean(other?.friends.includes(user.accid)), alias: '', ex: '', serverex: '' };
}

const getFriends: Handler = (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const friends = got.user.friends.map((f) => friendLink(ctx, got.user, f));
  return ok({ size: friends.length, friends });
};

/** `friend/getByAccid`: the friendship, or an answer without `friend` when there is none. */
const getFriend: Handler = (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const faccid = str(ctx.params, 'faccid')?.toLowerCase();
  if (!faccid) return fail(414, 'faccid is missing');
  return got.user.friends.includes(faccid) ? ok({ friend: friendLink(ctx, got.user, faccid) }) : ok();
};

const TIME = /^\d{1,15}$/;

/** `history/queryUserEvents`: logins and logouts between two times (ms), at most 100, newest first unless reverse=1. */
const queryUserEvents: Handler = (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const begin = str(ctx.params, 'begintime');
  const end = str(ctx.params, 'endtime');
  if (!begin || !end || !TIME.test(begin) || !TIME.test(end) || Number(begin) > Number(end)) return fail(414, 'bad time');
  const limitText = str(ctx.params, 'limit');
  const limit = Number(limitText);
  if (!limitText || !Number.isInteger(limit) || limit <= 0 || limit > USER_EVENTS_MAX) return fail(414, `limit must be 1 to ${USER_EVENTS_MAX}`);
  const reverse = str(ctx.params, 'reverse') ?? '2';
  if (reverse !== '1' && reverse !== '2') return fail(414, 'reverse must be 1 (oldest first) or 2 (newest first)');
  const inRange = got.user.events.filter((e) => e.timestamp >= Number(begin) && e.timestamp <= Number(end));
  const ordered = reverse === '2' ? inRange.reverse() : inRange;
  const events = ordered.slice(0, limit);
  return ok({ size: events.length, events });
};

export const friendRoutes: Record<string, Handler> = {
  'friend/add': addFriend,
  'friend/delete': deleteFriend,
  'friend/get': getFriends,
  'friend/getByAccid': getFriend,
  'history/queryUserEvents': queryUserEvents,
};
