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

async function closeGracefully(session?: ClientHttp2Session | null): Promise<void> {
  if (!session || session.destroyed || session.closed) return;
  // Node destroys a closed session by itself once its last stream ends.
  await new Promise<void>((resolve) => session.close(() => resolve()));
}

/** Replaces the session shutdown of every node-apn client inside a Provider or MultiProvider. */
export function patchGracefulSessions(provider: unknown): void {
  const inner = (provider as NodeApnProviderLike).client;
  const clients = 'clients' in inner ? inner.clients : [inner];
  for (const client of clients) client.closeAndDestroySession = closeGracefully;
}
