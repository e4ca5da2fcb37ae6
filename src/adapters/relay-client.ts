/**
 * The NIM server API client (undici), with NetEase's conventions on the wire as its own server SDK
 * (yunxin-server-sdk-golang v1.0.0, `src/core/yunxin_http_client.go`) has them: AppKey, a fresh
 * 32-hex Nonce, CurTime and CheckSum on every attempt; a trace id per request (`RequestId` for v1,
 * `X-custom-traceid` for v2) kept across its retry; one retry, only after HTTP 502 or a connection
 * error or timeout, on the next host. v1 is a signed form POST, v2 a signed JSON call, and the
 * local relay's own API a signed JSON POST.
 */
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { getGlobalDispatcher, type Dispatcher } from 'undici';
import { computeCheckSum } from '../core/checksum.js';
import { describe } from '../core/catalogue/index.js';
import { UnreachableError } from '../core/errors.js';
import { issue, type Lang } from '../core/finding.js';
import type { NimResponse } from '../core/nim/codes.js';
import { PUSH_REPORT_HEADER } from '../core/nim/wire-relay.js';
import type { ProxySetting } from '../core/proxy.js';
import { VERSION } from '../core/version.js';
import { proxiedDispatcher, type ProxiedDispatcher } from './relay-proxy.js';

export const DEFAULT_RELAY_TIMEOUT_MS = 5000;
import { START_RELAY_COMMAND } from '../core/relay-command.js';

export interface RelayClientOptions {
  /** The base URL (…/nimserver). */
  baseUrl: string;
  /** Further base URLs a retried request moves to, in order (NetEase's backup hosts). */
  backupUrls?: string[];
  appKey: string;
  appSecret: string;
  /** Per-attempt timeout covering connect, headers and body (NetEase's SDK uses 5 s). */
  timeoutMs?: number;
  lang?: Lang;
  /** A one-line description of each attempt, CheckSum and secrets redacted (for --verbose). */
  onRequest?: (line: string) => void;
  dispatcher?: Dispatcher;
  /** An HTTP proxy to reach the server through (CONNECT); ignored when `dispatcher` is given. */
  proxy?: ProxySetting;
  /** Epoch milliseconds; injectable so tests can sign with a skewed clock. */
  now?: () => number;
}

/** One answered request: the parsed answer and what a support engineer quotes to NetEase. */
export interface NimCall<A = NimResponse> {
  answer: A;
  /** The request's trace id (`RequestId` / `X-custom-traceid`). */
  traceId: string;
  /** The base URL that answered. */
  url: string;
  httpStatus: number;
  /** The server's `Date` header, when it sent one (for clock checks). */
  date?: string;
  /** false when the answer was not a NIM answer (not HTTP 200 with a JSON object holding a numeric code). */
  nim: boolean;
}

export type V2Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface RelayClient {
  readonly baseUrl: string;
  /** A v1 call: `path` like `msg/sendMsg` (no `.action`). Any code is returned, not thrown. */
  v1(path: string, form: Record<string, string>): Promise<NimCall>;
  /** A v2 call: `path` like `/im/v2/accounts/bob` (segments already encoded). */
  v2(method: V2Method, path: string, opts?: { query?: Record<string, string>; body?: unknown }): Promise<NimCall<Record<string, unknown>>>;
  /** The local relay's own JSON API (device side, push log, capabilities), same auth. */
  private(path: string, body: Record<string, unknown>): Promise<NimCall>;
  /** `v1(...)`'s answer alone. */
  call(path: string, form: Record<string, string>): Promise<NimResponse>;
  /** `private(...)`'s answer alone. */
  callJson(path: string, body: Record<string, unknown>): Promise<NimResponse>;
}

export const actionUrl = (baseUrl: string, path: string): string => `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}.action`;

export const newTraceId = (): string => randomBytes(16).toString('hex');

/** Fresh auth headers for one attempt: a new Nonce and CurTime each time, as NIM requires. */
export function signHeaders(appKey: string, appSecret: string, nowMs: number): Record<string, string> {
  const nonce = randomBytes(16).toString('hex');
  const curTime = String(Math.floor(nowMs / 1000));
  return { AppKey: appKey, Nonce: nonce, CurTime: curTime, CheckSum: computeCheckSum(appSecret, nonce, curTime) };
}

const SECRET_KEYS = new Set(['token', 'password', 'appsecret']);

function shownBody(body: Record<string, unknown> | undefined): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body ?? {})) shown[k] = SECRET_KEYS.has(k.toLowerCase()) ? '[redacted]' : v;
  return shown;
}

function unreachable(url: string, reason: string, traceId: string, lang: Lang): UnreachableError {
  const finding = describe(issue('relay.unreachable', { url, reason, command: START_RELAY_COMMAND }), lang);
  return new UnreachableError(`${finding.message} ${finding.fix}`, 'relay.unreachable', { findings: [finding], traceId });
}

function proxyUnreachable(proxy: ProxySetting, target: string, reason: string, traceId: string, lang: Lang): UnreachableError {
  const finding = describe(issue('proxy.unreachable', { proxy: proxy.shown, target, reason }), lang);
  return new UnreachableError(`${finding.message} ${finding.fix}`, 'proxy.unreachable', { findings: [finding], traceId });
}

function reasonOf(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; code?: string; message?: string; cause?: { code?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError' || /timeout/i.test(err?.code ?? '')) return `no answer within ${timeoutMs} ms`;
  return err?.code ?? err?.cause?.code ?? err?.message ?? 'network error';
}

/** Every NIM answer is HTTP 200 with `{code,…}`; anything else (a proxy's page, a gateway's 404) is not one. */
export function parseResponse(status: number, text: string): NimResponse {
  return parseAnswer(status, text).answer;
}

function parseAnswer(status: number, text: string): { answer: NimResponse; nim: boolean } {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && typeof (value as NimResponse).code === 'number') {
      return { answer: value as NimResponse, nim: status === 200 };
    }
  } catch {
    // not JSON: reported below
  }
  return { answer: { code: status === 200 ? 500 : status, desc: `unexpected HTTP ${status} answer that is not NIM JSON` }, nim: false };
}

interface Wire {
  method: V2Method;
  /** The path after the base URL, with its query. */
  path: string;
  traceHeader: 'RequestId' | 'X-custom-traceid';
  contentType?: string;
  payload?: string;
  /** For --verbose. */
  shown: string;
}

/**
 * undici parses HTTP with WebAssembly, which V8 re-compiles with its optimising tier in the
 * background, and Node waits for that compile (~0.1 s here) before a process can end. A CLI run
 * makes a handful of requests, for which V8's baseline compiler is plenty. Set once, when the
 * first client is made: code compiled before keeps the flags it was compiled with.
 */
let baselineWasm = false;
function preferBaselineWasm(): void {
  if (baselineWasm) return;
  baselineWasm = true;
  setFlagsFromString('--liftoff-only');
}

export function createRelayClient(opts: RelayClientOptions): RelayClient {
  preferBaselineWasm();
  const timeoutMs = opts.timeoutMs ?? DEFAULT_RELAY_TIMEOUT_MS;
  const lang = opts.lang ?? 'en';
  const now = opts.now ?? Date.now;
  const bases = [opts.baseUrl, ...(opts.backupUrls ?? [])].map((u) => u.replace(/\/+$/, ''));
  const proxied: ProxiedDispatcher | undefined = opts.proxy && !opts.dispatcher ? proxiedDispatcher(opts.proxy, timeoutMs, opts.onRequest) : undefined;
  const dispatcher = opts.dispatcher ?? proxied?.dispatcher;

  async function attempt(base: string, wire: Wire, traceId: string): Promise<{ status: number; text: string; date?: string }> {
    const headers: Record<string, string> = {
      ...signHeaders(opts.appKey, opts.appSecret, now()),
      [wire.traceHeader]: traceId,
      'User-Agent': `nim-push/${VERSION}`,
      // The local relay then says what it did with a message (NetEase ignores the header).
      [PUSH_REPORT_HEADER]: '1',
      ...(wire.contentType ? { 'content-type': wire.contentType } : {}),
    };
    opts.onRequest?.(`${wire.method} ${base}${wire.path} ${wire.traceHeader}=${traceId} AppKey=${headers.AppKey} Nonce=${headers.Nonce} CurTime=${headers.CurTime} CheckSum=[redacted] ${wire.shown}`);
    const url = new URL(`${base}${wire.path}`);
    const res = await (dispatcher ?? getGlobalDispatcher()).request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: wire.method,
      headers,
      body: wire.payload,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const date = res.headers.date;
    return { status: res.statusCode, text: await res.body.text(), date: typeof date === 'string' ? date : undefined };
  }

  /** One request: a second attempt, re-signed and on the next host, only after a 502 or a transport failure. */
  async function send(wire: Wire): Promise<NimCall> {
    const traceId = newTraceId();
    let lastError: unknown;
    for (let i = 0; i < 2; i++) {
      const base = bases[i % bases.length];
      try {
        const got = await attempt(base, wire, traceId);
        if (got.status === 502 && i === 0) continue;
        const parsed = parseAnswer(got.status, got.text);
        return { answer: parsed.answer, traceId, url: base, httpStatus: got.status, nim: parsed.nim, ...(got.date ? { date: got.date } : {}) };
      } catch (error) {
        lastError = error;
      }
    }
    if (lastError === undefined) {
      // Two 502s: the answer of the second is what there is.
      return { answer: { code: 502, desc: 'HTTP 502 bad gateway, twice' }, traceId, url: bases[1 % bases.length], httpStatus: 502, nim: false };
    }
    const proxyFailure = proxied?.failure() ?? (proxied && !proxied.opened() ? reasonOf(lastError, timeoutMs) : undefined);
    if (opts.proxy && proxyFailure) throw proxyUnreachable(opts.proxy, new URL(opts.baseUrl).host, proxyFailure, traceId, lang);
    throw unreachable(opts.baseUrl, `${reasonOf(lastError, timeoutMs)}${opts.proxy ? ` (through the proxy ${opts.proxy.shown})` : ''}`, traceId, lang);
  }

  const v1 = (path: string, form: Record<string, string>): Promise<NimCall> =>
    send({
      method: 'POST',
      path: actionUrl('', path),
      traceHeader: 'RequestId',
      contentType: 'application/x-www-form-urlencoded;charset=utf-8',
      payload: new URLSearchParams(form).toString(),
      shown: new URLSearchParams(shownBody(form) as Record<string, string>).toString(),
    });
  const privateCall = (path: string, body: Record<string, unknown>): Promise<NimCall> =>
    send({
      method: 'POST',
      path: actionUrl('', path),
      traceHeader: 'RequestId',
      contentType: 'application/json;charset=utf-8',
      payload: JSON.stringify(body),
      shown: JSON.stringify(shownBody(body)),
    });

  return {
    baseUrl: opts.baseUrl,
    v1,
    private: privateCall,
    async v2(method, path, o = {}) {
      const query = o.query && Object.keys(o.query).length ? `?${new URLSearchParams(o.query).toString()}` : '';
      const withBody = method !== 'GET' && o.body !== undefined;
      const call = await send({
        method,
        path: `${path}${query}`,
        traceHeader: 'X-custom-traceid',
        ...(withBody ? { contentType: 'application/json;charset=utf-8', payload: JSON.stringify(o.body) } : {}),
        shown: withBody ? JSON.stringify(shownBody(o.body as Record<string, unknown>)) : '',
      });
      return call as NimCall<Record<string, unknown>>;
    },
    call: async (path, form) => (await v1(path, form)).answer,
    callJson: async (path, body) => (await privateCall(path, body)).answer,
  };
}
