/** Decides APNs' answer to one push request, in the order APNs applies its checks. */
import { randomUUID } from 'node:crypto';
import { statusOfReason, type ApnsReason } from '../core/catalogue/apns-reasons.js';
import { checkCertificateAuth, type ClientCertificate } from './client-certificate.js';
import { checkProviderToken } from './provider-token.js';
import {
  bundleOfTopic,
  checkHeaderValues,
  checkPayload,
  checkTopicForPushType,
  hasDuplicateHeaders,
  matchDevicePath,
  readApnsHeaders,
} from './push-request-checks.js';
import { TOKEN_PATTERN, type SimDelivery, type SimEnvironment, type SimState } from './sim-state.js';

/** Per-connection authentication state, as APNs keeps it. */
export interface ConnectionAuth {
  /** The client certificate presented in the TLS handshake, inspected once; undefined = none. */
  certificate?: ClientCertificate;
  acceptedKeyId?: string;
  verifiedJwt?: string;
  /** When the connection last switched to a new JWT (ms). */
  tokenChangedAt?: number;
}

export interface PushPolicy {
  /** A connection replacing its JWT sooner than this gets 429 TooManyProviderTokenUpdates; 0 = never. */
  minTokenUpdateIntervalMs?: number;
}

export interface PushRequest {
  environment: SimEnvironment;
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawHeaders: readonly string[];
  body: Buffer;
}

export interface PushOutcome {
  status: number;
  reason?: ApnsReason;
  apnsId: string;
  /** Development environment only, on success. */
  uniqueId?: string;
  /** 410 only: when the token stopped being valid (ms). */
  timestamp?: number;
  delivery?: SimDelivery;
}

const APNS_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The apns-id to answer with: the request's when it is a UUID, else a fresh one. */
export function responseApnsId(headers: PushRequest['headers']): string {
  const sent = headers['apns-id'];
  return typeof sent === 'string' && APNS_ID.test(sent) ? sent.toLowerCase() : randomUUID();
}

const headerText = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

function authenticate(req: PushRequest, auth: ConnectionAuth, state: SimState, nowMs: number, topic: string | undefined, policy: PushPolicy): { topic: string } | { reason: ApnsReason } {
  if (auth.certificate) {
    if ('reason' in auth.certificate) return auth.certificate;
    return checkCertificateAuth(auth.certificate.description, req.environment, topic);
  }
  const result = checkProviderToken(headerText(req.headers.authorization), {
    keys: state.keys,
    environment: req.environment,
    nowMs,
    acceptedKeyId: auth.acceptedKeyId,
    verifiedJwt: auth.verifiedJwt,
  });
  if ('reason' in result) return result;
  if (auth.verifiedJwt !== undefined && auth.verifiedJwt !== result.jwt) {
    const minInterval = policy.minTokenUpdateIntervalMs ?? 0;
    if (minInterval > 0 && nowMs - (auth.tokenChangedAt ?? 0) < minInterval) return { reason: 'TooManyProviderTokenUpdates' };
  }
  if (auth.verifiedJwt !== result.jwt) auth.tokenChangedAt = nowMs;
  auth.acceptedKeyId = result.key.keyId;
  auth.verifiedJwt = result.jwt;
  if (topic === undefined || topic === '') return { reason: 'MissingTopic' };
  if (result.key.topics.length > 0 && !result.key.topics.includes(bundleOfTopic(topic))) return { reason: 'TopicDisallowed' };
  return { topic };
}

function collectApnsHeaders(headers: PushRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined && name.startsWith('apns-') && Object.hasOwn(headers, name)) out[name] = headerText(value) ?? '';
  }
  return out;
}

/** Runs every check; on success records the delivery in `state`. */
export function evaluatePush(req: PushRequest, auth: ConnectionAuth, state: SimState, nowMs: number, policy: PushPolicy = {}): PushOutcome {
  const apnsId = responseApnsId(req.headers);
  const fail = (reason: ApnsReason, timestamp?: number): PushOutcome => ({ status: statusOfReason(reason), reason, apnsId, timestamp });

  if (req.method !== 'POST') return fail('MethodNotAllowed');
  const path = matchDevicePath(req.path);
  if ('reason' in path) return fail(path.reason);
  if (hasDuplicateHeaders(req.rawHeaders)) return fail('DuplicateHeaders');

  const h = readApnsHeaders(req.headers);
  const authResult = authenticate(req, auth, state, nowMs, h.topic, policy);
  if ('reason' in authResult) return fail(authResult.reason);
  const topic = authResult.topic;

  const headerReason = checkHeaderValues(h) ?? checkTopicForPushType(topic, h.pushType);
  if (headerReason) return fail(headerReason);

  const payload = checkPayload(req.body, h.pushType);
  if ('reason' in payload) return fail(payload.reason);

  const token = path.token.toLowerCase();
  if (!TOKEN_PATTERN.test(token)) return fail('BadDeviceToken');
  let device = state.devices.get(token);
  // A convenience Apple does not offer: bound on first push, and every delivery to it says so.
  if (!device && state.autoRegister) device = { ...state.registerDevice({ token, topic: bundleOfTopic(topic), environment: req.environment }), autoRegistered: true };
  if (device?.autoRegistered) state.devices.set(token, device);
  if (!device || device.environment !== req.environment) return fail('BadDeviceToken');
  if (device.topic !== bundleOfTopic(topic)) return fail('DeviceTokenNotForTopic');
  if (device.unregisteredAt !== undefined) return fail(device.unregisterReason ?? 'Unregistered', device.unregisteredAt);

  const delivery = state.recordDelivery({
    token,
    topic,
    environment: req.environment,
    apnsId,
    headers: collectApnsHeaders(req.headers),
    payload: payload.payload,
    receivedAt: new Date(nowMs).toISOString(),
    ...(device.autoRegistered ? { autoRegistered: true } : {}),
  });
  return { status: 200, apnsId, uniqueId: req.environment === 'development' ? randomUUID() : undefined, delivery };
}
