import type { CatalogueEntry } from '../finding.js';

const ROLE = { role: { receiver: { en: 'receiver', zh: '接收方' }, sender: { en: 'sender', zh: '发送方' } } };

/** Findings about the accounts themselves, met before anything about delivery (params: role, accid, to, from). */
export const accountEntries: CatalogueEntry[] = [
  {
    id: 'account.invalid',
    severity: 'error',
    words: ROLE,
    en: {
      message: "'{accid}' ({role}) is not a NIM account id: an accid has at most 32 characters, only letters, digits and _ . @ -.",
      fix: 'Use the accid the app server registered with user/create (NIM lower-cases it), not a nickname or a phone number.',
    },
    zh: {
      message: "'{accid}'({role})不是合法的云信 accid:accid 最多 32 个字符,只能由字母、数字和 _ . @ - 组成。",
      fix: '请使用应用服务端通过 user/create 注册的 accid(云信会统一转成小写),不要用昵称或手机号。',
    },
  },
  {
    id: 'account.not-found',
    severity: 'error',
    words: ROLE,
    en: {
      message: "No NIM account '{accid}' ({role}) exists in this app: the message is refused, so nothing is delivered or pushed.",
      fix: 'Create the account with user/create (your app server does this at sign-up), or check the App Key: accounts belong to one app.',
    },
    zh: {
      message: "该应用下不存在云信账号 '{accid}'({role}):消息会被拒绝,不会送达也不会推送。",
      fix: '请先通过 user/create 创建该账号(通常由应用服务端在用户注册时完成),或检查 App Key:账号只属于一个应用。',
    },
  },
  {
    id: 'sender.banned',
    severity: 'error',
    en: {
      message: "The sender {from} is disabled (banned with user/block): NIM refuses its messages (code 301), so nothing is pushed.",
      fix: 'Unblock the account with user/unblock (v2: PATCH /im/v2/accounts/{from}/actions/disable with enabled:true).',
    },
    zh: {
      message: '发送方 {from} 已被封禁(user/block):云信拒绝其消息(错误码 301),不会推送。',
      fix: '用 user/unblock 解封该账号(v2:PATCH /im/v2/accounts/{from}/actions/disable,enabled 为 true)。',
    },
  },
  {
    id: 'sender.chat-banned',
    severity: 'error',
    en: {
      message: 'The sender {from} is muted for one-to-one messages (禁言): NIM refuses what it sends, so nothing is pushed.',
      fix: 'Lift the mute with user/mute or user/muteModule (v2: PATCH /im/v2/accounts/{from} with configuration.p2p_chat_banned:false).',
    },
    zh: {
      message: '发送方 {from} 被禁言(单聊):云信拒绝其发送的消息,不会推送。',
      fix: '用 user/mute 或 user/muteModule 解除禁言(v2:PATCH /im/v2/accounts/{from},configuration.p2p_chat_banned 设为 false)。',
    },
  },
];
