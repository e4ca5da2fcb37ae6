/**
 * Makes node-apn close HTTP/2 sessions gracefully.
 *
 * node-apn 8 reacts to GOAWAY, a frame error or a 500 by closing the session, and when that
 * happens a second time (Node servers answer our GOAWAY with their own) it destroys the session
 * outright, cancelling streams the server is still answering. Those requests may already have
 * been delivered, so retrying them could duplicate a push and not retrying could lose one.
 * Closing gracefully lets every stream at or below the GOAWAY's last stream id finish; streams
 * above it fail with REFUSED_STREAM, which is safe to retry, and the next write reconnects.
 */
import type { ClientHttp2Session } from 'node:http2';

interface NodeApnClient {
  closeAndDestroySession(session?: ClientHttp2Session | null): Promise<void>;
}

interface NodeApnProviderLike {
  client: NodeApnClient | { clients: NodeApnClient[] };
}

/** How long a close waits for a connecting session before closing it anyway. */
const CONNECT_WAIT_MS = 2000;

/**
 * Resolves once a connecting session has connected (or closed). node-apn also closes the
 * *current* session after any 500, which may be a fresh one still connecting: Node destroys the
 * requests queued on a session closed before it connects (ERR_HTTP2_GOAWAY_SESSION), and each of
 * them would burn a retry without ever reaching APNs. Waiting one more turn after 'connect' lets
 * every queued request be submitted first, so the graceful close below lets them finish.
 */
function connected(session: ClientHttp2Session): Promise<void> {
  if (!session.connecting) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      session.off('connect', onConnect);
      session.off('close', done);
      resolve();
    };
    const onConnect = () => setImmediate(done);
    // A server that never completes the handshake must not hold up shutdown: give up waiting.
    const timer = setTimeout(done, CONNECT_WAIT_MS);
    timer.unref();
    session.once('connect', onConnect);
    session.once('close', done);
  });
}

async function closeGracefully(session?: ClientHttp2Session | null): Promise<void> {
  if (!session || session.destroyed || session.closed) return;
  await connected(session);
  // Never connected, so nothing was sent on it: destroying cannot lose or duplicate a push, and a
  // graceful close would wait for a handshake that may never come.
  if (session.connecting) {
    session.destroy();
    return;
  }
  // One more turn lets Node flush the requests already submitted on this session: the GOAWAY
  // that close() sends would otherwise overtake their HEADERS and nghttp2 would refuse them.
  await new Promise<void>((resolve) => setImmediate(resolve));
  if (session.destroyed || session.closed) return;
  // Node destroys a closed session by itself once its last stream ends.
  await new Promise<void>((resolve) => session.close(() => resolve()));
}

/** Replaces the session shutdown of every node-apn client inside a Provider or MultiProvider. */
export function patchGracefulSessions(provider: unknown): void {
  const inner = (provider as NodeApnProviderLike).client;
  const clients = 'clients' in inner ? inner.clients : [inner];
  for (const client of clients) client.closeAndDestroySession = closeGracefully;
}

interface NodeApnRequester {
  request(session: ClientHttp2Session, ...rest: unknown[]): Promise<unknown>;
}

/**
 * Tells `onDate` the `date` header of APNs' first answer on each session (for clock checks):
 * node-apn keeps only the apns-* headers. A clock does not drift within a run, so one answer per
 * connection is enough, and a bulk send pays nothing per notification for it.
 */
export function observeResponseDates(provider: unknown, onDate: (date: string) => void): void {
  const inner = (provider as NodeApnProviderLike).client;
  const clients = ('clients' in inner ? inner.clients : [inner]) as unknown as NodeApnRequester[];
  const seen = new WeakSet<ClientHttp2Session>();
  const onResponse = (headers: Record<string, unknown>) => {
    if (typeof headers.date === 'string') onDate(headers.date);
  };
  for (const client of clients) {
    const request = client.request.bind(client);
    client.request = (session, ...rest) => {
      if (session && !seen.has(session)) {
        seen.add(session);
        const open = session.request;
        session.request = function (this: ClientHttp2Session, ...args: Parameters<ClientHttp2Session['request']>) {
          // The first request of the session carries the listener; later ones go straight through.
          session.request = open;
          return open.apply(this, args).once('response', onResponse);
        } as ClientHttp2Session['request'];
      }
      return request(session, ...rest);
    };
  }
}
