/**
 * The NIM server API through an HTTP proxy: undici's ProxyAgent (a CONNECT tunnel per origin,
 * Proxy-Authorization from the URL's credentials), with a bounded wait for the proxy's answer to
 * CONNECT and a record of how the last tunnel went, so a failure can be put on the proxy or on
 * the server behind it.
 */
import { Pool, ProxyAgent, type Dispatcher } from 'undici';
import type { ProxySetting } from '../core/proxy.js';

export interface ProxiedDispatcher {
  dispatcher: Dispatcher;
  /** Why the proxy did not open the last tunnel, or undefined when it did (or was not asked yet). */
  failure(): string | undefined;
  /** Whether any tunnel was opened. */
  opened(): boolean;
}

type Connect = (params: Dispatcher.ConnectOptions) => Promise<Dispatcher.ConnectData>;

const reasonOf = (error: unknown): string => {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  if (e?.code === 'UND_ERR_HEADERS_TIMEOUT' || e?.code === 'UND_ERR_CONNECT_TIMEOUT') return 'no answer to CONNECT';
  return e?.code ?? e?.cause?.code ?? e?.message ?? 'network error';
};

export function proxiedDispatcher(proxy: ProxySetting, timeoutMs: number, log?: (line: string) => void): ProxiedDispatcher {
  let failure: string | undefined;
  let opened = false;
  const agent = new ProxyAgent({
    uri: proxy.url,
    connectTimeout: timeoutMs,
    // The client that talks to the proxy: a silent proxy must not hold the request for ever.
    clientFactory: (origin, options) => {
      const pool = new Pool(origin, { ...options, connectTimeout: timeoutMs, headersTimeout: timeoutMs });
      const connect = pool.connect.bind(pool) as Connect;
      const observed: Connect = async (params) => {
        try {
          const answer = await connect(params);
          if (answer.statusCode === 200) {
            failure = undefined;
            opened = true;
            log?.(`proxy: ${proxy.shown} opened a tunnel to ${params.path}`);
          } else {
            failure = `answered CONNECT with HTTP ${answer.statusCode}`;
          }
          return answer;
        } catch (error) {
          failure = reasonOf(error);
          throw error;
        }
      };
      return Object.assign(pool, { connect: observed });
    },
  });
  return { dispatcher: agent, failure: () => failure, opened: () => opened };
}
