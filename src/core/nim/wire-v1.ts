/**
 * The NIM server API v1 answers, as NetEase's Go server SDK (yunxin-server-sdk-golang v1.0.0,
 * `src/im/v1/**` `*_responses.go` and the data keys its `*_service_impl.go` read) parses them.
 * The local relay builds these answers and the client reads them: one contract for both.
 * Every answer is HTTP 200 with a numeric `code` and, when present, a string `desc`.
 */

export interface V1Answer {
  code: number;
  desc?: string;
}

/** `user/create` (data key `info`). */
export interface CreateUserAnswer extends V1Answer {
  info?: { accid: string; name?: string; token: string };
}

/** One entry of `user/getUinfos` (`account_v1_responses.go` `UserInfo`): `valid:false` = disabled. */
export interface Uinfo {
  accid: string;
  name: string;
  icon: string;
  sign: string;
  email: string;
  birth: string;
  mobile: string;
  ex: string;
  gender: number;
  valid: boolean;
  mute: boolean;
  muteP2P: boolean;
  muteTeam: boolean;
  muteRoom: boolean;
  muteQChat: boolean;
}

/** `user/getUinfos` (top-level key `uinfos`). Unknown accounts are left out. */
export interface GetUinfosAnswer extends V1Answer {
  uinfos?: Uinfo[];
}

/** One online client: NIM client types 1 Android, 2 iOS, 4 PC, 16 Web, 32 REST, 64 Mac, 65 HarmonyOS. */
export interface OnlineClient {
  clientType: number;
  /** Epoch milliseconds. */
  loginTime: number;
}

/**
 * `user/userOnlineStatus` (key `data`). The Go SDK reads `onlineStatusList`; the Java SDK (and
 * the cloud, as documented around it) sends `status`, keyed by accid. The relay sends both; the
 * client reads either. Unknown accounts are listed in `invalidAccids`.
 */
export interface OnlineStatusAnswer extends V1Answer {
  data?: {
    invalidAccids?: string[];
    onlineStatusList?: Array<{ accid: string; statusList: OnlineClient[] }>;
    status?: Record<string, OnlineClient[]>;
  };
}

/** One friend of `friend/get` (`FriendInfo`) and `friend/getByAccid` (`GetFriendRelationshipResponseV1`). */
export interface FriendLinkAnswer {
  faccid: string;
  /** Epoch milliseconds. */
  createtime: number;
  updatetime: number;
  /** Both sides have the other as a friend. */
  bidirection: boolean;
  alias: string;
  ex: string;
  serverex: string;
}

/** `friend/get` (top-level `friends`, an array or a string holding one). */
export interface FriendListAnswer extends V1Answer {
  size?: number;
  friends?: FriendLinkAnswer[] | string;
}

/** `friend/getByAccid` (top-level `friend`, an object or a string holding one; absent when they are not friends). */
export interface FriendAnswer extends V1Answer {
  friend?: Partial<FriendLinkAnswer> | string;
}

/** `user/listBlackAndMuteList` (top-level `blacklist` and `mutelist`, arrays or strings holding arrays). */
export interface BlackAndMuteAnswer extends V1Answer {
  blacklist?: string[] | string;
  mutelist?: string[] | string;
}

/** One login or logout (`history_v1_responses.go` `UserEvent`). */
export interface UserEvent {
  accid: string;
  /** Epoch milliseconds. */
  timestamp: number;
  /** 2 login, 3 logout. */
  eventType: number;
  /** `IOS`, `AOS`, `PC`, `WEB`, `MAC`, `HARMONY`, `REST` (compare without case). */
  clientType: string;
  clientIp: string;
  sdkVersion: number;
  deviceId?: string;
  customTag?: string;
  /** The login's result: 200 = logged in. */
  code: number;
  /**
   * Logouts only, as NIM's logout-event documentation (登出事件) numbers them: 1 logged out,
   * 2 disconnected, 3 kicked by the account's own other device, 4 kicked by the mutual-kick policy.
   */
  logOutReason?: number;
}

/** `history/queryUserEvents` (top-level `size` and `events`). */
export interface UserEventsAnswer extends V1Answer {
  size?: number;
  events?: UserEvent[];
}

/** `msg/sendMsg` (key `data`). */
export interface SendMsgAnswer extends V1Answer {
  data?: { msgid: number; antispam: boolean; timetag: number };
}

export const CLIENT_TYPE = { android: 1, ios: 2, pc: 4, web: 16, rest: 32, mac: 64, harmony: 65 } as const;

/** The clients whose presence is "desktop online" for the multiport push setting. */
export const DESKTOP_CLIENT_TYPES: readonly number[] = [CLIENT_TYPE.pc, CLIENT_TYPE.web, CLIENT_TYPE.mac];

/** Event client types as `queryUserEvents` spells them. */
export const CLIENT_TYPE_NAME: Readonly<Record<number, string>> = { 1: 'AOS', 2: 'IOS', 4: 'PC', 16: 'WEB', 32: 'REST', 64: 'MAC', 65: 'HARMONY' };

export const EVENT_LOGIN = 2;
export const EVENT_LOGOUT = 3;

export const LOGOUT_REASON = { loggedOut: 1, disconnected: 2, kickedByOwnDevice: 3, kickedByPolicy: 4 } as const;

/** `history/queryUserEvents` takes at most this many events per call. */
export const USER_EVENTS_MAX = 100;

/** Lists the SDK accepts either as JSON arrays or as strings holding one. */
export function readList<T>(value: T[] | string | undefined): T[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(value);
    return Array.isArray(parsed) ? (parsed as T[]) : undefined;
  } catch {
    return undefined;
  }
}
