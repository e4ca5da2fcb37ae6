/**
 * Sends the relay's pushes that fire to APNs (or the simulator) through the shared APNs client,
 * with the credential registered under the receiver's certificate name.
 */
import { createApnsClient, ApnsSetupError, type ApnsClient } from '../adapters/apns-client.js';
import type { ApnsHeaders } from '../core/apns/message.js';
import type { ApnMaterial } from '../core/credentials/inspect.js';
import { APNS_HOSTS, type ApnsEnvironment } from '../core/profile.js';
import type { ProxySetting } from '../core/proxy.js';
import type { PushAttempt, PushRequest, PushSender } from './message-dispatch.js';

/** Where pushes go: the simulator's endpoints, Apple (forced to one environment), or one URL. */
export type ApnsTarget =
  | { kind: 'sim'; urlFor: (environment: ApnsEnvironment) => string; ca: string }
  | { kind: 'apple'; environment?: ApnsEnvironment }
  | { kind: 'url'; url: string; ca?: string; insecure?: boolean };

export interface ForwarderOptions {
  target: ApnsTarget;
  /** Credential material by certificate name. */
  materials: Record<string, ApnMaterial | undefined>;
  requestTimeoutMs?: number;
  log?: (line: string) => void;
  /** The HTTP proxy for an APNs URL (Apple or `url` targets; the in-process simulator is reached directly). */
  proxyFor?: (url: string) => ProxySetting | undefined;
}

export function createApnsForwarder(opts: ForwarderOptions): PushSender {
  const clients = new Map<string, ApnsClient | ApnsSetupError>();

  function clientFor(certName: string, tokenEnv: ApnsEnvironment): ApnsClient | ApnsSetupError | undefined {
    const material = opts.materials[certName];
    if (!material) return undefined;
    const target = opts.target;
    const environment = target.kind === 'apple' ? (target.environment ?? tokenEnv) : tokenEnv;
    const key = `${certName}\n${environment}`;
    const cached = clients.get(key);
    if (cached) return cached;
    let client: ApnsClient | ApnsSetupError;
    const endpoint = target.kind === 'url' ? target.url : `https://${APNS_HOSTS[environment]}`;
    const proxy = target.kind === 'sim' ? undefined : opts.proxyFor?.(endpoint);
    try {
      client = createApnsClient({
        ...(proxy ? { proxy } : {}),
        material,
        environment,
        requestTimeoutMs: opts.requestTimeoutMs ?? 5000,
        ...(target.kind === 'sim' ? { apnsUrl: target.urlFor(environment), ca: target.ca } : {}),
        ...(target.kind === 'url' ? { apnsUrl: target.url, ca: target.ca, insecure: target.insecure } : {}),
        log: opts.log,
      });
    } catch (error) {
      if (!(error instanceof ApnsSetupError)) throw error;
      client = error;
    }
    clients.set(key, client);
    return client;
  }

  // One headers object per topic, reused for every push: the APNs client can then reuse what it
  // derives from them instead of rebuilding it per message.
  const headersByTopic = new Map<string, Readonly<ApnsHeaders>>();
  const headersFor = (topic: string): Readonly<ApnsHeaders> => {
    let headers = headersByTopic.get(topic);
    if (!headers) {
      headers = Object.freeze({ 'apns-topic': topic, 'apns-push-type': 'alert', 'apns-priority': '10' });
      headersByTopic.set(topic, headers);
    }
    return headers;
  };

  return {
    async send(request: PushRequest): Promise<PushAttempt> {
      const client = clientFor(request.certName, request.environment);
      if (!client) return { status: 'failed', reason: 'no credential for this certificate name' };
      if (client instanceof ApnsSetupError) return { status: 'failed', reason: client.finding.id };
      try {
        const result = await client.send({
          method: 'POST',
          path: `/3/device/${request.token}`,
          headers: headersFor(request.topic),
          payload: request.payload,
        });
        return {
          status: result.status,
          ...(result.apnsId ? { apnsId: result.apnsId } : {}),
          ...(result.reason ? { reason: result.reason } : result.unreachable ? { reason: 'unreachable' } : {}),
          ...(result.httpStatus ? { httpStatus: result.httpStatus } : {}),
        };
      } catch (error) {
        return { status: 'failed', reason: (error as Error).message };
      }
    },
    async close() {
      await Promise.all([...clients.values()].map((c) => (c instanceof ApnsSetupError ? undefined : c.close())));
      clients.clear();
    },
  };
}
