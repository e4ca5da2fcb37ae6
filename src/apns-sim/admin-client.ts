/** A small client for the simulator's /sim/v1/ endpoints (CLI wrappers, relay, tests). */
import { connect, type ClientHttp2Session } from 'node:http2';
import { bilingual, UnreachableError, UsageError } from '../core/errors.js';
import type { FaultSpec } from './faults.js';
import type { SimDeliveryPage, SimEnvironment } from '../core/apns/sim-api.js';

export type { SimDeliveryPage };

export interface SimEndpoint {
  /** Either environment's base URL, e.g. https://127.0.0.1:PORT. */
  url: string;
  /** The simulator's CA; without it the connection is refused as untrusted. */
  caPem: string;
  timeoutMs?: number;
}

function request(session: ClientHttp2Session, method: string, path: string, body: string | undefined, timeoutMs: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ':method': method, ':path': path, ...(body ? { 'content-type': 'application/json' } : {}) });
    let status = 0;
    let text = '';
    stream.setEncoding('utf8');
    stream.setTimeout(timeoutMs, () => {
      stream.close();
      reject(new Error('timed out'));
    });
    stream.on('response', (headers) => (status = Number(headers[':status'])));
    stream.on('data', (chunk: string) => (text += chunk));
    stream.on('end', () => resolve({ status, text }));
    stream.on('error', reject);
    stream.end(body);
  });
}

/** Calls one admin endpoint; network trouble → UnreachableError (exit 3), a refusal → UsageError (exit 2). */
export async function callSimAdmin<T = Record<string, unknown>>(endpoint: SimEndpoint, method: string, path: string, body?: unknown): Promise<T> {
  const timeoutMs = endpoint.timeoutMs ?? 5000;
  let session: ClientHttp2Session | undefined;
  let answer: { status: number; text: string };
  try {
    session = connect(endpoint.url, { ca: endpoint.caPem });
    session.on('error', () => undefined);
    answer = await request(session, method, path, body === undefined ? undefined : JSON.stringify(body), timeoutMs);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new UnreachableError(bilingual(`The APNs simulator at ${endpoint.url} did not answer (${reason}). Start it with \`nim-push apns-sim\`.`, `APNs 模拟器 ${endpoint.url} 无响应(${reason})。请用 \`nim-push apns-sim\` 启动。`), 'apns-sim.unreachable');
  } finally {
    session?.close();
  }
  let parsed: Record<string, unknown> = {};
  try {
    parsed = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    parsed = {};
  }
  if (answer.status !== 200) {
    const message = typeof parsed.error === 'string' ? parsed.error : `HTTP ${answer.status}`;
    throw new UsageError(bilingual(`The APNs simulator refused ${method} ${path}: ${message}`, `APNs 模拟器拒绝了 ${method} ${path}:${message}`), 'apns-sim.rejected');
  }
  return parsed as T;
}

export interface SimDeviceInfo {
  token: string;
  topic: string;
  environment: SimEnvironment;
}

/** Mints a device token bound to a topic (bundle id) and environment (default: the endpoint's). */
export const registerSimDevice = (endpoint: SimEndpoint, device: { topic: string; environment?: SimEnvironment; token?: string }) =>
  callSimAdmin<SimDeviceInfo>(endpoint, 'POST', '/sim/v1/devices', device);

/** Marks a token as gone: later pushes get 410 with this time. */
export const unregisterSimDevice = (endpoint: SimEndpoint, token: string, opts: { reason?: 'Unregistered' | 'ExpiredToken'; timestamp?: number } = {}) =>
  callSimAdmin<{ token: string; unregisteredAt: number; reason: string }>(endpoint, 'POST', `/sim/v1/devices/${encodeURIComponent(token)}/unregister`, opts);

/** Registers a token-auth key (the public half is enough). */
export const registerSimKey = (
  endpoint: SimEndpoint,
  key: { keyId: string; teamId: string; publicKeyPem: string; topics?: string[]; environment?: SimEnvironment },
) => callSimAdmin<{ keyId: string; teamId: string }>(endpoint, 'POST', '/sim/v1/keys', key);


export function fetchSimDeliveries(endpoint: SimEndpoint, query: { token?: string; since?: number; limit?: number; newest?: 1 } = {}): Promise<SimDeliveryPage> {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
  const qs = params.toString();
  return callSimAdmin<SimDeliveryPage>(endpoint, 'GET', `/sim/v1/deliveries${qs ? `?${qs}` : ''}`);
}

export const setSimFaults = (endpoint: SimEndpoint, spec: FaultSpec) => callSimAdmin(endpoint, 'POST', '/sim/v1/faults', spec);
export const clearSimFaults = (endpoint: SimEndpoint) => callSimAdmin(endpoint, 'DELETE', '/sim/v1/faults');
export const checkSimHealth = (endpoint: SimEndpoint) =>
  callSimAdmin<{ ok: boolean; environment: SimEnvironment; devices: number; keys: number; deliveries: number }>(endpoint, 'GET', '/sim/v1/health');
