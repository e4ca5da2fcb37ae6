/** `token add|list|remove`: their JSON documents and human renderings. */
import type { Finding } from '../core/finding.js';
import type { DeviceToken } from '../core/nim/wire-relay.js';
import { previewToken } from '../core/token.js';
import { formatFindings, type Style } from './style.js';
import { say, type View } from './view.js';

export interface TokenAddData {
  ok: boolean;
  relay: string;
  accid: string;
  token: DeviceToken;
  findings: Finding[];
}

/** Against a relay without a token API (the NIM cloud): the SDK uploads tokens, and this is the call. */
export interface TokenSdkData {
  ok: false;
  relay: string;
  token: string;
  error: { code: 'relay.no-token-api'; message: string };
  sdkCall: string;
  findings: Finding[];
}

export interface TokenListData {
  ok: true;
  relay: string;
  tokens: Array<DeviceToken & { accid: string }>;
}

export interface TokenRemoveData {
  ok: true;
  relay: string;
  accid: string;
  removed: number;
}

const tokenLine = (t: DeviceToken, s: Style, view: View): string =>
  `cert-name=${t.certName || '(none)'}  env=${t.environment ?? say(view, 'unknown', '未知')}${t.kind === 'pushkit' ? '  pushkit (VoIP)' : ''}${t.customContentKey ? `  customContentKey=${t.customContentKey}` : ''}${t.unregistered ? s.warn(say(view, '  unregistered (APNs 410)', '  已失效(APNs 410)')) : ''}`;

export const sdkUploadMessage = (view: Pick<View, 'lang'>, voip: boolean): string =>
  say(
    view,
    `The NIM server has no API to upload device tokens: the NIM SDK in the app uploads the ${voip ? 'PushKit ' : ''}token after login. Call this in ${voip ? 'pushRegistry:didUpdatePushCredentials:forType:' : 'didRegisterForRemoteNotificationsWithDeviceToken:'}`,
    `云信服务端没有上传 deviceToken 的接口:${voip ? 'PushKit ' : ''}token 由 App 内的 NIM SDK 在登录后上传。请在 ${voip ? 'pushRegistry:didUpdatePushCredentials:forType:' : 'didRegisterForRemoteNotificationsWithDeviceToken:'} 中调用:`,
  );

export function renderTokenAdd(data: TokenAddData | TokenSdkData, view: View): string {
  const s = view.style;
  if (!('accid' in data)) {
    return [
      s.warn(sdkUploadMessage(view, data.sdkCall.includes('PushKit'))),
      `    ${s.bold(data.sdkCall)}`,
      s.dim(say(view, 'To try it locally, start a relay with `nim-push relay serve` and run this command with --relay local.', '如需在本地试验,请用 `nim-push relay serve` 启动本地中转服务并以 --relay local 运行本命令。')),
    ].join('\n');
  }
  const head = (data.ok ? s.ok : s.warn)(say(view, `${data.ok ? '✔' : '⚠'} Token ${previewToken(data.token.token)} uploaded for ${data.accid}`, `${data.ok ? '✔' : '⚠'} 已为 ${data.accid} 上传 token ${previewToken(data.token.token)}`));
  return [`${head}  ${tokenLine(data.token, s, view)}`, data.findings.length ? formatFindings(data.findings, s, view.lang) : ''].filter(Boolean).join('\n');
}

export function renderTokenList(data: TokenListData, view: View): string {
  const s = view.style;
  if (!data.tokens.length) return s.dim(say(view, 'No tokens.', '没有 token。'));
  return data.tokens.map((t) => `${s.bold(t.accid)}  ${t.token}  ${tokenLine(t, s, view)}`).join('\n');
}

export const renderTokenRemove = (data: TokenRemoveData, view: View): string =>
  view.style.ok(say(view, `✔ Removed ${data.removed} token${data.removed === 1 ? '' : 's'} of ${data.accid}`, `✔ 已删除 ${data.accid} 的 ${data.removed} 个 token`));
