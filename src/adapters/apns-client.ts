/**
 * Sends APNs requests built by `core/apns` through @parse/node-apn, one token per call, with
 * Apple's retry guidance, and turns node-apn's answers into per-token results and findings.
 */
import { randomUUID } from 'node:crypto';
import apn from '@parse/node-apn';
import type { ApnMaterial } from '../core/credentials/inspect.js';
import type { Issue } from '../core/finding.js';
import type { ApnsRequest } from '../core/apns/request.js';
import { backoffDelay, DEFAULT_BACKOFF, isRetryable, issueForFailure, type ApnsFailure, type BackoffPolicy } from '../core/apns/response.js';
import { createProvider, type ApnsEndpointOptions, type ApnsProvider } from './apns-provider.js';

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
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 8; depth++) {
    const e = current as { message?: string; code?: string; cause?: unknown };
    parts.push([e.code, e.message].filter(Boolean).join(': '));
    current = typeof e.cause === 'function' ? (e.cause as () => unknown)() : e.cause;
  }
  return parts.join(' <- ');
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

/** node-apn's Notification carrying exactly the request's headers and payload. */
function toNotification(request: ApnsRequest, apnsId: string): apn.Notification {
  const n = new apn.Notification();
  const h = request.headers;
  // rawPayload is sent verbatim, so the bytes match what `--dry-run` printed and the size checks measured.
  (n as unknown as { rawPayload: unknown }).rawPayload = request.payload;
  n.topic = h['apns-topic'];
  n.pushType = h['apns-push-type'];
  n.priority = Number(h['apns-priority']);
  n.expiry = h['apns-expiration'] !== undefined ? Number(h['apns-expiration']) : -1;
  if (h['apns-collapse-id'] !== undefined) n.collapseId = h['apns-collapse-id'];
  n.id = apnsId;
  return n;
}

const tokenOf = (request: ApnsRequest): string => request.path.replace(/^\/3\/device\//, '');
const header = (entry: Entry, name: string): string | undefined => (typeof entry[name] === 'string' ? (entry[name] as string) : undefined);
const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Creates the client; throws ApnsSetupError when node-apn refuses the credential for the environment. */
export function createApnsClient(opts: ApnsClientOptions): ApnsClient {
  const provider: ApnsProvider = createProvider(opts.material, opts);
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...opts.retry };
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? defaultSleep;
  const log = opts.log ?? (() => undefined);
  // An endpoint that has never answered anything (say, TLS never completes) is unreachable, not
  // misbehaving: a lost request there means exit 3, not a rejected push.
  let answered = false;

  async function send(request: ApnsRequest): Promise<ApnsSendResult> {
    const token = tokenOf(request);
    // One apns-id for all attempts: a retried push stays the same notification.
    const apnsId = request.headers['apns-id'] ?? randomUUID();
    const notification = toNotification(request, apnsId);
    for (let attempt = 1; ; attempt++) {
      const answer = await provider.send(notification, token);
      const sent = answer.sent[0];
      if (sent) {
        answered = true;
        return { recipient: token, status: 'sent', apnsId: header(sent, 'apns-id') ?? apnsId, apnsUniqueId: header(sent, 'apns-unique-id'), httpStatus: 200, attempts: attempt, findings: [] };
      }
      const entry = answer.failed[0] ?? { error: new Error('node-apn returned no result') };
      let failure = toFailure(entry);
      if (failure.status !== undefined) answered = true;
      else if (failure.transport === 'lost' && !answered && /timeout/i.test(failure.detail ?? '')) failure = { ...failure, transport: 'unreachable', detail: `${failure.detail}; the endpoint has not answered any request` };
      if (isRetryable(failure) && attempt < policy.maxAttempts) {
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
        findings: [issueForFailure(failure)],
      };
    }
  }

  return {
    send,
    close: () => new Promise<void>((resolve) => provider.shutdown(() => resolve())),
  };
}
