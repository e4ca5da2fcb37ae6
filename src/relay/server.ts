/**
 * The local NIM-compatible relay: a plain HTTP/1.1 server speaking the NIM server API v1 subset
 * (form POSTs signed with CheckSum) plus JSON device-side endpoints with the same auth.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApnsEnvironment } from '../core/profile.js';
import { checkAuth, NonceCache } from './auth.js';
import { fail, type Handler, type Reply } from './handler.js';
import { BodyTooLarge, DEFAULT_MAX_BODY_BYTES, parseForm, readBody, sendJson } from './http-io.js';
import { deviceRoutes } from './device-api.js';
import { createDispatcher, type PushSender, type RelayCert } from './message-dispatch.js';
import { msgRoutes } from './msg-api.js';
import { DEFAULT_RATE_LIMIT, RateLimiter, type RateLimitConfig } from './rate-limit.js';
import { openStore, type Store } from './store.js';
import { userRoutes } from './user-api.js';

/** The path the NIM endpoints hang under, as on `https://api.netease.im/nimserver`. */
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

const JSON_PREFIXES = ['device/', 'pushlog/', 'app/'];
const READ_ROUTES = new Set(['device/state', 'pushlog/list', 'device/listApnsTokens']);

export async function startRelay(opts: StartRelayOptions): Promise<RelayHandle> {
  const now = opts.now ?? Date.now;
  const store = await openStore({ dataDir: opts.dataDir, ephemeral: opts.ephemeral });
  if (store.skippedAtOpen) opts.logger?.warn(`relay store: skipped ${store.skippedAtOpen} unreadable journal line(s) (a write cut off by a crash)`);
  if (opts.app.nonFriendMessages && opts.app.nonFriendMessages !== store.state.nonFriendMessages) {
    await store.commit({ op: 'app.set', nonFriendMessages: opts.app.nonFriendMessages });
  }
  const environment = opts.app.environment ?? opts.app.certs[0]?.environment ?? 'development';
  const dispatcher = createDispatcher({ store, certs: opts.app.certs, environment, sender: opts.pushSender, clock: opts.clock });
  const routes: Record<string, Handler> = {
    ...userRoutes,
    ...msgRoutes,
    ...deviceRoutes({ environmentOf: (name) => opts.app.certs.find((c) => c.name === name)?.environment, defaultEnvironment: environment }),
  };
  const nonces = new NonceCache();
  const limiter = opts.rateLimit === false ? undefined : new RateLimiter(opts.rateLimit ?? DEFAULT_RATE_LIMIT);
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pathname = pathOf(req.url ?? '/');
    let path = pathname.startsWith(`${RELAY_BASE_PATH}/`) ? pathname.slice(RELAY_BASE_PATH.length) : pathname;
    path = path.replace(/^\/+/, '');
    const route = path.endsWith('.action') ? path.slice(0, -'.action'.length) : undefined;
    const handler = route !== undefined && Object.hasOwn(routes, route) ? routes[route] : undefined;
    const refuse = (reply: Reply): void => sendJson(res, reply, { close: !req.complete });
    if (!route || !handler) return refuse(fail(404, 'no such API'));
    const isRead = req.method === 'GET' && READ_ROUTES.has(route);
    if (req.method !== 'POST' && !isRead) return refuse(fail(414, 'use POST'));
    const authFailure = checkAuth(req.headers, { appKey: opts.app.appKey, appSecret: opts.app.appSecret, nonces, nowMs: now });
    if (authFailure) return refuse({ ...authFailure });
    if (route.startsWith('msg/') && limiter && !limiter.take(now())) return refuse(fail(416, 'rate limited: send APIs allow 100 requests per second'));
    let params: Record<string, unknown>;
    if (isRead) {
      params = Object.fromEntries(new URL(req.url ?? '/', 'http://relay.invalid').searchParams);
    } else {
      let raw: Buffer;
      try {
        raw = await readBody(req, maxBody);
      } catch (error) {
        return refuse(fail(414, error instanceof BodyTooLarge ? `body larger than ${maxBody} bytes` : 'unreadable body'));
      }
      const parsed = JSON_PREFIXES.some((p) => route.startsWith(p)) ? parseJsonBody(raw) : parseForm(raw);
      if (!parsed) return refuse(fail(414, 'body is not a JSON object'));
      params = parsed;
    }
    const reply = await handler({ params, store, state: store.state, nowMs: now(), dispatch: dispatcher });
    sendJson(res, reply);
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
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
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await opts.pushSender?.close?.();
      await store.close();
    },
  };
}

/** A plain `/a/b.action` path with nothing URL parsing could change (no dots, escapes, `//`). */
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9_/-]*\.action(?=\?|$)/;

/** The request's path; WHATWG URL parsing (dot segments, escapes) only when the path needs it, as it costs per request. */
function pathOf(rawUrl: string): string {
  const plain = PLAIN_PATH.exec(rawUrl);
  return plain ? plain[0] : new URL(rawUrl, 'http://relay.invalid').pathname;
}

function parseJsonBody(raw: Buffer): Record<string, unknown> | undefined {
  if (raw.length === 0) return {};
  try {
    const value: unknown = JSON.parse(raw.toString('utf8'));
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
