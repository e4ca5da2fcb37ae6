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
  {
    id: 'relay.query-failed',
    severity: 'warning',
    en: {
      message: '{endpoint} gave no answer to read ({reason}), so {facts} stay unknown; nothing is concluded from the failure.',
      fix: 'Give the facts as flags ({flags}), or check that the relay forwards {endpoint}. Quote trace id {traceId} to NetEase if the cloud answered this way.',
    },
    zh: {
      message: '{endpoint} 没有给出可读的应答({reason}),因此 {facts} 仍为未知;不会根据失败推断任何事实。',
      fix: '用参数给出这些事实({flags}),或确认中转服务转发了 {endpoint}。若是云信服务端这样应答,可把 trace id {traceId} 提供给网易云信。',
    },
  },
  {
    id: 'relay.query-inconclusive',
    severity: 'info',
    en: {
      message: '{endpoint} answered, but does not settle {facts}: {why}.',
      fix: 'Give it as a flag ({flags}) if you know it from the ticket.',
    },
    zh: {
      message: '{endpoint} 有应答,但无法确定 {facts}:{why}。',
      fix: '如果工单中已知,请用参数给出({flags})。',
    },
  },
  {
    id: 'relay.documented-only',
    severity: 'info',
    en: {
      message: "{url} offers only NetEase's documented endpoints: background or killed, the device's do-not-disturb setting, the uploaded tokens, the console's non-friend setting and push-while-desktop-online are not readable there.",
      fix: 'Give them from the ticket as flags ({flags}); a local relay (`nim-push relay serve`) has them all.',
    },
    zh: {
      message: '{url} 只提供网易云信公开的接口:App 在后台还是被杀死、设备上的免打扰设置、已上传的 token、控制台的非好友消息设置以及桌面在线时是否推送,都无法从这里读到。',
      fix: '请根据工单用参数给出({flags});本地中转服务(`nim-push relay serve`)可以提供全部这些信息。',
    },
  },
  {
    id: 'relay.no-v2',
    severity: 'error',
    en: {
      message: '{url} does not serve the NIM server API v2 ({reason}): it knows v1 only, or is not a NIM server.',
      fix: 'Use v1 with --api v1 (or `nim-push config set api v1`), or point the profile at a server that has v2.',
    },
    zh: {
      message: '{url} 不提供云信服务端 API v2({reason}):它只支持 v1,或不是云信服务端。',
      fix: '加 --api v1 使用 v1(或运行 `nim-push config set api v1`),或把配置指向支持 v2 的服务端。',
    },
  },
];
