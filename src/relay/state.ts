/**
 * The relay's state and the operations that change it. Every change is an `Op`: the journal
 * stores ops, and replaying them through `applyOp` rebuilds the state after a restart.
 */
import type { UserEvent } from '../core/nim/wire-v1.js';
import type { AppState, DeviceToken, DndSetting, LoginState, PushLogEntry } from '../core/nim/wire-relay.js';
import { PushLog } from './push-log.js';

export interface UserRecord {
  accid: string;
  name?: string;
  /** The IM login token (a secret: never listed or logged). */
  imToken?: string;
  /** Disabled with `user/block` (`getUinfos` valid:false). */
  banned: boolean;
  /** Muted for everything (`user/mute`, `getUinfos` mute). */
  mute: boolean;
  /** Muted for one-to-one messages (`user/muteModule` muteP2P, v2 p2p_chat_banned). */
  chatBanned: boolean;
  login: LoginState;
  appState: AppState;
  /** The certificate name the SDK passed at login (`apnsCername`). */
  certName?: string;
  /** The PushKit certificate name the SDK passed at login (`pkCername`). */
  pkCertName?: string;
  tokens: DeviceToken[];
  dnd: DndSetting;
  /** The SDK's multiport config: push to the phone while a desktop client is online (default yes). */
  pushWhenDesktopOnline: boolean;
  /** `user/setDonnop`: true means no mobile push while desktop/web is online. */
  donnop: boolean;
  desktopOnline: boolean;
  webOnline: boolean;
  friends: string[];
  /** When each friendship began (epoch ms), for `friend/get`'s createtime. */
  friendSince?: Record<string, number>;
  blacklist: string[];
  mutelist: string[];
  badge: number;
  loginTime?: number;
  /** Logins and logouts, oldest first (the newest EVENTS_MAX), for `history/queryUserEvents`. */
  events: UserEvent[];
}

export interface RelayState {
  users: Record<string, UserRecord>;
  pushLog: PushLog;
  nextMsgId: number;
  /** The next push-log entry id (refusals get one too, messages a msgid as well). */
  nextLogId: number;
  /** The console's "messages between non-friends" switch. */
  nonFriendMessages: 'allowed' | 'forbidden';
}

type Patchable = Omit<UserRecord, 'accid' | 'tokens' | 'friends' | 'friendSince' | 'blacklist' | 'mutelist' | 'events'>;

export type Op =
  | { op: 'user.create'; accid: string; name?: string; imToken?: string }
  | { op: 'user.patch'; accid: string; patch: Partial<Patchable> }
  | { op: 'friend.set'; accid: string; faccid: string; value: boolean; at?: number }
  | { op: 'relation.set'; accid: string; target: string; list: 'blacklist' | 'mutelist'; value: boolean }
  | { op: 'token.put'; accid: string; token: DeviceToken }
  | { op: 'token.remove'; accid: string; token?: string }
  | { op: 'event'; accid: string; event: UserEvent }
  | { op: 'app.set'; nonFriendMessages: 'allowed' | 'forbidden' }
  | { op: 'push.log'; entry: PushLogEntry };

export const EVENTS_MAX = 200;

export function createState(): RelayState {
  return { users: {}, pushLog: new PushLog(), nextMsgId: 1, nextLogId: 1, nonFriendMessages: 'allowed' };
}

export function newUser(accid: string): UserRecord {
  return {
    accid,
    banned: false,
    mute: false,
    chatBanned: false,
    login: 'never',
    appState: 'killed',
    tokens: [],
    dnd: { on: false },
    pushWhenDesktopOnline: true,
    donnop: false,
    desktopOnline: false,
    webOnline: false,
    friends: [],
    blacklist: [],
    mutelist: [],
    badge: 0,
    events: [],
  };
}

/** Fills fields an older relay's snapshot lacks, so state written by any version loads. */
export function normalizeState(state: RelayState): RelayState {
  for (const [accid, user] of Object.entries(state.users)) state.users[accid] = { ...newUser(accid), ...user };
  // A snapshot holds the log's entries as a list.
  const log = state.pushLog as PushLog | PushLogEntry[] | undefined;
  if (!(log instanceof PushLog)) state.pushLog = new PushLog(Array.isArray(log) ? log : []);
  const lastId = state.pushLog.newestId;
  state.nextLogId = Math.max(state.nextLogId ?? 1, lastId + 1);
  return state;
}

const setMember = (list: string[], item: string, value: boolean): string[] =>
  value ? (list.includes(item) ? list : [...list, item]) : list.filter((x) => x !== item);

function setFriend(user: UserRecord | undefined, other: string, value: boolean, at: number): void {
  if (!user) return;
  const was = user.friends.includes(other);
  user.friends = setMember(user.friends, other, value);
  const since = { ...user.friendSince };
  if (value && !was) since[other] = at;
  if (!value) delete since[other];
  user.friendSince = since;
}

/** Applies one op. Ops on unknown users are ignored so a replay never throws. */
export function applyOp(state: RelayState, op: Op): void {
  const user = 'accid' in op ? state.users[op.accid] : undefined;
  switch (op.op) {
    case 'user.create':
      state.users[op.accid] = { ...(state.users[op.accid] ?? newUser(op.accid)), name: op.name, imToken: op.imToken };
      return;
    case 'user.patch':
      if (user) Object.assign(user, op.patch);
      return;
    case 'friend.set':
      // Friendship is mutual in NIM: adding directly (type 1) makes both sides friends.
      setFriend(user, op.faccid, op.value, op.at ?? 0);
      setFriend(state.users[op.faccid], op.accid, op.value, op.at ?? 0);
      return;
    case 'relation.set':
      if (user) user[op.list] = setMember(user[op.list], op.target, op.value);
      return;
    case 'token.put':
      if (user) user.tokens = [...user.tokens.filter((t) => t.token !== op.token.token), op.token];
      return;
    case 'token.remove':
      if (user) user.tokens = op.token ? user.tokens.filter((t) => t.token !== op.token) : [];
      return;
    case 'event':
      if (!user) return;
      user.events.push(op.event);
      if (user.events.length > EVENTS_MAX) user.events.splice(0, user.events.length - EVENTS_MAX);
      return;
    case 'app.set':
      state.nonFriendMessages = op.nonFriendMessages;
      return;
    case 'push.log':
      state.pushLog.add(op.entry);
      if (op.entry.msgid !== undefined && op.entry.msgid >= state.nextMsgId) state.nextMsgId = op.entry.msgid + 1;
      if (op.entry.id >= state.nextLogId) state.nextLogId = op.entry.id + 1;
      return;
  }
}
