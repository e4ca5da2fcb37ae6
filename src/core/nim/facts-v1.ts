/**
 * The NIM server API v1 endpoints that reveal facts about a receiver and its sender, and how
 * their answers (shapes: wire-v1.ts) read as diagnosis facts. Each fact names its endpoint.
 */
import { issue } from '../finding.js';
import { factsFrom, type FactValues, type LoginState } from '../diagnosis/facts.js';
import { reading, type DiagnoseQuery, type Probe } from './probe.js';
import {
  CLIENT_TYPE,
  DESKTOP_CLIENT_TYPES,
  EVENT_LOGIN,
  EVENT_LOGOUT,
  LOGOUT_REASON,
  USER_EVENTS_MAX,
  readList,
  type BlackAndMuteAnswer,
  type FriendAnswer,
  type FriendListAnswer,
  type GetUinfosAnswer,
  type OnlineClient,
  type OnlineStatusAnswer,
  type UserEvent,
  type UserEventsAnswer,
} from './wire-v1.js';

/** How far back login and logout events are read. */
export const LOGIN_HISTORY_DAYS = 7;

const src = (endpoint: string) => `relay:${endpoint}` as const;
const same = (a: string | undefined, b: string | undefined): boolean => a !== undefined && b !== undefined && a.toLowerCase() === b.toLowerCase();

/** `user/getUinfos`: whether each account exists, is disabled (`valid:false`) or muted (禁言). */
export const uinfosProbe: Probe = {
  endpoint: 'user/getUinfos',
  supplies: ['receiverAccount', 'senderAccount', 'banned', 'senderBanned', 'senderChatBanned'],
  request: (q) => ({ api: 'v1', path: 'user/getUinfos', form: { accids: JSON.stringify(q.from ? [q.to, q.from] : [q.to]) } }),
  read: (answer, q) => {
    const uinfos = (answer as GetUinfosAnswer).uinfos;
    if (!Array.isArray(uinfos)) return reading({});
    const find = (accid: string) => uinfos.find((u) => same(u?.accid, accid));
    const to = find(q.to);
    const values: Partial<FactValues> = { receiverAccount: to ? 'exists' : 'not-found' };
    if (to && typeof to.valid === 'boolean') values.banned = !to.valid;
    if (q.from) {
      const from = find(q.from);
      values.senderAccount = from ? 'exists' : 'not-found';
      if (from && typeof from.valid === 'boolean') values.senderBanned = !from.valid;
      if (from && (typeof from.mute === 'boolean' || typeof from.muteP2P === 'boolean')) values.senderChatBanned = from.mute === true || from.muteP2P === true;
    }
    return reading(factsFrom(values, src('user/getUinfos')));
  },
};

/** The receiver's online clients, from either shape of the answer. */
function onlineClients(answer: OnlineStatusAnswer, accid: string): OnlineClient[] | undefined {
  const data = answer.data;
  if (!data || typeof data !== 'object') return undefined;
  const listed = Array.isArray(data.onlineStatusList) ? data.onlineStatusList.find((s) => same(s?.accid, accid)) : undefined;
  if (listed) return Array.isArray(listed.statusList) ? listed.statusList : [];
  const keyed = data.status && typeof data.status === 'object' ? Object.entries(data.status).find(([k]) => same(k, accid))?.[1] : undefined;
  if (keyed) return Array.isArray(keyed) ? keyed : [];
  // Absent from a list that was given: no client of this account is online.
  return Array.isArray(data.onlineStatusList) || (data.status && typeof data.status === 'object') ? [] : undefined;
}

/**
 * `user/userOnlineStatus`: an iOS client online holds the long connection (the message arrives
 * in-app); a PC, Web or Mac client online is "desktop online". Unknown accounts are listed apart.
 */
export const onlineStatusProbe: Probe = {
  endpoint: 'user/userOnlineStatus',
  supplies: ['receiverAccount', 'iosOnline', 'desktopOnline', 'login'],
  request: (q) => ({ api: 'v1', path: 'user/userOnlineStatus', form: { accids: JSON.stringify([q.to]) } }),
  read: (answer, q) => {
    const a = answer as OnlineStatusAnswer;
    if (readList(a.data?.invalidAccids)?.some((x) => same(x, q.to))) return reading(factsFrom({ receiverAccount: 'not-found' }, src('user/userOnlineStatus')));
    const clients = onlineClients(a, q.to);
    if (!clients) return reading({});
    return reading(factsFrom(onlineValues(clients.map((c) => Number(c?.clientType))), src('user/userOnlineStatus')));
  },
};

/** What the client types online say (shared by v1 and v2). */
export function onlineValues(types: number[]): Partial<FactValues> {
  const iosOnline = types.includes(CLIENT_TYPE.ios);
  const values: Partial<FactValues> = { iosOnline, desktopOnline: types.some((t) => DESKTOP_CLIENT_TYPES.includes(t)) };
  // A client online is a client logged in.
  if (iosOnline) values.login = 'online';
  return values;
}

/**
 * The login state the newest settled iOS event gives: a login (200) is "online", a logout is
 * read only from its documented `logOutReason` (1 logged out, 2 disconnected: still logged in,
 * 3 and 4 kicked). A failed login changes nothing; a logout without a reason settles nothing.
 */
export function loginFromEvents(events: UserEvent[]): { login?: LoginState; event?: UserEvent } {
  const ios = events.filter((e) => typeof e?.clientType === 'string' && e.clientType.toUpperCase() === 'IOS');
  const newestFirst = [...ios].sort((a, b) => Number(b.timestamp) - Number(a.timestamp));
  for (const event of newestFirst) {
    if (event.eventType === EVENT_LOGIN) {
      if (event.code === undefined || event.code === 200) return { login: 'online', event };
      continue;
    }
    if (event.eventType !== EVENT_LOGOUT) continue;
    switch (event.logOutReason) {
      case LOGOUT_REASON.loggedOut:
        return { login: 'logged-out', event };
      case LOGOUT_REASON.disconnected:
        return { login: 'online', event };
      case LOGOUT_REASON.kickedByOwnDevice:
      case LOGOUT_REASON.kickedByPolicy:
        return { login: 'kicked', event };
      default:
        return { event };
    }
  }
  return {};
}

/** `history/queryUserEvents`: the receiver's iOS logins and logouts of the last days. */
export const userEventsProbe: Probe = {
  endpoint: 'history/queryUserEvents',
  supplies: ['login'],
  request: (q: DiagnoseQuery) => ({
    api: 'v1',
    path: 'history/queryUserEvents',
    form: {
      accid: q.to,
      begintime: String(q.nowMs - LOGIN_HISTORY_DAYS * 86_400_000),
      endtime: String(q.nowMs),
      limit: String(USER_EVENTS_MAX),
      // 2: newest first.
      reverse: '2',
    },
  }),
  read: (answer) => {
    const events = (answer as UserEventsAnswer).events;
    if (!Array.isArray(events)) return reading({});
    const { login, event } = loginFromEvents(events);
    if (login) return reading(factsFrom({ login }, src('history/queryUserEvents')));
    const why = event ? 'the newest iOS logout carries no logOutReason' : `no iOS login or logout in the last ${LOGIN_HISTORY_DAYS} days`;
    return reading({}, [issue('relay.query-inconclusive', { endpoint: 'history/queryUserEvents', facts: 'login', why, flags: '--login' })]);
  },
};

/** `friend/getByAccid`: a friend record for the sender means friends; an answer without one means not. */
export const friendProbe: Probe = {
  endpoint: 'friend/getByAccid',
  supplies: ['friends'],
  request: (q) => ({ api: 'v1', path: 'friend/getByAccid', form: { accid: q.to, faccid: q.from ?? '' } }),
  read: (answer, q) => {
    let friend = (answer as FriendAnswer).friend;
    if (typeof friend === 'string') {
      try {
        friend = JSON.parse(friend) as FriendAnswer['friend'];
      } catch {
        return reading({});
      }
    }
    const friends = Boolean(friend && typeof friend === 'object' && same(friend.faccid, q.from));
    return reading(factsFrom({ friends }, src('friend/getByAccid')));
  },
};

/** `friend/get`: the receiver's whole friend list (the fallback when `getByAccid` gives no answer to read). */
export const friendListProbe: Probe = {
  endpoint: 'friend/get',
  supplies: ['friends'],
  request: (q) => ({ api: 'v1', path: 'friend/get', form: { accid: q.to, updatetime: '0' } }),
  read: (answer, q) => {
    const friends = readList((answer as FriendListAnswer).friends);
    if (!friends) return reading({});
    return reading(factsFrom({ friends: friends.some((f) => same(f?.faccid, q.from)) }, src('friend/get')));
  },
};

/** `user/listBlackAndMuteList` of the receiver: it blacklisted the sender, or muted the session. */
export const receiverRelationsProbe: Probe = {
  endpoint: 'user/listBlackAndMuteList',
  supplies: ['blacklisted', 'muted'],
  request: (q) => ({ api: 'v1', path: 'user/listBlackAndMuteList', form: { accid: q.to } }),
  read: (answer, q) => {
    const a = answer as BlackAndMuteAnswer;
    const black = readList(a.blacklist);
    const mute = readList(a.mutelist);
    const values: Partial<FactValues> = {};
    if (black) values.blacklisted = black.some((x) => same(x, q.from));
    if (mute) values.muted = mute.some((x) => same(x, q.from));
    return reading(factsFrom(values, src('user/listBlackAndMuteList')));
  },
};

/** `user/listBlackAndMuteList` of the sender: it blacklisted the receiver (either side blocks). */
export const senderRelationsProbe: Probe = {
  endpoint: 'user/listBlackAndMuteList',
  supplies: ['blacklisted'],
  request: (q) => ({ api: 'v1', path: 'user/listBlackAndMuteList', form: { accid: q.from ?? '' } }),
  read: (answer, q) => {
    const black = readList((answer as BlackAndMuteAnswer).blacklist);
    // Only a hit says something the receiver's side did not: "either side" is true.
    return reading(black?.some((x) => same(x, q.to)) ? factsFrom({ blacklisted: true }, src('user/listBlackAndMuteList')) : {});
  },
};
