import type { CatalogueEntry } from '../finding.js';

/** Findings that belong to no protocol group: the outcome of a whole step. */
export const generalEntries: CatalogueEntry[] = [
  {
    id: 'send.failed',
    severity: 'error',
    en: {
      message: 'The test send did not go out (status {status}).',
      fix: 'Run the same send with `nim-push send … --verbose` to see each step, or `nim-push diagnose --to <accid>` for why a push would not fire.',
    },
    zh: {
      message: '测试发送未成功(状态 {status})。',
      fix: '用 `nim-push send … --verbose` 查看每一步,或用 `nim-push diagnose --to <accid>` 查看推送为何不会发出。',
    },
  },
  {
    id: 'clock.skew',
    phrases: ['clock', 'curtime', '时钟'],
    severity: 'error',
    words: { direction: { 'ahead of': { en: 'ahead of', zh: '快于' }, behind: { en: 'behind', zh: '慢于' } } },
    en: {
      message: "This machine's clock is {offset} s {direction} {server}'s. NIM refuses a CheckSum whose CurTime is more than {window} s off (code 414, as if the App Secret were wrong), and APNs a provider token whose iat is off (ExpiredProviderToken).",
      fix: 'Set the clock right: enable NTP (e.g. `timedatectl set-ntp true` or `sntp -sS time.apple.com`), then try again.',
    },
    zh: {
      message: '本机时钟{direction} {server} 的时钟 {offset} 秒。CurTime 偏差超过 {window} 秒时云信会拒绝 CheckSum(错误码 414,看起来像 App Secret 错误);iat 偏差时 APNs 也会拒绝提供方令牌(ExpiredProviderToken)。',
      fix: '校准时钟:开启 NTP(例如 `timedatectl set-ntp true` 或 `sntp -sS time.apple.com`),然后重试。',
    },
  },
  {
    id: 'proxy.unreachable',
    severity: 'error',
    en: {
      message: 'The proxy {proxy} did not carry the request to {target}: {reason}.',
      fix: 'Check the proxy address and credentials (HTTPS_PROXY / HTTP_PROXY, or --proxy), that it allows CONNECT to {target}, or add the host to NO_PROXY to go direct.',
    },
    zh: {
      message: '代理 {proxy} 未能把请求转发到 {target}:{reason}。',
      fix: '检查代理地址和账号(HTTPS_PROXY / HTTP_PROXY 或 --proxy)、代理是否允许 CONNECT 到 {target},或把该主机加入 NO_PROXY 以直连。',
    },
  },
];
