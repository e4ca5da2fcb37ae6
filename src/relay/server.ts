/**
 * The local NIM-compatible relay: a plain HTTP/1.1 server speaking the NIM server API v1 subset
 * (form POSTs signed with CheckSum), the v2 subset (signed JSON), and its own JSON device-side
 * endpoints with the same auth. Every answer is HTTP 200 with a NIM body, as NetEase's SDK expects.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PUSH_REPORT_HEADER } from '../core/nim/wire-relay.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { checkAuth, NonceCache } from './auth.js';
import { TraceDedup } from './dedup.js';
import { deviceRoutes, READ_ROUTES } from './device-api.js';
import { friendRoutes } from './friend-api.js';
import { fail, v2Fail, type Handler, type HandlerContext, type Reply } from './handler.js';
import { BodyTooLarge, DEFAULT_MAX_BODY_BYTES, parseForm, parseJsonBody, readBody, requestTarget, sendJson } from './http-io.js';
import { createDispatcher, type PushSender, type RelayCert } from './message-dispatch.js';
import { msgRoutes } from './msg-api.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitConfig } from './rate-limit.js';
import { logRefusal } from './refusals.js';
import { openStore, type Store } from './store.js';
import { userRoutes } from './user-api.js';
import { resolveV2, type V2Target } from './v2-router.js';

/** The path the NIM endpoints hang under, as on `https://api-cn.yunxinapi.com/nimserver`. */
export const RELAY_BASE_PATH = '/nimserver';

export interface RelayLogger {
  info(line: string): void;
  warn(line: string): void;
}

export interface RelayAppConfig {
  appKey: string;
  appSecret: string;
  /** Credentials by certificate name (the console's push-certificate configuration). */
  certs: Array<RelayCert & { material?: unknown }>;
  /** The environment used when a token's certificate name names none. */
  environment?: ApnsEnvironment;
  nonFriendMessages?: 'allowed' | 'forbidden';
}

export interface StartRelayOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  ephemeral?: boolean;
  app: RelayAppConfig;
  /** Sends pushes that fire; without one, pushes are logged as skipped. */
  pushSender?: PushSender;
  /** Send-API limit; `false` turns it off. Default 100/s then 10 s blocked. */
  rateLimit?: RateLimitConfig | false;
  maxBodyBytes?: number;
  logger?: RelayLogger;
  now?: () => number;
  /** Local `HH:MM` at a given time, for DND windows (default: the machine's local time). */
  clock?: (nowMs: number) => string;
}

export interface RelayHandle {
  /** The base URL: give it as `--relay`; endpoints are `<url>/<path>.action`. */
  url: string;
  port: number;
  store: Store;
  close(): Promise<void>;
}

const V1_ROUTES: Record<string, Handler> = { ...userRoutes, ...friendRoutes, ...msgRoutes, ...deviceRoutes };
const PRIVATE = /^(device|pushlog|app|nim-push)\//;
const isSend = (route: string): boolean => route.startsWith('msg/');

type Target = { api: 'v1'; route: string; handler?: Handler } | V2Target;

function resolve(pathname: string, method: string): Target | undefined {
  let path = pathname.startsWith(`${RELAY_BASE_PATH}/`) ? pathname.slice(RELAY_BASE_PATH.length) : pathname;
  path = path.replace(/^\/+/, '');
  if (path.startsWith('im/')) return resolveV2(`/${path}`, method);
  if (!path.endsWith('.action')) return undefined;
  const route = path.slice(0, -'.action'.length);
  return { api: 'v1', route, handler: Object.hasOwn(V1_ROUTES, route) ? V1_ROUTES[route] : undefined };
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

export async function startRelay(opts: StartRelayOptions): Promise<RelayHandle> {
  const now = opts.now ?? Date.now;
  const store = await openStore({ dataDir: opts.dataDir, ephemeral: opts.ephemeral });
  if (store.skippedAtOpen) opts.logger?.warn(`relay store: skipped ${store.skippedAtOpen} unreadable journal line(s) (a write cut off by a crash)`);
  if (opts.app.nonFriendMessages && opts.app.nonFriendMessages !== store.state.nonFriendMessages) {
    await store.commit({ op: 'app.set', nonFriendMessages: opts.app.nonFriendMessages });
  }
  const environment = opts.app.environment ?? opts.app.certs[0]?.environment ?? 'development';
  const dispatch = createDispatcher({ store, certs: opts.app.certs, environment, sender: opts.pushSender, clock: opts.clock });
  const nonces = new NonceCache();
  const dedup = new TraceDedup();
  const limiter = opts.rateLimit === false ? undefined : new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = requestTarget(req.url);
    const method = req.method ?? 'GET';
    const target = resolve(url.pathname, method);
    // A relay on its own clock says so in `date`, as a server whose clock differs would.
    const date = opts.now ? new Date(now()).toUTCString() : undefined;
    const refuse = (reply: Reply): void => sendJson(res, reply, { close: !req.complete, date });
    if (!target) return refuse(fail(404, 'no such API'));
    const v2 = target.api === 'v2';
    const failWith = (code: number, text: string): Reply => (v2 ? v2Fail(code, text) : fail(code, text));
    if (!target.handler) return refuse(failWith(404, 'no such API'));
    const route = target.route;
    const isRead = !v2 && method === 'GET' && READ_ROUTES.has(route);
    if (!v2 && method !== 'POST' && !isRead) return refuse(fail(414, 'use POST'));
    let params: Record<string, unknown>;
    if (isRead || (v2 && (method === 'GET' || method === 'DELETE'))) {
      params = Object.fromEntries(url.searchParams);
    } else {
      let raw: Buffer;
      try {
        raw = await readBody(req, maxBody);
      } catch (error) {
        return refuse(failWith(414, error instanceof BodyTooLarge ? `body larger than ${maxBody} bytes` : 'unreadable body'));
      }
      const parsed = v2 || PRIVATE.test(route) ? parseJsonBody(raw) : parseForm(raw);
      if (!parsed) return refuse(failWith(414, 'body is not a JSON object'));
      params = v2 ? { ...Object.fromEntries(url.searchParams), ...parsed } : parsed;
    }
    const nowMs = now();
    const report = header(req, PUSH_REPORT_HEADER) === '1';
    const ctx: HandlerContext = { params, store, state: store.state, nowMs, dispatch, report, ...(v2 ? { path: target.path } : {}) };
    const send = v2 ? target.isSend : isSend(route);
    const auth = checkAuth(req.headers, { appKey: opts.app.appKey, appSecret: opts.app.appSecret, nonces, nowMs: now });
    // A refused send takes no effect; the push log says why (the accounts as the request named them).
    const refuseSend = async (reply: Reply) => refuse(send ? await logRefusal(ctx, { kind: target.api === 'v2' ? target.kind : route === 'msg/sendAttachMsg' ? 'attach' : 'msg', api: target.api, form: params, reply }) : reply);
    if (auth) return refuseSend(failWith(auth.code, auth.desc));
    if (send && limiter && !limiter.take(nowMs)) return refuseSend(failWith(416, 'rate limited: send APIs allow 100 requests per second'));
    const traceId = header(req, v2 ? 'x-custom-traceid' : 'requestid');
    const handler = target.handler;
    const reply = isRead ? await handler(ctx) : await dedup.run(`${method} ${route}`, traceId, nowMs, async () => handler(ctx));
    sendJson(res, reply, { date });
  }

  const server = createServer({ requestTimeout: 30_000, headersTimeout: 10_000 }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // A bug or a failed disk write: answer NIM's "internal error", keep serving.
      opts.logger?.warn(`relay: internal error: ${(error as Error)?.message ?? String(error)}`);
      sendJson(res, fail(500, 'internal error'), { close: true });
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n');
    else socket.destroy();
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const url = `http://${shownHost}:${port}${RELAY_BASE_PATH}`;
  opts.logger?.info(`relay listening on ${url}`);
  let closed = false;
  return {
    url,
    port,
    store,
    async close() {
      if (closed) return;
      closed = true;
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await opts.pushSender?.close?.();
      await store.close();
    },
  };
}
