/**
 * @parse/node-apn against the simulator, keeping Apple's host names (resolved to 127.0.0.1 by a
 * `lookup` that node-apn passes through to tls.connect) so its production/sandbox logic is real.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import apn from '@parse/node-apn';
import type { LookupFunction } from 'node:net';
import { startApnsSim, type ApnsSim, type FaultKind, type SimEnvironment } from '../../src/apns-sim/index.js';
import { toP12, type MintedCert, type MintedP8 } from '../../src/standin/mint.js';
import { BUNDLE, OTHER_BUNDLE, OTHER_TEAM, TEAM, testCredentials, GONE_AT, seedSimState } from './fixtures.js';

const creds = testCredentials();
let sim: ApnsSim;
let clockOffset = 0;
const tokens: Record<string, string> = {};

/** Every name resolves to loopback; `all` is what Node 20's happy-eyeballs connect asks for. */
const lookup = ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
  if (options?.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as LookupFunction;

type Credential = { cert: MintedCert } | { p12: MintedCert } | { key: MintedP8; teamId?: string };

function provider(env: SimEnvironment, credential: Credential): apn.Provider {
  const auth =
    'key' in credential ? { token: { key: credential.key.pem, keyId: credential.key.keyId, teamId: credential.teamId ?? TEAM } }
    : 'p12' in credential ? { pfx: Buffer.from(toP12({ identities: [{ key: credential.p12.key, certs: [credential.p12.cert] }], password: 'secret' })), passphrase: 'secret' }
    : { cert: credential.cert.certPem, key: credential.cert.keyPem };
  return new apn.Provider({
    ...auth,
    address: env === 'production' ? 'api.push.apple.com' : 'api.sandbox.push.apple.com',
    port: env === 'production' ? sim.productionPort : sim.developmentPort,
    ca: sim.caPem,
    lookup,
    connectionRetryLimit: 3,
    requestTimeout: 3000,
  } as unknown as apn.ProviderOptions);
}

beforeAll(async () => {
  sim = await startApnsSim({ tls: creds.simTls, now: () => Date.now() + clockOffset });
  Object.assign(tokens, seedSimState(sim.state, creds));
});
afterAll(() => sim?.close());
beforeEach(() => {
  clockOffset = 0;
  sim.state.faults.clear();
});

interface Case {
  reason: string;
  status: number;
  env?: SimEnvironment;
  credential?: Credential;
  token?: string;
  note?: Partial<Record<'topic' | 'pushType' | 'priority' | 'expiry' | 'collapseId' | 'id' | 'alert' | 'rawPayload', unknown>>;
  /** Reasons no well-behaved client can provoke are injected; 429/5xx four times to outlast node-apn's 3 retries. */
  inject?: FaultKind;
  before?: () => void;
}

async function send(c: Case) {
  const p = provider(c.env ?? 'development', c.credential ?? { cert: creds.development });
  const note = new apn.Notification();
  Object.assign(note, { topic: BUNDLE, pushType: 'alert', alert: 'hello', ...c.note });
  if (c.inject) sim.state.faults.set({ counts: { [c.inject]: 4 } });
  try {
    return await p.send(note, tokens[c.token ?? 'dev'] ?? c.token!);
  } finally {
    await p.shutdown();
  }
}

const cases: Case[] = [
  { reason: 'BadCollapseId', status: 400, note: { collapseId: 'c'.repeat(65) } },
  { reason: 'BadDeviceToken', status: 400, token: 'ab'.repeat(32) },
  { reason: 'BadExpirationDate', status: 400, note: { expiry: 1.5 } },
  { reason: 'BadMessageId', status: 400, note: { id: 'message-1' } },
  { reason: 'BadPriority', status: 400, note: { priority: 7 } },
  { reason: 'BadTopic', status: 400, note: { pushType: 'voip' } },
  { reason: 'DeviceTokenNotForTopic', status: 400, token: 'other' },
  { reason: 'DuplicateHeaders', status: 400, inject: 'DuplicateHeaders' },
  { reason: 'IdleTimeout', status: 400, inject: 'IdleTimeout' },
  { reason: 'InvalidPushType', status: 400, note: { pushType: 'banner' } },
  { reason: 'MissingDeviceToken', status: 400, inject: 'MissingDeviceToken' },
  { reason: 'MissingTopic', status: 400, credential: { key: creds.key }, note: { topic: undefined } },
  { reason: 'PayloadEmpty', status: 400, note: { alert: undefined } },
  { reason: 'TopicDisallowed', status: 400, note: { topic: OTHER_BUNDLE } },
  // node-apn reads the certificate's OIDs itself and refuses these before connecting (see below).
  { reason: 'BadCertificate', status: 403, inject: 'BadCertificate' },
  { reason: 'BadCertificateEnvironment', status: 403, inject: 'BadCertificateEnvironment' },
  { reason: 'ExpiredProviderToken', status: 403, credential: { key: creds.key }, before: () => (clockOffset = 2 * 3600_000) },
  { reason: 'Forbidden', status: 403, inject: 'Forbidden' },
  { reason: 'InvalidProviderToken', status: 403, credential: { key: creds.key, teamId: OTHER_TEAM } },
  { reason: 'MissingProviderToken', status: 403, inject: 'MissingProviderToken' },
  { reason: 'UnrelatedKeyIdInToken', status: 403, inject: 'UnrelatedKeyIdInToken' },
  { reason: 'BadEnvironmentKeyIdInToken', status: 403, credential: { key: creds.otherKey } },
  { reason: 'BadEnvironmentKeyInToken', status: 403, inject: 'BadEnvironmentKeyInToken' },
  { reason: 'BadPath', status: 404, inject: 'BadPath' },
  { reason: 'MethodNotAllowed', status: 405, inject: 'MethodNotAllowed' },
  { reason: 'ExpiredToken', status: 410, token: 'expired' },
  { reason: 'Unregistered', status: 410, token: 'gone' },
  { reason: 'PayloadTooLarge', status: 413, note: { alert: 'x'.repeat(4100) } },
  { reason: 'TooManyProviderTokenUpdates', status: 429, inject: 'TooManyProviderTokenUpdates' },
  { reason: 'TooManyRequests', status: 429, inject: 'TooManyRequests' },
  { reason: 'InternalServerError', status: 500, inject: 'InternalServerError' },
  { reason: 'ServiceUnavailable', status: 503, inject: 'ServiceUnavailable' },
  { reason: 'Shutdown', status: 503, inject: 'Shutdown' },
];

describe('node-apn sees every reason the simulator produces', () => {
  it.each(cases)('$status $reason', async (c) => {
    c.before?.();
    const result = await send(c);
    expect(result.sent).toEqual([]);
    const [failed] = result.failed as Array<{ status?: number; response?: { reason?: string; timestamp?: number }; error?: Error }>;
    expect(failed.status).toBe(c.status);
    // node-apn surfaces two reasons only as error messages after its own retries.
    const surfaced =
      c.reason === 'ExpiredProviderToken' ? failed.error?.message
      : c.reason === 'InternalServerError' ? (failed.error?.message.includes('Error 500') ? 'InternalServerError' : undefined)
      : failed.response?.reason;
    expect(surfaced).toBe(c.reason);
    if (c.status === 410) expect(failed.response?.timestamp).toBe(GONE_AT);
  });
});

describe('node-apn delivers with every credential kind', () => {
  const ok: Array<[string, SimEnvironment, Credential, string]> = [
    ['a development certificate (PEM) on the sandbox', 'development', { cert: creds.development }, 'dev'],
    ['a development certificate (.p12) on the sandbox', 'development', { p12: creds.development }, 'dev'],
    ['a production-only certificate (.p12) on production', 'production', { p12: creds.production }, 'prod'],
    ['a universal certificate on production', 'production', { cert: creds.universal }, 'prod'],
    ['a p8 key on the sandbox', 'development', { key: creds.key }, 'dev'],
    ['a p8 key on production', 'production', { key: creds.key }, 'prod'],
  ];
  it.each(ok)('%s', async (_name, env, credential, token) => {
    const before = sim.state.deliveryCount;
    const result = await send({ reason: '', status: 200, env, credential, token });
    expect(result.failed).toEqual([]);
    expect(result.sent.map((r) => r.device)).toEqual([tokens[token]]);
    expect(sim.state.deliveryCount).toBe(before + 1);
    expect(sim.state.deliveries({ since: before })[0]).toMatchObject({ environment: env, topic: BUNDLE, payload: { aps: { alert: 'hello' } } });
  });

  it('refuses a certificate for the other environment locally, before any request', () => {
    expect(() => provider('development', { cert: creds.production })).toThrow(/does not support configured environment/);
  });

  it('retries a 503 and then delivers once', async () => {
    sim.state.faults.set({ counts: { ServiceUnavailable: 2 } });
    const p = provider('development', { key: creds.key });
    const note = Object.assign(new apn.Notification(), { topic: BUNDLE, alert: 'retry me' });
    const before = sim.state.deliveryCount;
    const result = await p.send(note, tokens.dev).finally(() => p.shutdown());
    expect(result.sent).toHaveLength(1);
    expect(sim.state.deliveryCount).toBe(before + 1);
  });
});
