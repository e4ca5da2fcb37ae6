/** The simulator's own JSON endpoints under /sim/v1/ (no APNs authentication). */
import { parseFaultSpec } from './faults.js';
import { SIM_ENVIRONMENTS, SimInputError, type SimEnvironment, type SimState } from './sim-state.js';

export const ADMIN_PREFIX = '/sim/v1/';
export const ADMIN_BODY_LIMIT = 64 * 1024;

export interface AdminRequest {
  method: string;
  /** Path with query string. */
  path: string;
  body: Buffer;
  /** The environment of the port the request arrived on: the default for new devices. */
  environment: SimEnvironment;
  nowMs: number;
}

export interface AdminResponse {
  status: number;
  body: Record<string, unknown>;
}

const ok = (body: Record<string, unknown>): AdminResponse => ({ status: 200, body });
const bad = (status: number, error: string): AdminResponse => ({ status, body: { error } });

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new SimInputError('the body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SimInputError('the body must be a JSON object');
  return value as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, field: string): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new SimInputError(`${field} must be a string`);
  return value;
}

function optionalEnvironment(body: Record<string, unknown>, field: string): SimEnvironment | undefined {
  const value = optionalString(body, field);
  if (value === undefined) return undefined;
  if (!(SIM_ENVIRONMENTS as readonly string[]).includes(value)) throw new SimInputError(`${field} must be development or production`);
  return value as SimEnvironment;
}

function optionalNumber(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new SimInputError(`${name} must be a whole number`);
  return value;
}

/** Answers one admin request. Bad input is a 400 with `{error}`, never an exception. */
export function handleAdmin(req: AdminRequest, state: SimState): AdminResponse {
  try {
    return route(req, state);
  } catch (error) {
    if (error instanceof SimInputError) return bad(400, error.message);
    throw error;
  }
}

function route(req: AdminRequest, state: SimState): AdminResponse {
  const url = new URL(req.path, 'https://sim.invalid');
  const parts = url.pathname.slice(ADMIN_PREFIX.length).split('/');
  const [resource, id, action] = parts;
  const key = `${req.method} ${resource}${id !== undefined ? '/:id' : ''}${action !== undefined ? `/${action}` : ''}`;

  switch (key) {
    case 'GET health':
      return ok({ ok: true, environment: req.environment, devices: state.devices.size, keys: state.keys.size, deliveries: state.deliveryCount });
    case 'POST devices': {
      const body = parseBody(req.body);
      const topic = optionalString(body, 'topic');
      if (!topic) throw new SimInputError('topic is required');
      const device = state.registerDevice({
        topic,
        environment: optionalEnvironment(body, 'environment') ?? req.environment,
        token: optionalString(body, 'token'),
      });
      return ok({ token: device.token, topic: device.topic, environment: device.environment });
    }
    case 'GET devices/:id': {
      const device = state.devices.get(id.toLowerCase());
      return device ? ok({ ...device }) : bad(404, 'no such device');
    }
    case 'POST devices/:id/unregister': {
      const body = parseBody(req.body);
      const reason = optionalString(body, 'reason') ?? 'Unregistered';
      if (reason !== 'Unregistered' && reason !== 'ExpiredToken') throw new SimInputError('reason must be Unregistered or ExpiredToken');
      const at = typeof body.timestamp === 'number' && Number.isFinite(body.timestamp) ? body.timestamp : req.nowMs;
      const device = state.unregisterDevice(id, at, reason);
      return device ? ok({ token: device.token, unregisteredAt: at, reason }) : bad(404, 'no such device');
    }
    case 'POST keys': {
      const body = parseBody(req.body);
      const topics = body.topics;
      if (topics !== undefined && !(Array.isArray(topics) && topics.every((t) => typeof t === 'string'))) throw new SimInputError('topics must be an array of strings');
      const simKey = state.registerKey({
        keyId: optionalString(body, 'keyId') ?? '',
        teamId: optionalString(body, 'teamId') ?? '',
        publicKeyPem: optionalString(body, 'publicKeyPem') ?? '',
        topics: topics as string[] | undefined,
        environment: optionalEnvironment(body, 'environment'),
      });
      return ok({ keyId: simKey.keyId, teamId: simKey.teamId, topics: simKey.topics, environment: simKey.environment ?? null });
    }
    case 'GET deliveries': {
      const since = optionalNumber(url.searchParams, 'since');
      const { deliveries, matching } = state.query({
        token: url.searchParams.get('token') ?? undefined,
        since,
        limit: optionalNumber(url.searchParams, 'limit'),
        newest: url.searchParams.get('newest') === '1',
      });
      const next = deliveries.length > 0 ? deliveries[deliveries.length - 1].seq : (since ?? 0);
      return ok({ total: state.deliveryCount, matching, next, deliveries });
    }
    case 'GET faults':
      return ok({ faults: state.faults.current(), injected: state.faults.summary() });
    case 'POST faults': {
      const spec = parseFaultSpec(parseBody(req.body));
      if (typeof spec === 'string') throw new SimInputError(spec);
      state.faults.set(spec);
      return ok({ faults: spec });
    }
    case 'DELETE faults':
      state.faults.clear();
      return ok({ faults: {} });
    case 'POST reset':
      state.reset();
      return ok({ ok: true });
    default:
      return bad(404, `unknown admin endpoint: ${req.method} ${url.pathname}`);
  }
}
