/**
 * Reaching the NIM server API for a profile: which relay (`local`, `nim`, `nim-sg` or a URL),
 * with NetEase's hosts and backups for the cloud, the App Key and Secret, the API version, and
 * whether the relay offers nim-push's own device API (asked, never guessed from an error).
 */
import type { Context } from '../context.js';
import { describe } from '../core/catalogue/index.js';
import { bilingual, CheckFailedError, CliError, UnreachableError, UsageError } from '../core/errors.js';
import { clockOffset, skewIssue } from '../core/clock-skew.js';
import { issue, type Finding, type Issue } from '../core/finding.js';
import { issueForResponse, isSignatureFailure, type NimResponse } from '../core/nim/codes.js';
import { capabilitiesRequest, offersDeviceApi } from '../core/nim/facts-relay.js';
import { NIM_REGIONS, isNimCloudUrl, isNimRegion, regionOfUrl } from '../core/nim/hosts.js';
import type { NimApi, Profile } from '../core/profile.js';
import { scrub } from '../core/redact.js';
import { proxyFor } from './network.js';
import type { NimCall, RelayClient } from '../adapters/relay-client.js';
import { START_RELAY_COMMAND } from '../core/relay-command.js';
import { resolveLocalRelayUrl } from '../adapters/service-registry.js';
import { loadProfile, resolveAppSecret } from './profiles.js';

export interface RelayAccessOptions {
  /** The profile's relay (`local`, `nim`, `nim-sg` or a URL), or `--relay`. */
  relay?: string;
  /** An already resolved base URL; wins over `relay`. */
  relayUrl?: string;
  appKey: string;
  appSecret: string;
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Default v1 (the API profiles made before v2 speak). */
  api?: NimApi;
}

/** `cloud`: NetEase's hosts (documented endpoints only); `local`: a relay started by `relay serve`; `url`: anything else. */
export type RelayKind = 'local' | 'cloud' | 'url';

export interface OpenRelay {
  client: RelayClient;
  url: string;
  kind: RelayKind;
  api: NimApi;
  /** Whether it offers nim-push's own device API (asked once, at `nim-push/capabilities`). */
  deviceApi(): Promise<boolean>;
}

export const isNimApi = (value: unknown): value is NimApi => value === 'v1' || value === 'v2';

/** Relay access from the profile, with `--relay`, `--timeout` and `--api` overrides. */
export function relayAccessFromProfile(ctx: Context, opts: { relay?: string; timeout?: string; api?: string }, profile: Profile = loadProfile(ctx).profile): RelayAccessOptions {
  const timeout = opts.timeout === undefined ? undefined : Number(opts.timeout);
  if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0)) throw new UsageError(bilingual('--timeout takes milliseconds, e.g. 5000.', '--timeout 的单位是毫秒,例如 5000。'));
  if (opts.api !== undefined && !isNimApi(opts.api)) throw new UsageError(bilingual(`--api must be v1 or v2, got '${opts.api}'.`, `--api 只能是 v1 或 v2,收到 '${opts.api}'。`));
  return {
    relay: opts.relay ?? profile.relay,
    appKey: profile.appKey,
    appSecret: resolveAppSecret(profile, ctx.env),
    api: (opts.api as NimApi | undefined) ?? profile.api ?? 'v1',
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
  };
}

function noLocalRelay(ctx: Context): UnreachableError {
  const finding = describe(issue('relay.unreachable', { url: `local (${ctx.configDir})`, reason: ctx.lang === 'zh' ? '没有正在运行的中转服务' : 'no relay is running', command: START_RELAY_COMMAND }), ctx.lang);
  return new UnreachableError(`${finding.message} ${finding.fix}`, 'relay.unreachable', { findings: [finding] });
}

/** The base URLs to try, in order, and what kind of relay they are. */
async function resolveUrls(opts: RelayAccessOptions, ctx: Context): Promise<{ urls: string[]; kind: RelayKind }> {
  const cloud = (url: string): { urls: string[]; kind: RelayKind } => {
    const region = regionOfUrl(url);
    // Older hosts (api.netease.im) keep working: they stand for their region's hosts and backups.
    return region ? { urls: [NIM_REGIONS[region].primary, ...NIM_REGIONS[region].backups], kind: 'cloud' } : { urls: [url], kind: 'cloud' };
  };
  const given = opts.relayUrl ?? opts.relay ?? 'local';
  if (!opts.relayUrl && given === 'local') {
    const found = await resolveLocalRelayUrl(ctx.configDir, ctx.env);
    if (!found.url) throw noLocalRelay(ctx);
    return { urls: [found.url], kind: 'local' };
  }
  if (isNimRegion(given)) return { urls: [NIM_REGIONS[given].primary, ...NIM_REGIONS[given].backups], kind: 'cloud' };
  try {
    const url = new URL(given);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(bilingual(`--relay must be local, nim, nim-sg or an http(s) URL, got '${given}'.`, `--relay 只能是 local、nim、nim-sg 或 http(s) 地址,收到 '${given}'。`));
  }
  return isNimCloudUrl(given) ? cloud(given) : { urls: [given], kind: 'url' };
}

export async function openRelay(opts: RelayAccessOptions, ctx: Context): Promise<OpenRelay> {
  const { urls, kind } = await resolveUrls(opts, ctx);
  // Loaded here, not at start-up: commands that only build relay settings never pay for undici.
  const { createRelayClient } = await import('../adapters/relay-client.js');
  const client = createRelayClient({
    baseUrl: urls[0],
    backupUrls: urls.slice(1),
    appKey: opts.appKey,
    appSecret: opts.appSecret,
    timeoutMs: opts.timeoutMs,
    lang: ctx.lang,
    ...(kind === 'local' ? {} : { proxy: proxyFor(urls[0], ctx) }),
    onRequest: (line) => ctx.log.debug(scrub(line, [opts.appSecret])),
  });
  let offered: Promise<boolean> | undefined;
  return {
    client,
    url: urls[0],
    kind,
    api: opts.api ?? 'v1',
    deviceApi() {
      // NetEase's hosts serve only their documented API: no need to ask them.
      if (kind === 'cloud') return Promise.resolve(false);
      offered ??= client
        .private(capabilitiesRequest.path, {})
        .then((call) => {
          // Only "no such API" (or a page that is not NIM's) means no device API; a refused
          // signature or any other error is that error, never a "no".
          if (call.nim && call.answer.code !== 200 && call.answer.code !== 404) expectOk(call.answer, ctx, call);
          return call.nim && offersDeviceApi(call.answer);
        })
        .catch((error: unknown) => {
          if (error instanceof CliError) throw error;
          return false;
        });
      return offered;
    },
  };
}

/** The finding for a refused call (`relay.auth-failed`, `relay.forbidden`, …). */
export const relayFinding = (res: NimResponse, ctx: Pick<Context, 'lang'>): Finding => describe(issueForResponse(res), ctx.lang);

/** `clock.skew` when the server refused the signature and its `Date` shows this machine's clock off. */
export function signatureSkew(res: NimResponse, call: Pick<NimCall, 'date' | 'url'>): Issue | undefined {
  return isSignatureFailure(res) ? skewIssue(clockOffset(call.date, Date.now()), new URL(call.url).host) : undefined;
}

/** Throws exit 1 with the relay finding (and the clock skew behind a refused signature) unless the answer is code 200. */
export function expectOk(res: NimResponse, ctx: Pick<Context, 'lang'>, call?: Pick<NimCall, 'traceId' | 'date' | 'url'>): NimResponse {
  if (res.code === 200) return res;
  const finding = relayFinding(res, ctx);
  const skew = call ? signatureSkew(res, call) : undefined;
  const findings = skew ? [describe(skew, ctx.lang), finding] : [finding];
  const message = skew ? `${finding.message} ${findings[0].message}` : finding.message;
  throw new CheckFailedError(finding.id, message, { findings, relayCode: res.code, ...(call ? { traceId: call.traceId } : {}) });
}

/** Device-side operations need a relay that offers nim-push's device API (the local relay does; NetEase does not). */
export async function requireDeviceApi(relay: OpenRelay, what: string): Promise<void> {
  if (await relay.deviceApi()) return;
  throw new UsageError(
    bilingual(
      `${what} needs a relay with nim-push's device API, such as the local relay (\`${START_RELAY_COMMAND}\`): ${relay.url} offers only NetEase's documented endpoints.`,
      `${what} 需要提供 nim-push 设备接口的中转服务,例如本地中转服务(\`${START_RELAY_COMMAND}\`):${relay.url} 只提供网易云信公开的接口。`,
    ),
    'relay.local-only',
  );
}

/** Creates the account if it is missing, so helpers work on a fresh local relay; "already registered" is fine. */
export async function ensureAccount(relay: OpenRelay, accid: string, ctx: Context): Promise<void> {
  if (relay.api === 'v2') {
    const call = await relay.client.v2('POST', '/im/v2/accounts', { body: { account_id: accid } });
    if (call.answer.code === 200 || call.answer.code === 102405) return;
    expectOk({ code: Number(call.answer.code), desc: String(call.answer.msg ?? '') }, ctx, call);
    return;
  }
  const call = await relay.client.v1('user/create', { accid });
  if (call.answer.code === 200 || (call.answer.code === 414 && /already/i.test(String(call.answer.desc)))) return;
  expectOk(call.answer, ctx, call);
}
