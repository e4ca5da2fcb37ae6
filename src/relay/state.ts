/**
 * The relay's state and the operations that change it. Every change is an `Op`: the journal
 * stores ops, and replaying them through `applyOp` rebuilds the state after a restart.
 */
import type { ApnsEnvironment } from '../core/profile.js';

export type LoginState = 'online' | 'logged-out' | 'kicked' | 'never';
export type AppState = 'foreground' | 'background' | 'killed';

export interface DeviceToken {
  token: string;
  certName: string;
  environment: ApnsEnvironment;
  customContentKey?: string;
  updatedAt: number;
  /** APNs answered 410 for it: the app was removed or the token rotated. */
  unregistered?: boolean;
}

export interface DndSetting {
  on: boolean;
  /** `HH:MM`; the window may cross midnight. */
  start?: string;
  end?: string;
}

export interface UserRecord {
  accid: string;
  name?: string;
  /** The IM login token (a secret: never listed or logged). */
  imToken?: string;
  banned: boolean;
  login: LoginState;
  appState: AppState;
  /** The certificate name the SDK passed at login (`apnsCername`). */
  certName?: string;
  tokens: DeviceToken[];
  dnd: DndSetting;
  /** The SDK's multiport config: push to the phone while a desktop client is online (default yes). */
  pushWhenDesktopOnline: boolean;
  /** `user/setDonnop`: true means no mobile push while desktop/web is online. */
  donnop: boolean;
  desktopOnline: boolean;
  webOnline: boolean;
  friends: string[];
  blacklist: string[];
  mutelist: string[];
  badge: number;
  loginTime?: number;
}

export interface PushLogEntry {
  id: number;
  time: string;
  kind: 'msg' | 'attach';
  msgid?: number;
  from: string;
  to: string;
  /** `in-app`: delivered over the long connection; `push`: sent to APNs; `blocked`/`none`: nothing sent. */
  delivery: 'in-app' | 'push' | 'blocked' | 'none';
  verdict?: 'fires' | 'blocked' | 'unknown';
  findings: Array<{ id: string; params?: Record<string, string | number | undefined>; severity?: string }>;
  text?: string;
  apns?: Array<{ token: string; certName?: string; status: 'sent' | 'failed' | 'skipped'; apnsId?: string; reason?: string; httpStatus?: number }>;
}

export interface RelayState {
  users: Record<string, UserRecord>;
  pushLog: PushLogEntry[];
  nextMsgId: number;
  /** The console's "messages between non-friends" switch. */
  nonFriendMessages: 'allowed' | 'forbidden';
}

export type Op =
  | { op: 'user.create'; accid: string; name?: string; imToken?: string }
  | { op: 'user.patch'; accid: string; patch: Partial<Omit<UserRecord, 'accid' | 'tokens' | 'friends' | 'blacklist' | 'mutelist'>> }
  | { op: 'friend.set'; accid: string; faccid: string; value: boolean }
  | { op: 'relation.set'; accid: string; target: string; list: 'blacklist' | 'mutelist'; value: boolean }
  | { op: 'token.put'; accid: string; token: DeviceToken }
  | { op: 'token.remove'; accid: string; token?: string }
  | { op: 'app.set'; nonFriendMessages: 'allowed' | 'forbidden' }
  | { op: 'push.log'; entry: PushLogEntry };

export const PUSH_LOG_MAX = 5000;
const PUSH_LOG_SLACK = PUSH_LOG_MAX / 10;

export function createState(): RelayState {
  return { users: {}, pushLog: [], nextMsgId: 1, nonFriendMessages: 'allowed' };
}

export function newUser(accid: string): UserRecord {
  return {
    accid,
    banned: false,
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
  };
}

const setMember = (list: string[], item: string, value: boolean): string[] =>
  value ? (list.includes(item) ? list : [...list, item]) : list.filter((x) => x !== item);

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
    case 'friend.set': {
      // Friendship is mutual in NIM: adding directly (type 1) makes both sides friends.
      const other = state.users[op.faccid];
      if (user) user.friends = setMember(user.friends, op.faccid, op.value);
      if (other) other.friends = setMember(other.friends, op.accid, op.value);
      return;
    }
    case 'relation.set':
      if (user) user[op.list] = setMember(user[op.list], op.target, op.value);
      return;
    case 'token.put':
      if (user) user.tokens = [...user.tokens.filter((t) => t.token !== op.token.token), op.token];
      return;
    case 'token.remove':
      if (user) user.tokens = op.token ? user.tokens.filter((t) => t.token !== op.token) : [];
      return;
    case 'app.set':
      state.nonFriendMessages = op.nonFriendMessages;
      return;
    case 'push.log':
      state.pushLog.push(op.entry);
      // Trimmed in batches (up to a tenth over the cap): cutting one entry per message would
      // move all 5,000 entries on every send once the log is full.
      if (state.pushLog.length > PUSH_LOG_MAX + PUSH_LOG_SLACK) state.pushLog.splice(0, state.pushLog.length - PUSH_LOG_MAX);
      if (op.entry.msgid !== undefined && op.entry.msgid >= state.nextMsgId) state.nextMsgId = op.entry.msgid + 1;
      return;
  }
}
