/** The simulator answers like APNs, checked with a bare node:http2 client: one case per reason. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OutgoingHttpHeaders } from 'node:http2';
import { formatSimLogEntry, startApnsSim, type ApnsSim, type SimEnvironment, type SimLogEntry } from '../../src/apns-sim/index.js';
import type { MintedCert } from '../../src/standin/mint.js';
import { ALERT, BUNDLE, OTHER_BUNDLE, h2Once, h2Request, openSession, providerJwt, testCredentials, TEAM, OTHER_TEAM, GONE_AT, seedSimState } from './fixtures.js';

const creds = testCredentials();
let sim: ApnsSim;
let clockOffset = 0;
const logs: SimLogEntry[] = [];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  sim = await startApnsSim({ tls: creds.simTls, now: () => Date.now() + clockOffset, log: (e) => logs.push(e) });
  Object.assign(tokens, seedSimState(sim.state, creds));
});
afterAll(() => sim?.close());

type Auth = 'key' | 'otherKey' | 'forged' | 'otherTeam' | 'none' | { cert: MintedCert };

interface Case {
  name: string;
  reason: string;
  status: number;
  env?: SimEnvironment;
  auth?: Auth;
  method?: string;
  path?: string;
  token?: string;
  headers?: OutgoingHttpHeaders;
  body?: string;
  before?: () => void;
}

function authHeaders(auth: Auth): OutgoingHttpHeaders {
  if (typeof auth === 'object' || auth === 'none') return {};
  const jwt =
    auth === 'key' ? providerJwt(creds.key)
    : auth === 'otherKey' ? providerJwt(creds.otherKey)
    : auth === 'otherTeam' ? providerJwt(creds.key, OTHER_TEAM)
    // Signed by another key under this key's id: the signature cannot verify.
    : providerJwt({ ...creds.otherKey, keyId: creds.key.keyId });
  return { authorization: `bearer ${jwt}` };
}

async function run(c: Case) {
  const env = c.env ?? 'development';
  const auth = c.auth ?? 'key';
  const token = c.token ?? tokens.dev;
  const headers: OutgoingHttpHeaders = {
    ':method': c.method ?? 'POST',
    ':path': c.path ?? `/3/device/${token}`,
    'apns-topic': BUNDLE,
    'apns-push-type': 'alert',
    ...authHeaders(auth),
    ...c.headers,
  };
  for (const [name, value] of Object.entries(headers)) if (value === undefined) delete headers[name];
  return h2Once(sim.urlFor(env), sim.caPem, headers, c.body ?? ALERT, typeof auth === 'object' ? auth : {});
}

const big = (size: number) => JSON.stringify({ aps: { alert: 'x' }, pad: 'y'.repeat(size - 29) });

const cases: Case[] = [
  { name: 'GET instead of POST', reason: 'MethodNotAllowed', status: 405, method: 'GET', body: '' },
  { name: 'a path other than /3/device/<token>', reason: 'BadPath', status: 404, path: '/3/devices/abc' },
  { name: 'an empty token', reason: 'MissingDeviceToken', status: 400, path: '/3/device/' },
  { name: 'a header sent twice', reason: 'DuplicateHeaders', status: 400, headers: { 'apns-topic': [BUNDLE, BUNDLE] } },
  { name: 'no certificate and no JWT', reason: 'MissingProviderToken', status: 403, auth: 'none' },
  { name: 'a JWT that is not a JWT', reason: 'InvalidProviderToken', status: 403, headers: { authorization: 'bearer not-a-jwt' } },
  { name: 'a JWT with a signature from another key', reason: 'InvalidProviderToken', status: 403, auth: 'forged' },
  { name: 'a JWT naming another team', reason: 'InvalidProviderToken', status: 403, auth: 'otherTeam' },
  { name: 'a JWT older than one hour', reason: 'ExpiredProviderToken', status: 403, before: () => (clockOffset = 2 * 3600_000) },
  { name: 'a production-only key on the sandbox', reason: 'BadEnvironmentKeyIdInToken', status: 403, auth: 'otherKey' },
  { name: 'a certificate without push OIDs', reason: 'BadCertificate', status: 403, auth: { cert: creds.notPush } },
  { name: 'an expired certificate', reason: 'BadCertificate', status: 403, auth: { cert: creds.expired } },
  { name: 'a production certificate on the sandbox', reason: 'BadCertificateEnvironment', status: 403, auth: { cert: creds.production } },
  { name: 'a development certificate on production', reason: 'BadCertificateEnvironment', status: 403, env: 'production', token: 'prod', auth: { cert: creds.development } },
  { name: 'a certificate for another bundle id', reason: 'TopicDisallowed', status: 400, auth: { cert: creds.development }, headers: { 'apns-topic': OTHER_BUNDLE } },
  { name: 'a key restricted to other bundle ids', reason: 'TopicDisallowed', status: 400, headers: { 'apns-topic': OTHER_BUNDLE } },
  { name: 'token auth without apns-topic', reason: 'MissingTopic', status: 400, headers: { 'apns-topic': undefined } },
  { name: 'a universal certificate without apns-topic', reason: 'MissingTopic', status: 400, auth: { cert: creds.universal }, headers: { 'apns-topic': undefined } },
  { name: 'apns-id that is not a UUID', reason: 'BadMessageId', status: 400, headers: { 'apns-id': 'message-1' } },
  { name: 'an unknown push type', reason: 'InvalidPushType', status: 400, headers: { 'apns-push-type': 'banner' } },
  { name: 'priority 7', reason: 'BadPriority', status: 400, headers: { 'apns-priority': '7' } },
  { name: 'a background push at priority 10', reason: 'BadPriority', status: 400, headers: { 'apns-push-type': 'background', 'apns-priority': '10' } },
  { name: 'an expiration that is not a number', reason: 'BadExpirationDate', status: 400, headers: { 'apns-expiration': 'tomorrow' } },
  { name: 'a 65-byte collapse id', reason: 'BadCollapseId', status: 400, headers: { 'apns-collapse-id': 'c'.repeat(65) } },
  { name: 'a voip push to the bare bundle id', reason: 'BadTopic', status: 400, headers: { 'apns-push-type': 'voip' } },
  { name: 'an empty body', reason: 'PayloadEmpty', status: 400, body: '' },
  { name: 'a body that is not JSON', reason: 'PayloadEmpty', status: 400, body: '{"aps":' },
  { name: 'a 4097-byte alert payload', reason: 'PayloadTooLarge', status: 413, body: big(4097) },
  { name: 'a 5121-byte voip payload', reason: 'PayloadTooLarge', status: 413, body: big(5121), headers: { 'apns-push-type': 'voip', 'apns-topic': `${BUNDLE}.voip` } },
  { name: 'a token nobody registered', reason: 'BadDeviceToken', status: 400, token: 'ab'.repeat(32) },
  { name: 'a token that is not hex', reason: 'BadDeviceToken', status: 400, token: 'z'.repeat(64) },
  { name: 'a production token on the sandbox', reason: 'BadDeviceToken', status: 400, token: 'prod' },
  { name: 'a token of another app', reason: 'DeviceTokenNotForTopic', status: 400, token: 'other' },
  { name: 'an uninstalled app', reason: 'Unregistered', status: 410, token: 'gone' },
  { name: 'an expired token', reason: 'ExpiredToken', status: 410, token: 'expired' },
];

describe('APNs validation, one reason per case', () => {
  it.each(cases)('$name → $status $reason', async (c) => {
    clockOffset = 0;
    c.before?.();
    const answer = await run({ ...c, token: c.token && c.token in tokens ? tokens[c.token] : c.token });
    clockOffset = 0;
    expect(answer.status).toBe(c.status);
    expect(answer.json?.reason).toBe(c.reason);
    expect(answer.headers['apns-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('gives 410 answers the time the token stopped being valid, in ms', async () => {
    const answer = await run({ name: '', reason: '', status: 0, token: tokens.gone });
    expect(answer.json).toEqual({ reason: 'Unregistered', timestamp: GONE_AT });
  });

  it('refuses a second key id on a connection that already used another one', async () => {
    sim.state.registerKey({ keyId: 'SECOND1234', teamId: TEAM, publicKeyPem: creds.otherKey.publicKeyPem });
    const session = openSession(sim.developmentUrl, sim.caPem);
    const base = { ':path': `/3/device/${tokens.dev}`, 'apns-topic': BUNDLE };
    const first = await h2Request(session, { ...base, authorization: `bearer ${providerJwt(creds.key)}` }, ALERT);
    const second = await h2Request(session, { ...base, authorization: `bearer ${providerJwt({ ...creds.otherKey, keyId: 'SECOND1234' })}` }, ALERT);
    session.close();
    expect(first.status).toBe(200);
    expect(second).toMatchObject({ status: 403, json: { reason: 'UnrelatedKeyIdInToken' } });
  });
});

describe('provider token refresh rate (opt-in)', () => {
  it('answers 429 TooManyProviderTokenUpdates when a connection replaces its JWT too soon', async () => {
    const strict = await startApnsSim({ tls: creds.simTls, minTokenUpdateIntervalMs: 20 * 60_000 });
    strict.state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
    const token = strict.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token;
    const headers = (jwt: string) => ({ ':path': `/3/device/${token}`, 'apns-topic': BUNDLE, authorization: `bearer ${jwt}` });
    const [first, second] = [providerJwt(creds.key), providerJwt(creds.key)];
    const session = openSession(strict.developmentUrl, strict.caPem);
    const answers = [await h2Request(session, headers(first), ALERT), await h2Request(session, headers(first), ALERT), await h2Request(session, headers(second), ALERT)];
    session.close();
    const fresh = await h2Once(strict.developmentUrl, strict.caPem, headers(second), ALERT);
    await strict.close();
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2].json).toEqual({ reason: 'TooManyProviderTokenUpdates' });
    expect(fresh.status).toBe(200);
  });
});

describe('accepted pushes', () => {
  it('answers 200 on the sandbox with the sent apns-id and an apns-unique-id, and records the delivery', async () => {
    const apnsId = '123e4567-e89b-12d3-a456-426614174000';
    const answer = await run({ name: '', reason: '', status: 0, headers: { 'apns-id': apnsId, 'apns-collapse-id': 'c'.repeat(64) } });
    expect(answer.status).toBe(200);
    expect(answer.text).toBe('');
    expect(answer.headers['apns-id']).toBe(apnsId);
    expect(answer.headers['apns-unique-id']).toMatch(/^[0-9a-f-]{36}$/);
    const [delivery] = sim.state.deliveries({ token: tokens.dev }).filter((d) => d.apnsId === apnsId);
    expect(delivery).toMatchObject({ topic: BUNDLE, environment: 'development', payload: { aps: { alert: 'hello' } } });
    expect(delivery.headers).not.toHaveProperty('authorization');
  });

  it('accepts a production certificate on production, without apns-unique-id', async () => {
    const answer = await run({ name: '', reason: '', status: 0, env: 'production', token: tokens.prod, auth: { cert: creds.production }, headers: { 'apns-topic': undefined } });
    expect(answer.status).toBe(200);
    expect(answer.headers['apns-unique-id']).toBeUndefined();
  });

  it('accepts a universal certificate on both environments, and voip payloads up to 5120 bytes', async () => {
    const dev = await run({ name: '', reason: '', status: 0, auth: { cert: creds.universal } });
    const voip = await run({ name: '', reason: '', status: 0, env: 'production', token: tokens.prod, auth: { cert: creds.universal }, body: big(5000), headers: { 'apns-push-type': 'voip', 'apns-topic': `${BUNDLE}.voip` } });
    expect([dev.status, voip.status]).toEqual([200, 200]);
  });

  it('logs method, path, status and reason but never the JWT or the payload', () => {
    expect(logs.some((e) => e.status === 410 && e.reason === 'Unregistered' && e.path === `/3/device/${tokens.gone}`)).toBe(true);
    const text = JSON.stringify(logs);
    expect(text).not.toMatch(/bearer|eyJ|hello/);
    const line = formatSimLogEntry(logs.find((e) => e.reason === 'Unregistered')!);
    expect(line).toMatch(new RegExp(`dev  POST /3/device/${tokens.gone.slice(0, 8)}… 410 Unregistered$`));
  });
});
