/** `nim-push token add|list|remove`: device tokens on the relay, as the SDK's `updateApnsToken:` uploads them. */
import { describe, describeAll } from '../core/catalogue/index.js';
import { issue, type Finding } from '../core/finding.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { normalizeToken, previewToken } from '../core/token.js';
import type { CommandResult, Context } from '../context.js';
import { UsageError } from '../errors.js';
import { NIM_LIMITS } from '../core/nim/limits.js';
import { formatFindings } from '../output/style.js';
import type { DeviceToken } from '../relay/state.js';
import { ensureAccount, expectOk, openRelay, requireLocalRelay, type RelayAccessOptions } from './relay-access.js';

/** The call from the NIM guide ("实现离线推送", step 4) that uploads the token from the app. */
export const SDK_UPLOAD_CALL = '[[NIMSDK sharedSDK] updateApnsToken:deviceToken customContentKey:nil];';

export interface TokenAddOptions extends RelayAccessOptions {
  accid: string;
  token: string;
  certName?: string;
  env?: ApnsEnvironment;
  /** `undefined` keeps the key already stored; `''` clears it. */
  customContentKey?: string;
  /** The certificate names the app has (the profile's); a token under another name cannot be pushed. */
  knownCertNames?: string[];
}

export async function runTokenAdd(opts: TokenAddOptions, ctx: Context): Promise<CommandResult> {
  // NIM accids are at most 32 characters: say so here rather than let the relay refuse it.
  if (opts.accid.length > NIM_LIMITS.accid) throw new UsageError(`The account id '${opts.accid}' has ${opts.accid.length} characters; NIM allows at most ${NIM_LIMITS.accid}.`);
  const normalized = normalizeToken(opts.token);
  const findings: Finding[] = describeAll(normalized.issues, ctx.lang);
  if (!normalized.token) {
    const head = findings[0];
    throw new UsageError(head ? `${head.message} ${head.fix}` : 'Not an APNs device token.', head?.id ?? 'token.invalid-format', { findings });
  }
  if (opts.env !== undefined && opts.env !== 'development' && opts.env !== 'production') {
    throw new UsageError(`--env must be development or production, got '${String(opts.env)}'.`);
  }
  const relay = await openRelay(opts, ctx);
  if (relay.kind === 'nim') return explainSdkUpload(relay.url, normalized.token, findings, ctx);
  await ensureAccount(relay.client, opts.accid, ctx);
  const body: Record<string, unknown> = { accid: opts.accid, token: normalized.token };
  if (opts.certName !== undefined) body.certName = opts.certName;
  if (opts.env !== undefined) body.environment = opts.env;
  if (opts.customContentKey !== undefined) body.customContentKey = opts.customContentKey;
  const res = expectOk(await relay.client.callJson('device/updateApnsToken', body), ctx);
  const stored = res.token as DeviceToken;
  // Stored, as the SDK's upload would be, but no push can use it: say so, and exit 1.
  const unknown = Boolean(stored.certName && opts.knownCertNames && !opts.knownCertNames.includes(stored.certName));
  if (unknown) findings.unshift(describe(issue('certname.unknown', { certName: stored.certName, to: opts.accid }), ctx.lang));
  return {
    exitCode: unknown ? 1 : 0,
    data: { ok: !unknown, relay: relay.url, accid: opts.accid.toLowerCase(), token: stored, findings },
    human: (s) =>
      [
        s.ok(`✔ Token ${previewToken(stored.token)} uploaded for ${opts.accid}`) +
          `  cert-name=${stored.certName || '(none)'}  env=${stored.environment}${stored.customContentKey ? `  customContentKey=${stored.customContentKey}` : ''}`,
        findings.length ? formatFindings(findings, s, ctx.lang) : '',
      ]
        .filter(Boolean)
        .join('\n'),
  };
}

/** The NIM cloud has no token-upload API: the app's SDK uploads the token after login. */
function explainSdkUpload(url: string, token: string, findings: Finding[], ctx: Context): CommandResult {
  const message =
    ctx.lang === 'zh'
      ? '云信服务端没有上传 deviceToken 的接口:token 由 App 内的 NIM SDK 在登录后上传。请在 didRegisterForRemoteNotificationsWithDeviceToken: 中调用:'
      : 'The NIM server has no API to upload device tokens: the NIM SDK in the app uploads the token after login. Call this in didRegisterForRemoteNotificationsWithDeviceToken:';
  const hint =
    ctx.lang === 'zh'
      ? '如需在本地试验,请用 `nim-push relay serve` 启动本地中转服务并以 --relay local 运行本命令。'
      : 'To try it locally, start a relay with `nim-push relay serve` and run this command with --relay local.';
  return {
    exitCode: 2,
    data: { ok: false, relay: url, token, error: { code: 'relay.no-token-api', message }, sdkCall: SDK_UPLOAD_CALL, findings },
    human: (s) => [s.warn(message), `    ${s.bold(SDK_UPLOAD_CALL)}`, s.dim(hint)].join('\n'),
  };
}

export interface TokenListOptions extends RelayAccessOptions {
  accid?: string;
}

export async function runTokenList(opts: TokenListOptions, ctx: Context): Promise<CommandResult> {
  const relay = await openRelay(opts, ctx);
  requireLocalRelay(relay, 'token list', ctx);
  const res = expectOk(await relay.client.callJson('device/listApnsTokens', opts.accid ? { accid: opts.accid } : {}), ctx);
  const tokens = res.tokens as Record<string, DeviceToken[]>;
  const rows = Object.entries(tokens).flatMap(([accid, list]) => list.map((t) => ({ accid, ...t })));
  return {
    exitCode: 0,
    data: { ok: true, relay: relay.url, tokens: rows },
    human: (s) =>
      rows.length === 0
        ? s.dim(opts.accid ? `No tokens for ${opts.accid}.` : 'No tokens on the relay.')
        : rows
            .map((r) => `${s.bold(r.accid)}  ${r.token}  cert-name=${r.certName || '(none)'}  env=${r.environment}${r.customContentKey ? `  customContentKey=${r.customContentKey}` : ''}${r.unregistered ? s.warn('  unregistered (APNs 410)') : ''}`)
            .join('\n'),
  };
}

export interface TokenRemoveOptions extends RelayAccessOptions {
  accid: string;
  /** Without a token, every token of the account is removed. */
  token?: string;
}

export async function runTokenRemove(opts: TokenRemoveOptions, ctx: Context): Promise<CommandResult> {
  const relay = await openRelay(opts, ctx);
  requireLocalRelay(relay, 'token remove', ctx);
  const token = opts.token ? (normalizeToken(opts.token).token ?? opts.token) : undefined;
  const res = expectOk(await relay.client.callJson('device/removeApnsToken', token ? { accid: opts.accid, token } : { accid: opts.accid }), ctx);
  const removed = Number(res.removed ?? 0);
  return {
    exitCode: 0,
    data: { ok: true, relay: relay.url, accid: opts.accid.toLowerCase(), removed },
    human: (s) => s.ok(`✔ Removed ${removed} token${removed === 1 ? '' : 's'} of ${opts.accid}`),
  };
}
