/** NIM server API v2: block list, mute list and friends, paged with `next_token`, from the same state as v1. */
import { V2_CODE } from '../core/nim/wire-v2.js';
import { v2Fail, v2Ok, type Handler, type HandlerContext, type Reply } from './handler.js';
import type { UserRecord } from './state.js';
import { pathUser } from './v2-accounts.js';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

function named(ctx: HandlerContext, field: string): { user: UserRecord } | { error: Reply } {
  const accid = text(ctx.params[field])?.toLowerCase();
  if (!accid) return { error: v2Fail(V2_CODE.badParam, `${field} is missing`) };
  const user = ctx.state.users[accid];
  return user ? { user } : { error: v2Fail(V2_CODE.accountNotFound, 'account not exist') };
}

/** A page of a list: `page_token` is the offset the previous page's `next_token` gave. */
function page<T>(ctx: HandlerContext, items: T[]): { has_more: boolean; next_token: string; items: T[] } | Reply {
  const limitText = text(ctx.params.limit);
  const limit = limitText === undefined ? 100 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) return v2Fail(V2_CODE.badParam, 'limit must be 1 to 200');
  const tokenText = text(ctx.params.page_token) ?? '0';
  const start = Number(tokenText);
  if (!/^\d+$/.test(tokenText) || start > items.length) return v2Fail(V2_CODE.badParam, 'page_token is not one this server gave');
  const end = Math.min(items.length, start + limit);
  return { has_more: end < items.length, next_token: end < items.length ? String(end) : '', items: items.slice(start, end) };
}

function contactRoutes(kind: 'block_contacts' | 'mute_contacts', list: 'blacklist' | 'mutelist'): Record<string, Handler> {
  const change = (value: boolean): Handler => async (ctx) => {
    const owner = value ? named(ctx, 'account_id') : pathUser(ctx);
    if ('error' in owner) return owner.error;
    const contact = named(ctx, 'contact_account_id');
    if ('error' in contact) return contact.error;
    if (owner.user.accid === contact.user.accid) return v2Fail(kind === 'block_contacts' ? 106429 : 105429, 'the account itself cannot be its own contact here');
    await ctx.store.commit({ op: 'relation.set', accid: owner.user.accid, target: contact.user.accid, list, value });
    return v2Ok();
  };
  return {
    [`POST /im/v2/${kind}`]: change(true),
    [`DELETE /im/v2/${kind}/{account_id}`]: change(false),
    [`GET /im/v2/${kind}`]: (ctx) => {
      const owner = named(ctx, 'account_id');
      if ('error' in owner) return owner.error;
      const got = page(ctx, owner.user[list]);
      return 'code' in got ? got : v2Ok(got);
    },
  };
}

const friendItem = (user: UserRecord, faccid: string) => {
  const since = user.friendSince?.[faccid] ?? 0;
  return { friend_account_id: faccid, alias: '', extension: '', customer_extension: '', create_time: since, update_time: since };
};

const addFriend: Handler = async (ctx) => {
  const owner = named(ctx, 'account_id');
  if ('error' in owner) return owner.error;
  const other = named(ctx, 'friend_account_id');
  if ('error' in other) return other.error;
  if (owner.user.accid === other.user.accid) return v2Fail(104429, 'an account cannot befriend itself');
  // type 1 adds directly; 2 asks (no friendship until accepted).
  const type = ctx.params.type;
  if (type !== 1 && type !== 2) return v2Fail(V2_CODE.badParam, 'type must be 1 (add directly) or 2 (ask)');
  if (type === 1) await ctx.store.commit({ op: 'friend.set', accid: owner.user.accid, faccid: other.user.accid, value: true, at: ctx.nowMs });
  return v2Ok({ friend_account_id: other.user.accid, alias: '', extension: '', customer_extension: '' });
};

const getFriend: Handler = (ctx) => {
  const owner = pathUser(ctx);
  if ('error' in owner) return owner.error;
  const faccid = text(ctx.params.friend_account_id)?.toLowerCase();
  if (!faccid) return v2Fail(V2_CODE.badParam, 'friend_account_id is missing');
  if (!owner.user.friends.includes(faccid)) return v2Fail(V2_CODE.friendNotFound, 'friend not exist');
  const { create_time: _c, update_time: _u, ...item } = friendItem(owner.user, faccid);
  return v2Ok(item);
};

const listFriends: Handler = (ctx) => {
  const owner = named(ctx, 'account_id');
  if ('error' in owner) return owner.error;
  const got = page(ctx, owner.user.friends.map((f) => friendItem(owner.user, f)));
  return 'code' in got ? got : v2Ok({ ...got, total: owner.user.friends.length });
};

const deleteFriend: Handler = async (ctx) => {
  const owner = pathUser(ctx);
  if ('error' in owner) return owner.error;
  const other = named(ctx, 'friend_account_id');
  if ('error' in other) return other.error;
  if (!owner.user.friends.includes(other.user.accid)) return v2Fail(V2_CODE.friendNotFound, 'friend not exist');
  await ctx.store.commit({ op: 'friend.set', accid: owner.user.accid, faccid: other.user.accid, value: false });
  return v2Ok();
};

export const v2ContactRoutes: Record<string, Handler> = {
  ...contactRoutes('block_contacts', 'blacklist'),
  ...contactRoutes('mute_contacts', 'mutelist'),
  'POST /im/v2.1/friends': addFriend,
  'GET /im/v2.1/friends': listFriends,
  'GET /im/v2.1/friends/{account_id}': getFriend,
  'DELETE /im/v2/friends/{account_id}': deleteFriend,
};
