/** Random requests (fixed seed) never crash the simulator and always get a well-formed answer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientHttp2Session, OutgoingHttpHeaders } from 'node:http2';
import { startApnsSim, type ApnsSim } from '../../src/apns-sim/index.js';
import { isApnsReason, statusOfReason } from '../../src/core/catalogue/apns-reasons.js';
import { ALERT, BUNDLE, h2Request, openSession, providerJwt, TEAM, testCredentials } from './fixtures.js';
import { seededRandom } from '../../src/core/seeded-random.js';

const creds = testCredentials();
const REQUESTS = 2400;


const random = seededRandom(20240601);
const int = (n: number) => Math.floor(random() * n);
const pick = <T,>(items: readonly T[]): T => items[int(items.length)];
const printable = (max: number) => Array.from({ length: int(max) }, () => String.fromCharCode(32 + int(95))).join('');
const b64 = (value: string) => Buffer.from(value).toString('base64url');

let validToken = '';
const jwtLike = () =>
  pick([
    () => providerJwt(creds.key),
    () => providerJwt(creds.otherKey),
    () => `${b64(printable(40))}.${b64(printable(40))}.${b64(printable(64))}`,
    () => `${b64(JSON.stringify({ alg: pick(['ES256', 'none', 'HS256']), kid: pick([creds.key.keyId, printable(12)]) }))}.${b64(JSON.stringify({ iss: pick([TEAM, 7, null]), iat: pick([0, 1e20, -1, 'x', Date.now() / 1000]) }))}.${b64(printable(80))}`,
    () => printable(200),
  ])();

const headerNames = ['apns-topic', 'apns-push-type', 'apns-priority', 'apns-expiration', 'apns-collapse-id', 'apns-id', 'authorization', 'content-type', 'x-random', 'apns-unknown'];
const headerValue = (name: string): string =>
  name === 'authorization'
    ? pick(['bearer ', 'Bearer ', 'basic ', '']) + jwtLike()
    : pick([
        () => printable(20),
        () => String(int(20) - 5),
        () => pick(['alert', 'background', 'voip', 'liveactivity', 'bogus', '']),
        () => pick([BUNDLE, `${BUNDLE}.voip`, 'com.other', '']),
        () => 'x'.repeat(int(300)),
        () => '123e4567-e89b-12d3-a456-426614174000',
      ])();

const path = () =>
  pick([
    () => `/3/device/${validToken}`,
    () => `/3/device/${printable(80).replace(/[\s?#]/g, '')}`,
    () => `/3/device/${'f'.repeat(int(300))}`,
    () => pick(['/', '/3/device', '/3/device/', '/3/', '//', '/sim/v1/', '/sim/v1/health', '/sim/v1/devices', '/sim/v1/keys', '/sim/v1/deliveries?since=x&limit=-1', '/%00', '/3/device/%ZZ']),
    () => `/sim/v1/devices/${printable(20).replace(/[\s?#]/g, '')}/unregister`,
    () => `/${printable(50).replace(/[\s?#]/g, '')}`,
  ])();

const body = (): string | Buffer | undefined =>
  pick([
    () => undefined,
    () => ALERT,
    () => JSON.stringify({ aps: { alert: printable(100) }, [printable(8)]: int(100) }),
    () => JSON.stringify(pick([null, 1, 'text', [1, 2], { topic: printable(10), token: printable(64) }])),
    () => Buffer.from(Array.from({ length: int(600) }, () => int(256))),
    () => JSON.stringify({ aps: { alert: 'x'.repeat(3000 + int(3000)) } }),
    () => (random() < 0.02 ? Buffer.alloc(1_500_000, 0x7b) : '{'.repeat(int(10_000))),
  ])();

function randomHeaders(): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = { ':method': pick(['POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']), ':path': path() };
  for (let i = int(7); i > 0; i--) {
    const name = pick(headerNames);
    // Sometimes twice: the duplicate-header check must see it.
    headers[name] = random() < 0.1 ? [headerValue(name), headerValue(name)] : headerValue(name);
  }
  return headers;
}

describe('fuzzing the simulator', () => {
  let sim: ApnsSim;
  beforeAll(async () => {
    sim = await startApnsSim({ tls: creds.simTls });
    sim.state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
    validToken = sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token;
  });
  afterAll(() => sim?.close());

  it(`answers ${REQUESTS} random requests well-formed, then still delivers a valid push`, async () => {
    const sessions: ClientHttp2Session[] = [];
    const session = () => {
      const open = sessions.filter((s) => !s.closed && !s.destroyed);
      if (open.length >= 4 && random() < 0.97) return pick(open);
      const cert = pick([undefined, undefined, creds.development, creds.production, creds.notPush]);
      const s = openSession(pick([sim.developmentUrl, sim.productionUrl]), sim.caPem, cert ? { cert } : {});
      sessions.push(s);
      return s;
    };
    const malformed: string[] = [];
    let unsent = 0;
    for (let batch = 0; batch < REQUESTS / 40; batch++) {
      const requests = Array.from({ length: 40 }, () => {
        const headers = randomHeaders();
        return h2Request(session(), headers, headers[':method'] === 'GET' ? undefined : body()).then((answer) => ({ headers, answer }));
      });
      for (const { headers, answer } of await Promise.all(requests)) {
        if (answer.status === -2) {
          unsent += 1; // node's client itself refuses e.g. a repeated content-type
          continue;
        }
        const admin = String(headers[':path']).startsWith('/sim/v1/');
        const reason = answer.json?.reason;
        const wellFormed = admin
          ? [200, 400, 404, 413].includes(answer.status)
          : answer.status === 200 || (isApnsReason(reason) && statusOfReason(reason) === answer.status);
        // -1: the request was cut off (1.5 MB bodies are cancelled); anything else must be an answer.
        if (!wellFormed && !(answer.status === -1 && !admin)) malformed.push(`${headers[':method']} ${headers[':path']} → ${answer.status} ${answer.text.slice(0, 80)}`);
      }
    }
    for (const s of sessions) s.destroy();
    expect(malformed).toEqual([]);
    expect(unsent).toBeLessThan(REQUESTS * 0.1);

    sim.state.faults.clear();
    const check = openSession(sim.developmentUrl, sim.caPem);
    const answer = await h2Request(check, { ':path': `/3/device/${validToken}`, 'apns-topic': BUNDLE, authorization: `bearer ${providerJwt(creds.key)}` }, ALERT);
    check.close();
    expect(answer.status).toBe(200);
  }, 60_000);
});
