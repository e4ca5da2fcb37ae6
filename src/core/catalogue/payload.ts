import type { CatalogueEntry } from '../finding.js';

/**
 * Message and payload findings of the APNs request builder.
 * Params: payload.invalid-json `error`; payload.too-large `size`, `limit`, `pushType`;
 * collapse-id.too-long `length`, `limit`. (message.silent lives in message.ts.)
 *
 * The two APNs transport findings live here too because they come from the sender, not from an
 * APNs `reason`: apns.unreachable `detail`; apns.unexpected-response `status`, `reason`, `detail`.
 */
export const payloadEntries: CatalogueEntry[] = [
  {
    id: 'payload.invalid-json',
    severity: 'error',
    en: {
      message: 'The custom payload is not a usable JSON object: {error}.',
      fix: 'Pass a JSON object, e.g. --payload \'{"aps":{"sound":"default"},"orderId":42}\' or --payload @payload.json; keys other than "aps" are sent at the top level.',
    },
    zh: {
      message: '自定义 payload 不是可用的 JSON 对象:{error}。',
      fix: '请传入 JSON 对象,例如 --payload \'{"aps":{"sound":"default"},"orderId":42}\' 或 --payload @payload.json;"aps" 以外的键放在顶层发送。',
    },
  },
  {
    id: 'payload.too-large',
    severity: 'error',
    en: {
      message: 'The APNs payload is {size} bytes; APNs accepts at most {limit} bytes for {pushType} pushes and would answer 413 PayloadTooLarge.',
      fix: 'Shorten the push text or custom keys; send an id in the push and fetch the content in the app (a notification service extension with mutable-content can do that).',
    },
    zh: {
      message: 'APNs payload 为 {size} 字节,{pushType} 推送最多 {limit} 字节,APNs 会返回 413 PayloadTooLarge。',
      fix: '缩短推送文案或自定义字段;推送中只放 id,由 App 拉取内容(可配合 mutable-content 的 Notification Service Extension)。',
    },
  },
  {
    id: 'collapse-id.too-long',
    severity: 'error',
    en: {
      message: 'The collapse id is {length} bytes; apns-collapse-id may be at most {limit} bytes (APNs answers BadCollapseId).',
      fix: 'Use a short stable key, e.g. a conversation id or a hash of it.',
    },
    zh: {
      message: 'collapse id 为 {length} 字节,apns-collapse-id 最多 {limit} 字节(APNs 会返回 BadCollapseId)。',
      fix: '使用简短且稳定的键,例如会话 id 或其哈希。',
    },
  },
  {
    id: 'apns.unreachable',
    severity: 'error',
    en: {
      message: 'APNs could not be reached: {detail}.',
      fix: 'Check the network, proxy and firewall (outbound TCP 443 or 2197 to api.push.apple.com / api.sandbox.push.apple.com), or the --apns-url and --apns-ca given.',
    },
    zh: {
      message: '无法连接 APNs:{detail}。',
      fix: '检查网络、代理与防火墙(出站 TCP 443 或 2197 到 api.push.apple.com / api.sandbox.push.apple.com),或所给的 --apns-url 与 --apns-ca。',
    },
  },
  {
    id: 'apns.unexpected-response',
    severity: 'error',
    en: {
      message: 'APNs gave no usable answer (status {status}, reason {reason}) {detail}.',
      fix: 'Try again later; if it persists, run with --verbose and check the endpoint is an APNs provider API.',
    },
    zh: {
      message: 'APNs 未给出可用的应答(状态 {status},原因 {reason}){detail}。',
      fix: '稍后重试;若持续出现,请加 --verbose 运行并确认目标是 APNs provider API。',
    },
  },
  {
    id: 'apns-sim.not-running',
    severity: 'error',
    en: {
      message: 'No APNs simulator is running for {configDir}, so --apns-url sim has nowhere to go.',
      fix: 'Start one with `nim-push apns-sim` (or `nim-push relay serve`, which runs one), with the same --config-dir.',
    },
    zh: {
      message: '{configDir} 没有正在运行的 APNs 模拟器,--apns-url sim 无处可发。',
      fix: '用相同的 --config-dir 运行 `nim-push apns-sim`(或 `nim-push relay serve`,它会同时启动模拟器)。',
    },
  },
];
