/**
 * The NIM server API v2 answers and request bodies, as NetEase's Go server SDK
 * (yunxin-server-sdk-golang v1.0.0, `src/im/v2/**` `*_requests.go` / `*_responses.go`) spells them.
 * Every answer is HTTP 200 with `{code, msg, data}`; on failure `data` is `{}` and `msg` says why.
 */

export interface V2Answer<D = Record<string, unknown>> {
  code: number;
  msg?: string;
  data?: D;
}

/** `configuration` of `GET /im/v2/accounts/{account_id}`. */
export interface AccountConfiguration {
  /** false: the account is disabled. */
  enabled?: boolean;
  p2p_chat_banned?: boolean;
  team_chat_banned?: boolean;
  chatroom_chat_banned?: boolean;
  qchat_chat_banned?: boolean;
  push_enabled_when_desktop_online?: boolean;
}

export interface AccountData {
  account_id: string;
  token?: string;
  configuration?: AccountConfiguration;
}

/** `POST /im/v2/users/actions/online_status`. */
export interface OnlineStatusData {
  success_list?: Array<{ account_id: string; online_status?: Array<{ client_type: number; login_time: number }> }>;
  failed_list?: Array<{ account_id: string; error_code: number; error_msg: string }>;
}

/** `GET /im/v2/block_contacts`, `GET /im/v2/mute_contacts`: `items` are account ids. */
export interface ContactPage {
  has_more?: boolean;
  next_token?: string;
  items?: string[];
}

/** `GET /im/v2.1/friends/{account_id}?friend_account_id=`. */
export interface FriendData {
  friend_account_id?: string;
  alias?: string;
  extension?: string;
  customer_extension?: string;
}

/** `GET /im/v2.1/friends?account_id=` (paged). */
export interface FriendPage {
  has_more?: boolean;
  next_token?: string;
  total?: number;
  items?: Array<FriendData & { create_time?: number; update_time?: number }>;
}

/** `push_config` of a v2 message (`message_v2_requests.go`); `push_payload` is JSON text, not an object. */
export interface PushConfigV2 {
  push_enabled?: boolean;
  push_nick_enabled?: boolean;
  push_content?: string;
  push_payload?: string;
  push_forcepush_all?: boolean;
  push_forcepush_ids?: string[];
  push_forcepush_content?: string;
  push_forcepush_enable?: boolean;
}

/** The body of `POST /im/v2/conversations/{sender|1|receiver}/messages` (the fields nim-push uses). */
export interface SendMessageV2 {
  message: { message_type: number; text?: string; attachment?: unknown; sub_type?: number };
  message_config?: { unread_enabled?: boolean; mutil_sync_enabled?: boolean; offline_enabled?: boolean; history_enabled?: boolean; roaming_enabled?: boolean; conversation_update_enabled?: boolean };
  push_config?: PushConfigV2;
  p2p_option?: { check_friend?: boolean };
  extension?: string;
}

/** The body of `POST /im/v2/custom_notification`. */
export interface CustomNotificationV2 {
  sender_id: string;
  /** 1: one-to-one. */
  type: number;
  receiver_id: string;
  content: string;
  sound?: string;
  notification_config?: { offline_enabled?: boolean | null; unread_enabled?: boolean | null };
  push_config?: PushConfigV2;
}

export interface SendMessageData {
  message_server_id: number;
  message_client_id: string;
  sender_id: string;
  receiver_id: string;
  conversation_type: number;
  create_time: number;
  message_type: number;
  text?: string;
}

/** The p2p conversation id of v2: `sender|1|receiver`. */
export const p2pConversationId = (from: string, to: string): string => `${from}|1|${to}`;

/** NetEase's v2 codes for what the relay can refuse (V2NIMErrorCode). */
export const V2_CODE = {
  ok: 200,
  badParam: 414,
  rateLimited: 416,
  accountNotFound: 102404,
  accountExists: 102405,
  chatBanned: 102421,
  accountDisabled: 102422,
  inBlockList: 102426,
  friendNotFound: 104404,
  friendExists: 104405,
} as const;
