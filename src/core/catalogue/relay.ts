import type { CatalogueEntry } from '../finding.js';

/** Findings for talking to the relay (the NIM server API or the local relay). */
export const relayEntries: CatalogueEntry[] = [
  {
    id: 'relay.unreachable',
    severity: 'error',
    en: {
      message: 'The relay at {url} did not answer ({reason}).',
      fix: 'Start a local relay with `nim-push relay serve`, or check the relay URL, the network and NIM_PUSH_RELAY_URL.',
    },
    zh: {
      message: '中转服务 {url} 无响应({reason})。',
      fix: '运行 `nim-push relay serve` 启动本地中转服务,或检查中转地址、网络和 NIM_PUSH_RELAY_URL。',
    },
  },
  {
    id: 'relay.auth-failed',
    severity: 'error',
    en: {
      message: 'The relay refused the request with code {code}: {desc}.',
      fix: 'If the signature was refused, check the App Key and App Secret of the profile and that the clock is right (CurTime must be within 5 minutes); otherwise check the parameters named in the message.',
    },
    zh: {
      message: '中转服务以错误码 {code} 拒绝了请求:{desc}。',
      fix: '若是签名校验失败,请检查配置中的 App Key 与 App Secret,并确认本机时间准确(CurTime 须在 5 分钟内);否则请检查提示中的参数。',
    },
  },
  {
    id: 'relay.rate-limited',
    severity: 'error',
    en: {
      message: 'The relay rate-limited the request (code 416): send APIs allow 100 requests per second per app, then block for 10 seconds.',
      fix: 'Wait a few seconds and retry, and send more slowly (below 100 messages per second).',
    },
    zh: {
      message: '请求被限频(416):发送接口每个应用每秒最多 100 次,超出后封禁 10 秒。',
      fix: '稍等几秒后重试,并降低发送频率(每秒少于 100 条)。',
    },
  },
  {
    id: 'relay.forbidden',
    severity: 'error',
    en: {
      message: 'The relay refused the operation (code 403): {desc}.',
      fix: 'The operation is not allowed for this app or these users, e.g. a message between non-friends when the console forbids it. Check the console settings and the relation between sender and receiver.',
    },
    zh: {
      message: '中转服务拒绝了该操作(403):{desc}。',
      fix: '该应用或用户无权执行此操作,例如控制台禁止非好友间发消息时给非好友发消息。请检查控制台设置以及收发双方的关系。',
    },
  },
  {
    id: 'relay.error',
    severity: 'error',
    en: {
      message: 'The relay answered with code {code}: {desc}.',
      fix: 'Check the parameters and the accounts involved; for 5xx codes retry later. Run with --verbose to see the request.',
    },
    zh: {
      message: '中转服务返回错误码 {code}:{desc}。',
      fix: '请检查请求参数和相关账号;若是 5xx 错误请稍后重试。加 --verbose 可查看请求详情。',
    },
  },
];
