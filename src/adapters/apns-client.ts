/**
 * Sends APNs requests built by `core/apns` through @parse/node-apn, one token per call, with
 * Apple's retry guidance, and turns node-apn's answers into per-token results and findings.
 */
import apn from '@parse/node-apn';
import type { ApnMaterial } from '../core/credentials/inspect.js';
import { issue, type Issue } from '../core/finding.js';
import type { ApnsRequest } from '../core/apns/request.js';
import { backoffDelay, DEFAULT_BACKOFF, isRetryable, issueForFailure, type ApnsFailure, type BackoffPolicy } from '../core/apns/response.js';
import { clockOffset, skewIssue } from '../core/clock-skew.js';
import { createProvider, endpointAuthority, type ApnsEndpointOptions, type ApnsProvider } from './apns-provider.js';
import { observeResponseDates } from './apns-session-patch.js';
import type { ProxyTunnelError } from './proxy-tunnel.js';

export { ApnsSetupError, type ApnsEndpointOptions } from './apns-provider.js';

export interface ApnsClientOptions extends ApnsEndpointOptions {
  material: ApnMaterial;
  retry?: Partial<BackoffPolicy>;
  /** Injected in tests; default Math.random / setTimeout. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Debug lines (retries, transport errors). */
  log?: (line: string) => void;
}

/** One token's outcome. */
export interface ApnsSendResult {
  /** The device token. */
  recipient: string;
  status: 'sent' | 'failed';
  apnsId?: string;
  /** Sandbox only: the id to look the push up in Apple's delivery log. */
  apnsUniqueId?: string;
  httpStatus?: number;
  reason?: string;
  /** 410 answers: when the token stopped being valid (epoch ms). */
  timestamp?: number;
  attempts: number;
  /** The endpoint could not be reached at all (connection refused, DNS, TLS trust). */
  unreachable?: boolean;
  /** The `date` header of the server's last answer, when it sent one (for clock checks). */
  serverDate?: string;
  findings: Issue[];
}

export interface ApnsClient {
  send(request: ApnsRequest): Promise<ApnsSendResult>;
  close(): Promise<void>;
}

type Entry = Record<string, unknown>;

const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EADDRNOTAVAIL|CERT_|UNABLE_TO_(GET|VERIFY)|SELF_SIGNED|DEPTH_ZERO|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_|alert (number|handshake)|before secure TLS connection/;

/** Error messages and codes along a VError/`cause` chain, joined for matching and display. */
function describeChain(error: unknown): string {
  // VError messages already carry their causes' messages; the causes add only their codes.
  const messages: string[] = [];
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const e = current as { message?: string; code?: string; cause?: unknown };
    if (e.message && !messages.some((m) => m.includes(e.message as string))) messages.push(e.message);
    if (e.code && !codes.includes(e.code)) codes.push(e.code);
    current = typeof e.cause === 'function' ? (e.cause as () => unknown)() : e.cause;
  }
  const text = messages.join(' <- ');
  const extra = codes.filter((c) => !text.includes(c));
  return extra.length ? `${text} [${extra.join(', ')}]` : text;
}

/** What went wrong, from one entry of node-apn's `failed` list. */
export function toFailure(entry: Entry): ApnsFailure {
  const response = (entry.response ?? {}) as { reason?: unknown; timestamp?: unknown };
  const error = entry.error as Error | undefined;
  const message = error?.message ?? '';
  const status = typeof entry.status === 'number' ? entry.status : Number(/with status (\d{3})/.exec(message)?.[1]) || undefined;
  if (status !== undefined) {
    let reason = typeof response.reason === 'string' ? response.reason : undefined;
    // node-apn swallows the body of these two answers and keeps only an error message.
    if (!reason && message === 'ExpiredProviderToken') reason = 'ExpiredProviderToken';
    if (!reason && status === 500 && message.startsWith('Error 500')) reason = 'InternalServerError';
    const timestamp = typeof response.timestamp === 'number' ? response.timestamp : Number(response.timestamp) || undefined;
    return { status, reason, timestamp };
  }
  const detail = describeChain(error) || 'no answer';
  return { transport: UNREACHABLE.test(detail) ? 'unreachable' : 'lost', detail };
}

/** APNs answers a provider token signed on a wrong clock with these. */
const CLOCK_REASONS: ReadonlySet<string> = new Set(['ExpiredProviderToken', 'InvalidProviderToken']);

/** `clock.skew` beside a provider-token refusal when the server's Date shows this clock is off. */
function clockFindings(failure: ApnsFailure, serverDate: string | undefined, server: string): Issue[] {
  if (!failure.reason || !CLOCK_REASONS.has(failure.reason)) return [];
  const skew = skewIssue(clockOffset(serverDate, Date.now()), server);
  return skew ? [skew] : [];
}

/** What node-apn's client writes for one request: its headers and the exact body. */
export interface WireNotification {
  headers: Record<string, string>;
  body: string;
}

/** node-apn's per-connection client; `write` is what `Provider.send` calls once per token. */
interface NodeApnWriter {
  write(notification: WireNotification, token: string, type: 'device', method: 'post'): Promise<Entry>;
}

/**
 * The headers node-apn's Notification would put on the wire for these request headers (the same
 * fields, skipped when empty), without the per-token `apns-id`.
 */
function toWireHeaders(h: ApnsRequest['headers']): Record<string, string> {
  const wire: Record<string, string> = {};
  const priority = Number(h['apns-priority']);
  if (Number.isInteger(priority)) wire['apns-priority'] = String(priority);
  if (h['apns-collapse-id']) wire['apns-collapse-id'] = h['apns-collapse-id'];
  const expiry = h['apns-expiration'] !== undefined ? Number(h['apns-expiration']) : -1;
  if (expiry >= 0) wire['apns-expiration'] = String(expiry);
  if (h['apns-topic']) wire['apns-topic'] = h['apns-topic'];
  if (h['apns-push-type']) wire['apns-push-type'] = h['apns-push-type'];
  return wire;
}

/**
 * Remembers the last input and its output. A bulk send passes the same headers and payload
 * objects for every token, so the wire headers and the JSON body are made once per send rather
 * than once per token; a caller with fresh objects per request pays what it paid before.
 */
function memoizeLast<K extends object, V>(make: (key: K) => V): (key: K) => V {
  let lastKey: K | undefined;
  let lastValue: V | undefined;
  return (key) => {
    if (key !== lastKey) {
      lastValue = make(key);
      lastKey = key;
    }
    return lastValue as V;
  };
}

/**
 * node-apn's `Provider.send` wraps every write in a Notification (headers and JSON rebuilt per
 * call), a recipients array, `Promise.allSettled` and sent/failed lists: most of our cost per
 * token at bulk rates. We call its client's `write` directly (a MultiProvider's client picks a
 * connection round-robin in `write` too): it resolves with an entry (see `isSentEntry`) or
 * rejects with one. A provider without that client goes through `send` with an equivalent
 * Notification, and its `failed` entry becomes the rejection.
 */
export function makeWriter(provider: ApnsProvider): (wire: WireNotification, token: string) => Promise<Entry> {
  const client = (provider as unknown as { client?: Partial<NodeApnWriter> }).client;
  if (client && typeof client.write === 'function') {
    const writer = client as NodeApnWriter;
    return (wire, token) => writer.write(wire, token, 'device', 'post');
  }
  return async (wire, token) => {
    // A Notification whose headers and compiled body are the ones already made.
    const n = Object.assign(new apn.Notification(), { compiled: wire.body, headers: () => wire.headers });
    const answer = await provider.send(n, token);
    if (answer.sent[0]) return answer.sent[0];
    throw answer.failed[0] ?? { error: new Error('node-apn returned no result') };
  };
}

/** How `Provider.send` sorts a resolved write: an entry with a status or an error failed. */
export const isSentEntry = (entry: Entry): boolean => !(entry.status || entry.error);

const DEVICE_PATH = '/3/device/';
const tokenOf = (request: ApnsRequest): string => (request.path.startsWith(DEVICE_PATH) ? request.path.slice(DEVICE_PATH.length) : request.path);
const header = (entry: Entry, name: string): string | undefined => (typeof entry[name] === 'string' ? (entry[name] as string) : undefined);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the client; throws ApnsSetupError when node-apn refuses the credential for the environment. */
export function createApnsClient(opts: ApnsClientOptions): ApnsClient {
  // How the proxy's tunnels went: a transport failure before any tunnel opened, or after one
  // the proxy would not open, is the proxy's.
  let proxyFailure: ProxyTunnelError | undefined;
  let tunnelOpened = false;
  const provider: ApnsProvider = createProvider(opts.material, {
    ...opts,
    onProxyOpen: (line) => {
      proxyFailure = undefined;
      tunnelOpened = true;
      opts.log?.(line);
    },
    onProxyError: (error) => {
      proxyFailure = error;
      opts.log?.(`apns: ${error.message}`);
    },
  });
  const authority = endpointAuthority(opts);
  let serverDate: string | undefined;
  observeResponseDates(provider, (date) => (serverDate = date));
  const proxyFault = (): Issue | undefined => {
    if (!opts.proxy || (tunnelOpened && !proxyFailure)) return undefined;
    const reason = proxyFailure?.reason ?? `no answer to CONNECT within ${opts.requestTimeoutMs ?? 10_000} ms`;
    return issue('proxy.unreachable', { proxy: opts.proxy.shown, target: authority, reason });
  };
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...opts.retry };
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? defaultSleep;
  const log = opts.log ?? (() => undefined);
  const write = makeWriter(provider);
  const wireHeadersOf = memoizeLast(toWireHeaders);
  // rawPayload semantics: the bytes are the payload object serialised as it is, so they match
  // what `--dry-run` printed and what the size checks measured.
  const bodyOf = memoizeLast((payload: ApnsRequest['payload']) => JSON.stringify(payload));
  // An endpoint that has never answered anything (say, TLS never completes) is unreachable, not
  // misbehaving: a lost request there means exit 3, not a rejected push.
  let answered = false;

  async function send(request: ApnsRequest): Promise<ApnsSendResult> {
    const token = tokenOf(request);
    // APNs assigns an apns-id when the request has none and returns it, refusals included: a
    // retry after an answer carries that id, so a retried push stays the same notification. A
    // bulk send thus shares one headers object and makes no id per token.
    let apnsId = request.headers['apns-id'];
    const headers = wireHeadersOf(request.headers);
    let wire: WireNotification = { headers: apnsId ? { ...headers, 'apns-id': apnsId } : headers, body: bodyOf(request.payload) };
    for (let attempt = 1; ; attempt++) {
      let entry: Entry;
      try {
        entry = await write(wire, token);
      } catch (reason: unknown) {
        entry = reason instanceof Error || typeof reason !== 'object' || reason === null ? { error: reason } : (reason as Entry);
      }
      if (isSentEntry(entry)) {
        answered = true;
        return { recipient: token, status: 'sent', apnsId: header(entry, 'apns-id') ?? apnsId, apnsUniqueId: header(entry, 'apns-unique-id'), httpStatus: 200, attempts: attempt, ...(serverDate ? { serverDate } : {}), findings: [] };
      }
      let failure = toFailure(entry);
      const proxyIssue = failure.status === undefined ? proxyFault() : undefined;
      if (proxyIssue) failure = { transport: 'unreachable', detail: String(proxyIssue.params?.reason) };
      if (failure.status !== undefined) answered = true;
      else if (failure.transport === 'lost' && !answered && /timeout/i.test(failure.detail ?? '')) failure = { ...failure, transport: 'unreachable', detail: `${failure.detail}; the endpoint has not answered any request` };
      const assigned = header(entry, 'apns-id');
      if (!apnsId && assigned) {
        apnsId = assigned;
        wire = { headers: { ...headers, 'apns-id': apnsId }, body: wire.body };
      }
      if (isRetryable(failure, attempt) && attempt < policy.maxAttempts) {
        const delay = backoffDelay(attempt, random(), policy);
        log(`apns: retry ${token.slice(0, 8)}… in ${delay} ms after ${failure.reason ?? failure.status ?? failure.detail}`);
        await sleep(delay);
        continue;
      }
      return {
        recipient: token,
        status: 'failed',
        apnsId: header(entry, 'apns-id') ?? (failure.status !== undefined ? apnsId : undefined),
        httpStatus: failure.status,
        reason: failure.reason,
        timestamp: failure.timestamp,
        attempts: attempt,
        ...(failure.transport === 'unreachable' ? { unreachable: true } : {}),
        ...(serverDate ? { serverDate } : {}),
        findings: [proxyIssue ?? issueForFailure(failure), ...clockFindings(failure, serverDate, authority)],
      };
    }
  }

  return {
    send,
    close: () => new Promise<void>((resolve) => provider.shutdown(() => resolve())),
  };
}
