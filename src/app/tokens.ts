/** Device tokens on the relay, as the SDK's `updateApnsToken:` (or `updatePushKitToken:`) uploads them. */
import type { Context } from '../context.js';
import { describe, describeAll } from '../core/catalogue/index.js';
import { bilingual, UsageError } from '../core/errors.js';
import { issue, type Finding } from '../core/finding.js';
import { accidProblem, ACCID_MAX } from '../core/nim/accid.js';
import type { DeviceToken } from '../core/nim/wire-relay.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { normalizeToken } from '../core/token.js';
import type { TokenAddData, TokenListData, TokenRemoveData, TokenSdkData } from '../output/token-view.js';
import { ensureAccount, expectOk, openRelay, requireDeviceApi, type RelayAccessOptions } from './nim-access.js';

/** The calls from the NIM guide ("实现离线推送", step 4) and the SDK headers that upload tokens from the app. */
export const SDK_UPLOAD_CALL = '[[NIMSDK sharedSDK] updateApnsToken:deviceToken customContentKey:nil];';
export const SDK_PUSHKIT_CALL = '[[NIMSDK sharedSDK] updatePushKitToken:pushKitToken];';

export interface TokenAddOptions extends RelayAccessOptions {
  accid: string;
  token: string;
  certName?: string;
  env?: ApnsEnvironment;
  /** `undefined` keeps the key already stored; `''` clears it. */
  customContentKey?: string;
  /** A PushKit (VoIP) token, uploaded under a PushKit certificate name (`pkCername`). */
  voip?: boolean;
  /** The certificate names the app has (the profile's); a token under another name cannot be pushed. */
  knownCertNames?: string[];
  /** Which of those are PushKit certificate names. */
  voipCertNames?: string[];
}

function checkAccid(accid: string): void {
  const problem = accidProblem(accid);
  if (problem === 'too-long') throw new UsageError(bilingual(`The account id '${accid}' has ${accid.length} characters; NIM allows at most ${ACCID_MAX}.`, `账号 '${accid}' 有 ${accid.length} 个字符,云信最多允许 ${ACCID_MAX} 个。`));
  if (problem) throw new UsageError(bilingual(`'${accid}' is not a NIM account id: letters, digits and _ . @ - only.`, `'${accid}' 不是合法的云信 accid:只能包含字母、数字和 _ . @ -。`));
}

export async function tokenAdd(opts: TokenAddOptions, ctx: Context): Promise<TokenAddData | TokenSdkData> {
  checkAccid(opts.accid);
  const normalized = normalizeToken(opts.token);
  const findings: Finding[] = describeAll(normalized.issues, ctx.lang);
  if (!normalized.token) {
    const head = findings[0];
    throw new UsageError(head ? `${head.message} ${head.fix}` : bilingual('Not an APNs device token.', '不是 APNs 设备 token。'), head?.id ?? 'token.invalid-format', { findings });
  }
  const relay = await openRelay(opts, ctx);
  if (!(await relay.deviceApi())) {
    return { ok: false, relay: relay.url, token: normalized.token, error: { code: 'relay.no-token-api', message: '' }, sdkCall: opts.voip ? SDK_PUSHKIT_CALL : SDK_UPLOAD_CALL, findings };
  }
  await ensureAccount(relay, opts.accid, ctx);
  const body: Record<string, unknown> = { accid: opts.accid, token: normalized.token };
  if (opts.certName !== undefined) body.certName = opts.certName;
  if (opts.env !== undefined) body.environment = opts.env;
  if (opts.customContentKey !== undefined) body.customContentKey = opts.customContentKey;
  if (opts.voip) body.kind = 'pushkit';
  const call = await relay.client.private('device/updateApnsToken', body);
  const stored = expectOk(call.answer, ctx, call).token as DeviceToken;
  // Stored, as the SDK's upload would be, but no push can use it: say so, and exit 1.
  const unknown = Boolean(stored.certName && opts.knownCertNames && !opts.knownCertNames.includes(stored.certName));
  if (unknown) findings.unshift(describe(issue('certname.unknown', { certName: stored.certName, to: opts.accid }), ctx.lang));
  const voipName = Boolean(stored.certName && opts.voipCertNames?.includes(stored.certName));
  if (!unknown && opts.knownCertNames && stored.certName && voipName !== Boolean(opts.voip)) {
    findings.unshift(describe(issue(opts.voip ? 'token.pushkit-under-apns-cert' : 'token.apns-under-pushkit-cert', { certName: stored.certName, to: opts.accid }), ctx.lang));
  }
  const failed = findings.some((f) => f.severity === 'error');
  return { ok: !failed, relay: relay.url, accid: opts.accid.toLowerCase(), token: stored, findings };
}

export async function tokenList(opts: RelayAccessOptions & { accid?: string }, ctx: Context): Promise<TokenListData> {
  const relay = await openRelay(opts, ctx);
  await requireDeviceApi(relay, 'token list');
  const call = await relay.client.private('device/listApnsTokens', opts.accid ? { accid: opts.accid } : {});
  const tokens = expectOk(call.answer, ctx, call).tokens as Record<string, DeviceToken[]>;
  return { ok: true, relay: relay.url, tokens: Object.entries(tokens).flatMap(([accid, list]) => list.map((t) => ({ accid, ...t }))) };
}

export async function tokenRemove(opts: RelayAccessOptions & { accid: string; token?: string }, ctx: Context): Promise<TokenRemoveData> {
  const relay = await openRelay(opts, ctx);
  await requireDeviceApi(relay, 'token remove');
  const token = opts.token ? (normalizeToken(opts.token).token ?? opts.token) : undefined;
  const call = await relay.client.private('device/removeApnsToken', token ? { accid: opts.accid, token } : { accid: opts.accid });
  const removed = Number(expectOk(call.answer, ctx, call).removed ?? 0);
  return { ok: true, relay: relay.url, accid: opts.accid.toLowerCase(), removed };
}
