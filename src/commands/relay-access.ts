/** Shared by the relay commands: finding the relay, signing in to it, and turning refusals into findings. */
import { createRelayClient, START_RELAY_COMMAND, type RelayClient } from '../adapters/relay-client.js';
import { resolveLocalRelayUrl } from '../adapters/service-registry.js';
import { describe } from '../core/catalogue/index.js';
import { issue, type Finding } from '../core/finding.js';
import { issueForResponse, type NimResponse } from '../core/nim/codes.js';
import { RELAY_HOSTS } from '../core/profile.js';
import { scrub } from '../core/redact.js';
import type { Context } from '../context.js';
import { CheckFailedError, UnreachableError, UsageError } from '../errors.js';

export interface RelayAccessOptions {
  /** The profile's relay (`local`, `nim`, `nim-sg` or a URL), or `--relay`. */
  relay?: string;
  /** An already resolved base URL; wins over `relay`. */
  relayUrl?: string;
  appKey: string;
  appSecret: string;
  /** Default 5000 ms. */
  timeoutMs?: number;
}

/** `nim`: the NetEase cloud (no device-side API); `local`: a relay started by `relay serve`. */
export type RelayKind = 'local' | 'nim' | 'url';

export interface OpenRelay {
  client: RelayClient;
  url: string;
  kind: RelayKind;
}

export const isNimCloud = (url: string): boolean => {
  try {
    return /(^|\.)netease\.im$|(^|\.)yunxinapi\.com$/.test(new URL(url).hostname);
  } catch {
    return false;
  }
};

async function resolveUrl(opts: RelayAccessOptions, ctx: Context): Promise<{ url: string; kind: RelayKind }> {
  if (opts.relayUrl) return { url: opts.relayUrl, kind: isNimCloud(opts.relayUrl) ? 'nim' : 'url' };
  const relay = opts.relay ?? 'local';
  if (relay === 'local') {
    const found = await resolveLocalRelayUrl(ctx.configDir, ctx.env);
    if (found.url) return { url: found.url, kind: 'local' };
    const finding = describe(issue('relay.unreachable', { url: `local (${ctx.configDir})`, reason: 'no relay is running', command: START_RELAY_COMMAND }), ctx.lang);
    throw new UnreachableError(`${finding.message} ${finding.fix}`, 'relay.unreachable', { findings: [finding] });
  }
  if (RELAY_HOSTS[relay]) return { url: RELAY_HOSTS[relay], kind: 'nim' };
  try {
    const url = new URL(relay);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    throw new UsageError(`--relay must be local, nim, nim-sg or an http(s) URL, got '${relay}'.`);
  }
  return { url: relay, kind: isNimCloud(relay) ? 'nim' : 'url' };
}

export async function openRelay(opts: RelayAccessOptions, ctx: Context): Promise<OpenRelay> {
  const { url, kind } = await resolveUrl(opts, ctx);
  const client = createRelayClient({
    baseUrl: url,
    appKey: opts.appKey,
    appSecret: opts.appSecret,
    timeoutMs: opts.timeoutMs,
    lang: ctx.lang,
    onRequest: (line) => ctx.log.debug(scrub(line, [opts.appSecret])),
  });
  return { client, url, kind };
}

/** The finding for a refused call (`relay.auth-failed`, `relay.forbidden`, …). */
export const relayFinding = (res: NimResponse, ctx: Context): Finding => describe(issueForResponse(res), ctx.lang);

/** Throws exit 1 with the relay finding unless the answer is code 200. */
export function expectOk(res: NimResponse, ctx: Context): NimResponse {
  if (res.code === 200) return res;
  const finding = relayFinding(res, ctx);
  throw new CheckFailedError(finding.id, finding.message, { findings: [finding], relayCode: res.code });
}

/** Device-side operations exist only on the local relay (and compatible servers). */
export function requireLocalRelay(relay: OpenRelay, what: string, ctx: Context): void {
  if (relay.kind !== 'nim') return;
  throw new UsageError(
    ctx.lang === 'zh'
      ? `${what} 需要本地中转服务(\`${START_RELAY_COMMAND}\`):云信服务端没有对应的接口。`
      : `${what} needs the local relay (\`${START_RELAY_COMMAND}\`): the NIM cloud has no such API.`,
    'relay.local-only',
  );
}

/** Creates the account if it is missing, so helpers work on a fresh relay; "already registered" is fine. */
export async function ensureAccount(client: RelayClient, accid: string, ctx: Context): Promise<void> {
  const res = await client.call('user/create', { accid });
  if (res.code === 200 || (res.code === 414 && /already/i.test(String(res.desc)))) return;
  expectOk(res, ctx);
}
