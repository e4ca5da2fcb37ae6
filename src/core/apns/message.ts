/**
 * Builds the APNs headers and payload for a message, once per send: the token only changes
 * the path (see request.ts). Pure, so `--dry-run` shows exactly what would be sent.
 */
import { issue, type Issue, type Params } from '../finding.js';
import { forcesLowPriority, isPushType, payloadLimitFor, topicFor, type PushType } from './push-type.js';

/** The message options of `nim-push send` that shape an APNs request (DESIGN.md `send`). */
export interface MessageOptions {
  /** Message text; the alert body when no pushText is given. */
  text?: string;
  /** The push text (NIM `apnsContent`/`pushcontent`); wins over `text` as the alert body. */
  pushText?: string;
  title?: string;
  subtitle?: string;
  badge?: number;
  sound?: string;
  /**
   * Custom payload as JSON text or a parsed object: top-level keys are sent as they are,
   * an `aps` object merges into `aps` (the explicit options win over it).
   */
  payload?: string | Record<string, unknown>;
  category?: string;
  threadId?: string;
  collapseId?: string;
  /** 10, 5 or 1; background pushes are always sent with 5. */
  priority?: number;
  /** `apns-expiration` in epoch seconds (0 = deliver once or never). */
  expiry?: number;
  /** Default: `background` when only content-available is set, else `alert`. */
  pushType?: string;
  mutableContent?: boolean;
  contentAvailable?: boolean;
  /** A fixed `apns-id` (UUID); usually left to the sender, which sets one per token. */
  apnsId?: string;
}

/** Header values exactly as they go on the wire. */
export interface ApnsHeaders {
  'apns-topic': string;
  'apns-push-type': PushType;
  'apns-priority': string;
  'apns-expiration'?: string;
  'apns-collapse-id'?: string;
  'apns-id'?: string;
  /** Only in dry-run output, redacted: the sender signs the real JWT. */
  authorization?: string;
}

export interface BuiltMessage {
  pushType: PushType;
  headers: ApnsHeaders;
  payload: Record<string, unknown>;
  /** The exact request body and its size in bytes. */
  body: string;
  size: number;
  limit: number;
}

export interface BuildResult {
  /** Absent only when no payload can be built (invalid custom JSON, unknown push type). */
  message?: BuiltMessage;
  issues: Issue[];
  /** False when an issue is an error: nothing may be sent. */
  ok: boolean;
}

export const COLLAPSE_ID_MAX_BYTES = 64;
const VALID_PRIORITIES = [10, 5, 1];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Local checks carry their severity so callers can block without consulting the catalogue. */
const fault = (id: string, params: Params): Issue => issue(id, params, 'error');
const byteLength = (text: string): number => new TextEncoder().encode(text).length;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

type Parsed = { custom: Record<string, unknown>; aps: Record<string, unknown> } | { error: string };

function parseCustomPayload(payload: MessageOptions['payload']): Parsed {
  if (payload === undefined) return { custom: {}, aps: {} };
  let value: unknown = payload;
  if (typeof payload === 'string') {
    try {
      value = JSON.parse(payload);
    } catch (err) {
      return { error: (err as Error).message };
    }
  }
  if (!isPlainObject(value)) return { error: 'the payload must be a JSON object' };
  const { aps, ...custom } = value;
  if (aps !== undefined && !isPlainObject(aps)) return { error: '"aps" must be a JSON object' };
  return { custom, aps: aps ?? {} };
}

/** The alert from the options, merged over an alert from the custom `aps`. */
function buildAlert(opts: MessageOptions, customAlert: unknown): unknown {
  const body = opts.pushText ?? opts.text;
  const fields: Record<string, string> = {};
  if (opts.title !== undefined) fields.title = opts.title;
  if (opts.subtitle !== undefined) fields.subtitle = opts.subtitle;
  if (body !== undefined) fields.body = body;
  if (isPlainObject(customAlert)) return { ...customAlert, ...fields };
  if (Object.keys(fields).length === 0) return customAlert;
  // A plain string alert is the most widely understood form when there is only a body.
  if (Object.keys(fields).length === 1 && body !== undefined) return body;
  return fields;
}

function buildAps(opts: MessageOptions, customAps: Record<string, unknown>): Record<string, unknown> {
  const { alert: customAlert, ...restAps } = customAps;
  const aps: Record<string, unknown> = {};
  const alert = buildAlert(opts, customAlert);
  if (alert !== undefined) aps.alert = alert;
  if (opts.badge !== undefined) aps.badge = opts.badge;
  if (opts.sound !== undefined) aps.sound = opts.sound;
  if (opts.threadId !== undefined) aps['thread-id'] = opts.threadId;
  if (opts.category !== undefined) aps.category = opts.category;
  if (opts.contentAvailable) aps['content-available'] = 1;
  if (opts.mutableContent) aps['mutable-content'] = 1;
  return { ...restAps, ...aps };
}

const isVisible = (aps: Record<string, unknown>): boolean =>
  aps.alert !== undefined || aps.badge !== undefined || aps.sound !== undefined;

function choosePushType(opts: MessageOptions, aps: Record<string, unknown>): PushType {
  if (opts.pushType !== undefined && isPushType(opts.pushType)) return opts.pushType;
  return aps['content-available'] === 1 && !isVisible(aps) ? 'background' : 'alert';
}

function checkHeaderOptions(opts: MessageOptions, bundleId: string, issues: Issue[]): void {
  if (!bundleId.trim()) issues.push(fault('apns.MissingTopic', { reason: 'MissingTopic' }));
  if (opts.priority !== undefined && !VALID_PRIORITIES.includes(opts.priority)) {
    issues.push(fault('apns.BadPriority', { reason: 'BadPriority', value: opts.priority }));
  }
  if (opts.expiry !== undefined && !(Number.isSafeInteger(opts.expiry) && opts.expiry >= 0)) {
    issues.push(fault('apns.BadExpirationDate', { reason: 'BadExpirationDate', value: opts.expiry }));
  }
  if (opts.collapseId !== undefined) {
    const length = byteLength(opts.collapseId);
    if (length > COLLAPSE_ID_MAX_BYTES) {
      issues.push(fault('collapse-id.too-long', { length, limit: COLLAPSE_ID_MAX_BYTES }));
    }
  }
  if (opts.apnsId !== undefined && !UUID.test(opts.apnsId)) {
    issues.push(fault('apns.BadMessageId', { reason: 'BadMessageId', value: opts.apnsId }));
  }
}

function buildHeaders(opts: MessageOptions, bundleId: string, pushType: PushType): ApnsHeaders {
  const defaultPriority = pushType === 'background' ? 5 : 10;
  const priority = forcesLowPriority(pushType) ? 5 : opts.priority ?? defaultPriority;
  const headers: ApnsHeaders = {
    'apns-topic': topicFor(bundleId.trim(), pushType),
    'apns-push-type': pushType,
    'apns-priority': String(priority),
  };
  if (opts.expiry !== undefined) headers['apns-expiration'] = String(opts.expiry);
  if (opts.collapseId !== undefined) headers['apns-collapse-id'] = opts.collapseId;
  if (opts.apnsId !== undefined) headers['apns-id'] = opts.apnsId;
  return headers;
}

/** Builds headers and payload for `bundleId`, with every local check APNs would otherwise fail. */
export function buildMessage(opts: MessageOptions, target: { bundleId: string }): BuildResult {
  const issues: Issue[] = [];
  if (opts.pushType !== undefined && !isPushType(opts.pushType)) {
    issues.push(fault('apns.InvalidPushType', { reason: 'InvalidPushType', value: opts.pushType }));
  }
  const parsed = parseCustomPayload(opts.payload);
  if ('error' in parsed) issues.push(fault('payload.invalid-json', { error: parsed.error }));
  checkHeaderOptions(opts, target.bundleId, issues);
  if ('error' in parsed || (opts.pushType !== undefined && !isPushType(opts.pushType))) {
    return { issues, ok: false };
  }

  const aps = buildAps(opts, parsed.aps);
  const pushType = choosePushType(opts, aps);
  const payload = { aps, ...parsed.custom };
  const body = JSON.stringify(payload);
  const size = byteLength(body);
  const limit = payloadLimitFor(pushType);
  if (size > limit) issues.push(fault('payload.too-large', { size, limit, pushType }));
  if (!isVisible(aps)) issues.push(issue('message.silent', { pushType }));

  const message = { pushType, headers: buildHeaders(opts, target.bundleId, pushType), payload, body, size, limit };
  return { message, issues, ok: !issues.some((i) => i.severity === 'error') };
}

