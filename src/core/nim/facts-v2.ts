/**
 * The NIM server API v2 endpoints that reveal facts about a receiver and its sender, and how
 * their `data` (shapes: wire-v2.ts) reads as diagnosis facts. v2 has no login history, so login
 * and logout come from v1's `history/queryUserEvents` over the same host and auth.
 */
import { factsFrom, type FactValues } from '../diagnosis/facts.js';
import { onlineValues } from './facts-v1.js';
import { reading, type Probe } from './probe.js';
import { V2_CODE, type AccountData, type ContactPage, type FriendData, type FriendPage, type OnlineStatusData, type V2Answer } from './wire-v2.js';

const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();
const dataOf = <D>(answer: unknown): D | undefined => {
  const data = (answer as V2Answer<D>)?.data;
  return data && typeof data === 'object' ? data : undefined;
};
const seg = encodeURIComponent;

export const onlineStatusV2Probe: Probe = {
  endpoint: 'POST /im/v2/users/actions/online_status',
  supplies: ['receiverAccount', 'senderAccount', 'iosOnline', 'desktopOnline', 'login'],
  // The sender rides along: its entry (or its 102404 in failed_list, in a code-200 answer) says whether it exists.
  request: (q) => ({ api: 'v2', method: 'POST', path: '/im/v2/users/actions/online_status', body: { account_ids: q.from && !same(q.from, q.to) ? [q.to, q.from] : [q.to] } }),
  read: (answer, q) => {
    const data = dataOf<OnlineStatusData>(answer);
    const source = 'relay:POST /im/v2/users/actions/online_status' as const;
    const stateOf = (accid: string | undefined): 'exists' | 'not-found' | undefined => {
      if (accid === undefined) return undefined;
      if (data?.failed_list?.find((f) => same(f?.account_id, accid))?.error_code === V2_CODE.accountNotFound) return 'not-found';
      return data?.success_list?.some((s) => same(s?.account_id, accid)) ? 'exists' : undefined;
    };
    const sender = stateOf(q.from);
    const senderValues: Partial<FactValues> = sender ? { senderAccount: sender } : {};
    const receiver = stateOf(q.to);
    if (receiver !== 'exists') return reading(factsFrom({ ...(receiver ? { receiverAccount: receiver } : {}), ...senderValues }, source));
    const found = data?.success_list?.find((s) => same(s?.account_id, q.to));
    const types = (found?.online_status ?? []).map((c) => Number(c?.client_type));
    return reading(factsFrom({ receiverAccount: 'exists', ...senderValues, ...onlineValues(types) }, source));
  },
};

/** `GET /im/v2/accounts/{id}` of the receiver: disabled, and push while a desktop is online. */
export const receiverAccountV2Probe: Probe = {
  endpoint: 'GET /im/v2/accounts/{account_id}',
  supplies: ['receiverAccount', 'banned', 'pushWhenDesktopOnline'],
  request: (q) => ({ api: 'v2', method: 'GET', path: `/im/v2/accounts/${seg(q.to)}` }),
  read: (answer, q) => {
    const data = dataOf<AccountData>(answer);
    if (!data || !same(data.account_id, q.to)) return reading({});
    const config = data.configuration ?? {};
    const values: Partial<FactValues> = { receiverAccount: 'exists' };
    if (typeof config.enabled === 'boolean') values.banned = !config.enabled;
    if (typeof config.push_enabled_when_desktop_online === 'boolean') values.pushWhenDesktopOnline = config.push_enabled_when_desktop_online;
    return reading(factsFrom(values, 'relay:GET /im/v2/accounts/{account_id}'));
  },
};

/** `GET /im/v2/accounts/{id}` of the sender: disabled, or banned from one-to-one chat. */
export const senderAccountV2Probe: Probe = {
  endpoint: 'GET /im/v2/accounts/{account_id}',
  supplies: ['senderAccount', 'senderBanned', 'senderChatBanned'],
  request: (q) => ({ api: 'v2', method: 'GET', path: `/im/v2/accounts/${seg(q.from ?? '')}` }),
  read: (answer, q) => {
    const data = dataOf<AccountData>(answer);
    if (!data || !same(data.account_id, q.from)) return reading({});
    const config = data.configuration ?? {};
    const values: Partial<FactValues> = { senderAccount: 'exists' };
    if (typeof config.enabled === 'boolean') values.senderBanned = !config.enabled;
    if (typeof config.p2p_chat_banned === 'boolean') values.senderChatBanned = config.p2p_chat_banned;
    return reading(factsFrom(values, 'relay:GET /im/v2/accounts/{account_id}'));
  },
};

/** `GET /im/v2.1/friends/{id}?friend_account_id=`: a friend record means friends. */
export const friendV2Probe: Probe = {
  endpoint: 'GET /im/v2.1/friends/{account_id}',
  supplies: ['friends'],
  request: (q) => ({ api: 'v2', method: 'GET', path: `/im/v2.1/friends/${seg(q.to)}`, query: { friend_account_id: q.from ?? '' } }),
  read: (answer, q) => {
    const data = dataOf<FriendData>(answer);
    return data && same(data.friend_account_id, q.from) ? reading(factsFrom({ friends: true }, 'relay:GET /im/v2.1/friends/{account_id}')) : reading({});
  },
};

/** One page of a list: its items and the token of the next page, if any. */
export interface PageReading<T> {
  items: T[];
  next?: string;
}

export function readPage<T>(answer: unknown, itemsOf: (d: Record<string, unknown>) => unknown): PageReading<T> | undefined {
  const data = dataOf<Record<string, unknown>>(answer);
  const items = data ? itemsOf(data) : undefined;
  if (!data || !Array.isArray(items)) return undefined;
  const next = data.has_more === true && typeof data.next_token === 'string' && data.next_token ? data.next_token : undefined;
  return { items: items as T[], ...(next ? { next } : {}) };
}

/** Paged lists: the receiver's friends, and the block and mute lists of either side. */
export const friendListV2 = {
  endpoint: 'GET /im/v2.1/friends',
  request: (owner: string, pageToken?: string) => ({ path: '/im/v2.1/friends', query: { account_id: owner, limit: '200', ...(pageToken ? { page_token: pageToken } : {}) } }),
  items: (d: Record<string, unknown>) => d.items,
  ids: (items: FriendPage['items']) => (items ?? []).map((i) => i?.friend_account_id ?? ''),
};

export const contactListV2 = (kind: 'block_contacts' | 'mute_contacts') => ({
  endpoint: `GET /im/v2/${kind}`,
  request: (owner: string, pageToken?: string) => ({ path: `/im/v2/${kind}`, query: { account_id: owner, limit: '200', ...(pageToken ? { page_token: pageToken } : {}) } }),
  items: (d: Record<string, unknown>) => d.items,
  ids: (items: ContactPage['items']) => (items ?? []).filter((i): i is string => typeof i === 'string'),
});
