/** The NIM server API client (undici): signed form POSTs and the local relay's JSON device endpoints. */
import { randomBytes } from 'node:crypto';
import { request, type Dispatcher } from 'undici';
import { computeCheckSum } from '../core/checksum.js';
import { describe } from '../core/catalogue/index.js';
import { issue, type Lang } from '../core/finding.js';
import type { NimResponse } from '../core/nim/codes.js';
import { UnreachableError } from '../errors.js';

export const DEFAULT_RELAY_TIMEOUT_MS = 5000;
export const START_RELAY_COMMAND = 'nim-push relay serve';

export interface RelayClientOptions {
  baseUrl: string;
  appKey: string;
  appSecret: string;
  /** Per-request timeout covering connect, headers and body (NIM's SDK uses 5 s). */
  timeoutMs?: number;
  lang?: Lang;
  /** Called with a one-line description of each request, CheckSum and secrets redacted (for --verbose). */
  onRequest?: (line: string) => void;
  dispatcher?: Dispatcher;
  /** Epoch milliseconds; injectable so tests can sign with a skewed clock. */
  now?: () => number;
}

export interface RelayClient {
  readonly baseUrl: string;
  /** A NIM server API call: `path` like `msg/sendMsg` (no `.action`). Any code is returned, not thrown. */
  call(path: string, form: Record<string, string>): Promise<NimResponse>;
  /** A local-relay JSON endpoint (device side, state, push log), same auth. */
  callJson(path: string, body: Record<string, unknown>): Promise<NimResponse>;
}

export const actionUrl = (baseUrl: string, path: string): string =>
  `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}.action`;

/** Fresh auth headers for one request: a new Nonce and CurTime each time, as NIM requires. */
export function signHeaders(appKey: string, appSecret: string, nowMs: number): Record<string, string> {
  const nonce = randomBytes(16).toString('hex');
  const curTime = String(Math.floor(nowMs / 1000));
  return { AppKey: appKey, Nonce: nonce, CurTime: curTime, CheckSum: computeCheckSum(appSecret, nonce, curTime) };
}

const SECRET_FORM_KEYS = new Set(['token', 'password', 'appsecret']);

function describeRequest(url: string, headers: Record<string, string>, body: Record<string, unknown>, json: boolean): string {
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) shown[k] = !json && SECRET_FORM_KEYS.has(k.toLowerCase()) ? '[redacted]' : v;
  const head = `AppKey=${headers.AppKey} Nonce=${headers.Nonce} CurTime=${headers.CurTime} CheckSum=[redacted]`;
  return `POST ${url} ${head} ${json ? JSON.stringify(shown) : new URLSearchParams(shown as Record<string, string>).toString()}`;
}

function unreachable(url: string, reason: string, lang: Lang): UnreachableError {
  const found = issue('relay.unreachable', { url, reason, command: START_RELAY_COMMAND });
  const finding = describe(found, lang);
  return new UnreachableError(`${finding.message} ${finding.fix}`, 'relay.unreachable', { findings: [finding] });
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || /timeout/i.test(err?.code ?? '')) return `no answer within ${timeoutMs} ms`;
  return err?.code ?? err?.cause?.code ?? err?.message ?? 'network error';
}

export function createRelayClient(opts: RelayClientOptions): RelayClient {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_RELAY_TIMEOUT_MS;
  const lang = opts.lang ?? 'en';
  const now = opts.now ?? Date.now;

  async function send(path: string, body: Record<string, unknown>, json: boolean): Promise<NimResponse> {
    const url = actionUrl(opts.baseUrl, path);
    const headers = signHeaders(opts.appKey, opts.appSecret, now());
    opts.onRequest?.(describeRequest(url, headers, body, json));
    const payload = json ? JSON.stringify(body) : new URLSearchParams(body as Record<string, string>).toString();
    const contentType = json ? 'application/json;charset=utf-8' : 'application/x-www-form-urlencoded;charset=utf-8';
    let status: number;
    let text: string;
    try {
      const res = await request(url, {
        method: 'POST',
        headers: { ...headers, 'content-type': contentType },
        body: payload,
        signal: AbortSignal.timeout(timeoutMs),
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        dispatcher: opts.dispatcher,
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (error) {
      throw unreachable(opts.baseUrl, reasonOf(error, timeoutMs), lang);
    }
    return parseResponse(status, text);
  }

  return {
    baseUrl: opts.baseUrl,
    call: (path, form) => send(path, form, false),
    callJson: (path, body) => send(path, body, true),
  };
}

/** Every NIM answer is `{code,…}`; anything else (a proxy's HTML page, say) becomes a relay error with the HTTP status. */
export function parseResponse(status: number, text: string): NimResponse {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && typeof (value as NimResponse).code === 'number') return value as NimResponse;
  } catch {
    // not JSON: reported below
  }
  return { code: status === 200 ? 500 : status, desc: `unexpected HTTP ${status} answer that is not NIM JSON` };
}
