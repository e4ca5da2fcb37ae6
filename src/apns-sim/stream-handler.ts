/** Turns one HTTP/2 stream into an admin or push answer, with injected faults applied. */
import { constants, type Http2Session, type IncomingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import type { TLSSocket } from 'node:tls';
import { randomUUID } from 'node:crypto';
import { statusOfReason, type ApnsReason } from '../core/catalogue/apns-reasons.js';
import { ADMIN_BODY_LIMIT, ADMIN_PREFIX, handleAdmin } from './admin-routes.js';
import { inspectClientCertificate } from './client-certificate.js';
import { evaluatePush, responseApnsId, type ConnectionAuth, type PushOutcome, type PushPolicy } from './evaluate-push.js';
import { MAX_VOIP_PAYLOAD } from './push-request-checks.js';
import type { SimEnvironment, SimState } from './sim-state.js';

/** One line of the request log: never the JWT, the payload or other secrets. */
export interface SimLogEntry {
  time: string;
  environment: SimEnvironment;
  method: string;
  path: string;
  status: number | 'reset' | 'goaway';
  reason?: string;
  apnsId?: string;
  /** Set when the answer was an injected fault. */
  fault?: boolean;
}

export interface StreamContext {
  environment: SimEnvironment;
  state: SimState;
  now: () => number;
  /** Absent when nobody reads the log: no entry (date string, object) is built per request then. */
  log?: (entry: SimLogEntry) => void;
  trustedClientCaPems: readonly string[];
  policy: PushPolicy;
  /** The `date` header from the simulator's own clock, when it runs on one (else Node's). */
  date?: () => string;
}

interface ConnectionState {
  auth: ConnectionAuth;
  certificateRead: boolean;
  /** Set once GOAWAY went out: streams above it must not be processed. */
  goawayLastStreamId?: number;
}

const connections = new WeakMap<Http2Session, ConnectionState>();

/** Bodies beyond this are not read at all: the stream is answered and cancelled. */
const HARD_BODY_LIMIT = 1024 * 1024;

function connectionOf(session: Http2Session): ConnectionState {
  let state = connections.get(session);
  if (!state) {
    state = { auth: {}, certificateRead: false };
    connections.set(session, state);
  }
  return state;
}

/** Reads the body, keeping at most `keep` bytes; resolves early with `overflow` past the hard limit. */
function readBody(stream: ServerHttp2Stream, keep: number): Promise<{ body: Buffer; overflow: boolean }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let seen = 0;
    const done = (overflow: boolean) => {
      stream.removeAllListeners('data');
      resolve({ body: Buffer.concat(chunks), overflow });
    };
    stream.on('data', (chunk: Buffer) => {
      seen += chunk.length;
      if (kept < keep) {
        const part = chunk.subarray(0, keep - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (seen > HARD_BODY_LIMIT) done(true);
    });
    stream.once('end', () => done(false));
    stream.once('close', () => done(false));
  });
}

const dated = (ctx: StreamContext, headers: Record<string, string>): Record<string, string> => (ctx.date ? { ...headers, date: ctx.date() } : headers);

function send(stream: ServerHttp2Stream, status: number, headers: Record<string, string>, body?: unknown): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  try {
    const json = body === undefined ? undefined : JSON.stringify(body);
    stream.respond({ ':status': status, ...headers, ...(json ? { 'content-type': 'application/json' } : {}) }, { endStream: json === undefined });
    if (json !== undefined) stream.end(json);
  } catch {
    // The client went away mid-answer; nothing to do.
  }
}

function resetStream(stream: ServerHttp2Stream, code: number): void {
  if (!stream.destroyed) stream.close(code);
}

function readClientCertificate(session: Http2Session, conn: ConnectionState, ctx: StreamContext): void {
  if (conn.certificateRead) return;
  conn.certificateRead = true;
  const socket = session.socket as TLSSocket;
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate(false) : undefined;
  if (peer && peer.raw) conn.auth.certificate = inspectClientCertificate(peer.raw, ctx.now(), ctx.trustedClientCaPems);
}

const skipLog = (): void => undefined;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The whole life of one stream. Never throws: bad input gets an answer or a reset. */
export async function handleStream(stream: ServerHttp2Stream, headers: IncomingHttpHeaders, rawHeaders: readonly string[], ctx: StreamContext): Promise<void> {
  stream.on('error', () => undefined);
  const method = String(headers[':method'] ?? '');
  const path = String(headers[':path'] ?? '');
  const sink = ctx.log;
  const log = sink
    ? (status: SimLogEntry['status'], extra: Partial<SimLogEntry> = {}) =>
        sink({ time: new Date(ctx.now()).toISOString(), environment: ctx.environment, method, path, status, ...extra })
    : skipLog;

  try {
    if (path.startsWith(ADMIN_PREFIX)) {
      const { body, overflow } = await readBody(stream, ADMIN_BODY_LIMIT + 1);
      const answer = overflow || body.length > ADMIN_BODY_LIMIT
        ? { status: 413, body: { error: 'body too large' } }
        : handleAdmin({ method, path, body, environment: ctx.environment, nowMs: ctx.now() }, ctx.state);
      send(stream, answer.status, dated(ctx, {}), answer.body);
      log(answer.status, typeof answer.body.error === 'string' ? { reason: answer.body.error } : {});
      return;
    }
    await handlePush(stream, headers, rawHeaders, method, path, ctx, log);
  } catch {
    send(stream, 500, dated(ctx, { 'apns-id': randomUUID() }), { reason: 'InternalServerError' });
    log(500, { reason: 'InternalServerError' });
  }
}

async function handlePush(
  stream: ServerHttp2Stream,
  headers: IncomingHttpHeaders,
  rawHeaders: readonly string[],
  method: string,
  path: string,
  ctx: StreamContext,
  log: (status: SimLogEntry['status'], extra?: Partial<SimLogEntry>) => void,
): Promise<void> {
  const session = stream.session;
  if (!session) return;
  const conn = connectionOf(session);
  const streamId = stream.id ?? 0;
  // GOAWAY promised the client that streams above lastStreamID were not processed: keep that promise.
  const refuseAfterGoaway = () => {
    if (conn.goawayLastStreamId === undefined || streamId <= conn.goawayLastStreamId) return false;
    resetStream(stream, constants.NGHTTP2_REFUSED_STREAM);
    log('reset', { reason: 'refused after GOAWAY' });
    return true;
  };
  if (refuseAfterGoaway()) return;

  const goawayReason = ctx.state.faults.goawayForNextStream();
  if (goawayReason !== undefined) {
    // lastStreamID is this stream: node's own closing GOAWAY names it too, and a second GOAWAY
    // with a higher id than the first is a protocol error. REFUSED_STREAM still tells the client
    // that this stream was not processed and is safe to retry.
    conn.goawayLastStreamId = streamId;
    session.goaway(constants.NGHTTP2_NO_ERROR, conn.goawayLastStreamId, Buffer.from(JSON.stringify({ reason: goawayReason })));
    resetStream(stream, constants.NGHTTP2_REFUSED_STREAM);
    session.close();
    log('goaway', { reason: goawayReason, fault: true });
    return;
  }

  const { body, overflow } = await readBody(stream, MAX_VOIP_PAYLOAD + 1);
  const fault = ctx.state.faults.decide();
  if (fault.delayMs > 0) await sleep(fault.delayMs);
  if (stream.destroyed || stream.closed || refuseAfterGoaway()) return;

  if (fault.kind === 'reset') {
    resetStream(stream, constants.NGHTTP2_INTERNAL_ERROR);
    log('reset', { fault: true });
    return;
  }
  if (fault.kind) {
    const outcome: PushOutcome = { status: statusOfReason(fault.kind), reason: fault.kind, apnsId: responseApnsId(headers) };
    if (outcome.status === 410) outcome.timestamp = ctx.now();
    answerPush(stream, outcome, ctx);
    log(outcome.status, { reason: fault.kind, apnsId: outcome.apnsId, fault: true });
    return;
  }

  readClientCertificate(session, conn, ctx);
  const outcome = evaluatePush(
    { environment: ctx.environment, method, path, headers, rawHeaders, body },
    conn.auth,
    ctx.state,
    ctx.now(),
    ctx.policy,
  );
  answerPush(stream, outcome, ctx);
  if (overflow) resetStream(stream, constants.NGHTTP2_CANCEL);
  log(outcome.status, { reason: outcome.reason, apnsId: outcome.apnsId });
}

function answerPush(stream: ServerHttp2Stream, outcome: PushOutcome, ctx: StreamContext): void {
  const headers: Record<string, string> = dated(ctx, { 'apns-id': outcome.apnsId });
  if (outcome.uniqueId) headers['apns-unique-id'] = outcome.uniqueId;
  if (outcome.status === 200) return send(stream, 200, headers);
  const body: { reason?: ApnsReason; timestamp?: number } = { reason: outcome.reason };
  if (outcome.timestamp !== undefined) body.timestamp = outcome.timestamp;
  send(stream, outcome.status, headers, body);
}
