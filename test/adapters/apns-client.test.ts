import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApnsClient, ApnsSetupError, isSentEntry, makeWriter, toFailure, type ApnsClient, type ApnsClientOptions } from '../../src/adapters/apns-client.js';
import type { ApnsProvider } from '../../src/adapters/apns-provider.js';
import { startApnsSim, registerSimDevice, registerSimKey, setSimFaults, clearSimFaults, unregisterSimDevice, fetchSimDeliveries, type ApnsSim } from '../../src/apns-sim/index.js';
import { buildMessage } from '../../src/core/apns/message.js';
import { buildRequest } from '../../src/core/apns/request.js';
import type { ApnMaterial } from '../../src/core/credentials/inspect.js';
import { describe as describeIssue } from '../../src/core/catalogue/index.js';
import { BUNDLE, TEAM, testCredentials } from '../apns-sim/fixtures.js';

type Env = 'development' | 'production';
let sim: ApnsSim;
const creds = testCredentials();
const cert = (c: { certPem: string; keyPem: string }): ApnMaterial => ({ kind: 'cert', certPem: c.certPem, keyPem: c.keyPem });
const p8: ApnMaterial = { kind: 'token', keyPem: creds.key.pem, keyId: creds.key.keyId, teamId: TEAM };
const endpoint = (env: Env) => ({ url: sim.urlFor(env), caPem: sim.caPem });
const message = buildMessage({ pushText: '发来了一条消息', text: 'hello' }, { bundleId: BUNDLE }).message!;
const device = async (env: Env, topic = BUNDLE) => (await registerSimDevice(endpoint(env), { topic, environment: env })).token;
const clients: ApnsClient[] = [];

function client(material: ApnMaterial, env: Env, extra: Partial<ApnsClientOptions> = {}): ApnsClient {
  const c = createApnsClient({ material, environment: env, apnsUrl: sim.urlFor(env), ca: sim.caPem, retry: { baseDelayMs: 1, maxDelayMs: 5 }, ...extra });
  clients.push(c);
  return c;
}

beforeAll(async () => {
  sim = await startApnsSim({ tls: creds.simTls });
  for (const env of ['development', 'production'] as const) {
    await registerSimKey(endpoint(env), { keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
  }
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await sim.close();
});

describe('sending through node-apn to an APNs-compatible endpoint', () => {
  it.each<[string, () => ApnMaterial, Env]>([
    ['development certificate', () => cert(creds.development), 'development'],
    ['production-only certificate', () => cert(creds.production), 'production'],
    ['universal certificate in production', () => cert(creds.universal), 'production'],
    ['p8 key in development', () => p8, 'development'],
    ['p8 key in production', () => p8, 'production'],
  ])('%s → sent with an apns-id', async (_name, material, env) => {
    const token = await device(env);
    const result = await client(material(), env).send(buildRequest(message, token));
    expect(result).toMatchObject({ recipient: token, status: 'sent', httpStatus: 200, attempts: 1, findings: [] });
    expect(result.apnsId).toMatch(/^[0-9a-f-]{36}$/i);
    const { deliveries } = await fetchSimDeliveries(endpoint(env), { token });
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ topic: BUNDLE, environment: env, payload: message.payload });
    expect(deliveries[0].apnsId.toLowerCase()).toBe(result.apnsId!.toLowerCase());
  });

  it('returns apns-unique-id from the sandbox', async () => {
    const token = await device('development');
    const result = await client(cert(creds.development), 'development').send(buildRequest(message, token));
    expect(result.apnsUniqueId).toBeTruthy();
  });

  it('refuses a production-only certificate for development before sending', () => {
    expect(() => client(cert(creds.production), 'development')).toThrow(ApnsSetupError);
    try {
      client(cert(creds.production), 'development');
    } catch (err) {
      expect((err as ApnsSetupError).finding).toMatchObject({ id: 'cert.env-mismatch', params: { certEnv: 'production', expected: 'development' } });
    }
  });
});

describe('what goes on the wire', () => {
  it('sends the headers and payload the request holds: priority, expiration, collapse id, topic, push type', async () => {
    const built = buildMessage({ text: '你好', collapseId: 'chat-7', expiry: 1_900_000_000, priority: 5, payload: { orderId: 42 } }, { bundleId: BUNDLE }).message!;
    const token = await device('development');
    const result = await client(p8, 'development').send(buildRequest(built, token));
    expect(result.status).toBe('sent');
    const [delivery] = (await fetchSimDeliveries(endpoint('development'), { token })).deliveries;
    expect(delivery.headers).toMatchObject({
      'apns-topic': BUNDLE,
      'apns-push-type': 'alert',
      'apns-priority': '5',
      'apns-expiration': '1900000000',
      'apns-collapse-id': 'chat-7',
    });
    expect(delivery.apnsId.toLowerCase()).toBe(result.apnsId!.toLowerCase());
    expect(delivery.payload).toEqual(built.payload);
  });

  it('gives every token of a bulk send its own apns-id and leaves the shared message untouched', async () => {
    const tokens = [await device('development'), await device('development'), await device('development')];
    const before = JSON.stringify(message);
    const c = client(cert(creds.development), 'development');
    const results = await Promise.all(tokens.map((t) => c.send(buildRequest(message, t))));
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    expect(new Set(results.map((r) => r.apnsId)).size).toBe(3);
    expect(JSON.stringify(message)).toBe(before);
    for (const [i, t] of tokens.entries()) {
      const [delivery] = (await fetchSimDeliveries(endpoint('development'), { token: t })).deliveries;
      expect(delivery.apnsId.toLowerCase()).toBe(results[i].apnsId!.toLowerCase());
    }
  });

  it('keeps the pinned apns-id of the request', async () => {
    const token = await device('development');
    const apnsId = '0d0e0a0d-beef-4bad-8ace-123456789abc';
    const result = await client(p8, 'development').send(buildRequest(message, token, apnsId));
    expect(result.apnsId?.toLowerCase()).toBe(apnsId);
    const [delivery] = (await fetchSimDeliveries(endpoint('development'), { token })).deliveries;
    expect(delivery.apnsId.toLowerCase()).toBe(apnsId);
  });

  it('spreads the requests over several connections when asked', async () => {
    const tokens = await Promise.all(Array.from({ length: 4 }, () => device('development')));
    const c = client(p8, 'development', { connections: 2 });
    const results = await Promise.all(tokens.map((t) => c.send(buildRequest(message, t))));
    expect(results.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
  });
});

describe('sorting node-apn answers', () => {
  const wire = { headers: { 'apns-topic': BUNDLE, 'apns-id': '0d0e0a0d-beef-4bad-8ace-123456789abc' }, body: '{"aps":{"alert":"hi"}}' };

  it('counts a resolved write as sent only without a status or an error, as Provider.send does', () => {
    expect(isSentEntry({ device: 'ab', 'apns-id': 'x' })).toBe(true);
    expect(isSentEntry({ device: 'ab', status: 410, response: { reason: 'Unregistered' } })).toBe(false);
    expect(isSentEntry({ device: 'ab', error: new Error('apn write aborted') })).toBe(false);
  });

  it('falls back to Provider.send with the same headers and body when there is no client to write to', async () => {
    let seen: { headers: unknown; body: unknown } | undefined;
    const answers = [{ sent: [{ device: 'ab' }], failed: [] }, { sent: [], failed: [{ device: 'cd', status: 400 }] }];
    const provider = {
      send: async (n: { headers(): unknown; compile(): unknown }) => {
        seen = { headers: n.headers(), body: n.compile() };
        return answers.shift();
      },
      shutdown: () => undefined,
    } as unknown as ApnsProvider;
    const write = makeWriter(provider);
    expect(await write(wire, 'ab')).toEqual({ device: 'ab' });
    expect(seen).toEqual({ headers: wire.headers, body: wire.body });
    await expect(write(wire, 'cd')).rejects.toEqual({ device: 'cd', status: 400 });
  });
});

describe('APNs failures become findings', () => {
  it('unknown token → BadDeviceToken, not retried', async () => {
    const result = await client(p8, 'development').send(buildRequest(message, 'ab'.repeat(32)));
    expect(result).toMatchObject({ status: 'failed', httpStatus: 400, reason: 'BadDeviceToken', attempts: 1 });
    expect(result.findings.map((f) => f.id)).toEqual(['apns.BadDeviceToken']);
  });

  it('token from the other environment → BadDeviceToken', async () => {
    const token = await device('production');
    const result = await client(p8, 'development').send(buildRequest(message, token));
    expect(result.reason).toBe('BadDeviceToken');
  });

  it('token of another app → DeviceTokenNotForTopic', async () => {
    const token = await device('development', 'com.example.other');
    const result = await client(p8, 'development').send(buildRequest(message, token));
    expect(result).toMatchObject({ reason: 'DeviceTokenNotForTopic', attempts: 1 });
  });

  it('unregistered token → 410 with the date in the finding', async () => {
    const token = await device('development');
    await unregisterSimDevice(endpoint('development'), token, { timestamp: Date.UTC(2024, 4, 1) });
    const result = await client(cert(creds.development), 'development').send(buildRequest(message, token));
    expect(result).toMatchObject({ httpStatus: 410, reason: 'Unregistered', timestamp: Date.UTC(2024, 4, 1), attempts: 1 });
    expect(result.findings[0]).toMatchObject({ id: 'apns.Unregistered', params: { date: '2024-05-01T00:00:00.000Z' } });
    expect(describeIssue(result.findings[0], 'en').message).toContain('2024-05-01');
  });

  it('p8 key unknown to the server → InvalidProviderToken', async () => {
    const token = await device('development');
    const other: ApnMaterial = { kind: 'token', keyPem: creds.otherKey.pem, keyId: creds.otherKey.keyId, teamId: TEAM };
    const result = await client(other, 'development').send(buildRequest(message, token));
    expect(result.httpStatus).toBe(403);
    expect(result.findings[0].id).toMatch(/^apns\.(InvalidProviderToken|BadEnvironmentKey(Id)?InToken)$/);
  });
});

describe('retries', () => {
  it('retries 503 and 429 with back-off, then sends once', async () => {
    const env = endpoint('development');
    const token = await device('development');
    await setSimFaults(env, { counts: { ServiceUnavailable: 2, TooManyRequests: 1 } });
    try {
      const result = await client(p8, 'development').send(buildRequest(message, token));
      expect(result).toMatchObject({ status: 'sent', attempts: 4 });
      expect((await fetchSimDeliveries(env, { token })).deliveries).toHaveLength(1);
    } finally {
      await clearSimFaults(env);
    }
  });

  it('retries a reset stream', async () => {
    const env = endpoint('development');
    const token = await device('development');
    await setSimFaults(env, { counts: { reset: 1 } });
    try {
      const result = await client(p8, 'development').send(buildRequest(message, token));
      expect(result).toMatchObject({ status: 'sent', attempts: 2 });
    } finally {
      await clearSimFaults(env);
    }
  });

  it('gives up after the bounded attempts', async () => {
    const env = endpoint('development');
    const token = await device('development');
    await setSimFaults(env, { counts: { InternalServerError: 10 } });
    try {
      const result = await client(p8, 'development', { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } }).send(buildRequest(message, token));
      expect(result).toMatchObject({ status: 'failed', httpStatus: 500, reason: 'InternalServerError', attempts: 3 });
    } finally {
      await clearSimFaults(env);
    }
  });

  it('never retries a permanent reason', async () => {
    const env = endpoint('development');
    const token = await device('development');
    await setSimFaults(env, { counts: { PayloadTooLarge: 1 } });
    try {
      const result = await client(p8, 'development').send(buildRequest(message, token));
      expect(result).toMatchObject({ status: 'failed', httpStatus: 413, reason: 'PayloadTooLarge', attempts: 1 });
    } finally {
      await clearSimFaults(env);
    }
  });
});

describe('transport', () => {
  it('an untrusted server is unreachable unless insecure is explicit', async () => {
    const token = await device('development');
    const strict = createApnsClient({ material: p8, environment: 'development', apnsUrl: sim.urlFor('development') });
    clients.push(strict);
    const refused = await strict.send(buildRequest(message, token));
    expect(refused).toMatchObject({ status: 'failed', unreachable: true, attempts: 1 });
    expect(refused.findings[0].id).toBe('apns.unreachable');
    const insecure = client(p8, 'development', { ca: undefined, insecure: true });
    expect((await insecure.send(buildRequest(message, token))).status).toBe('sent');
  });

  it('a closed port is unreachable', async () => {
    const closed = createApnsClient({ material: p8, environment: 'production', apnsUrl: 'https://127.0.0.1:1', ca: sim.caPem });
    clients.push(closed);
    const result = await closed.send(buildRequest(message, 'ab'.repeat(32)));
    expect(result).toMatchObject({ status: 'failed', unreachable: true });
    expect(describeIssue(result.findings[0], 'en').message).toContain('ECONNREFUSED');
  });

  it.each<[string, Record<string, unknown>, object]>([
    ['410 answer', { status: 410, response: { reason: 'ExpiredToken', timestamp: 5 } }, { status: 410, reason: 'ExpiredToken', timestamp: 5 }],
    ['500 whose body node-apn swallowed', { status: 500, error: new Error('Error 500, stream ended unexpectedly') }, { status: 500, reason: 'InternalServerError' }],
    ['expired provider token', { status: 403, error: new Error('ExpiredProviderToken') }, { status: 403, reason: 'ExpiredProviderToken' }],
    ['empty-bodied answer', { error: new Error('stream ended unexpectedly with status 502 and empty body') }, { status: 502 }],
    ['lost stream', { error: new Error('stream ended unexpectedly with status null and empty body') }, { transport: 'lost' }],
  ])('maps node-apn %s', (_name, entry, failure) => expect(toFailure(entry)).toMatchObject(failure));
});
