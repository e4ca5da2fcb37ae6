/**
 * Under load with injected faults, the delivery log is exact: one entry per 200, none for a
 * 429/5xx, a reset or a GOAWAY-refused stream. Sender tests rely on this to count tokens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClientHttp2Session } from 'node:http2';
import { startApnsSim, type ApnsSim } from '../../src/apns-sim/index.js';
import { ALERT, BUNDLE, h2Request, openSession, providerJwt, TEAM, testCredentials } from './fixtures.js';

const creds = testCredentials();
const TOKENS = 3000;
const CONCURRENCY = 100;

describe('the simulator under load with faults', () => {
  let sim: ApnsSim;
  const tokens: string[] = [];
  beforeAll(async () => {
    sim = await startApnsSim({ tls: creds.simTls, maxDeliveries: 1000 });
    sim.state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
    for (let i = 0; i < TOKENS; i++) tokens.push(sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token);
    sim.state.faults.set({ seed: 7, rates: { TooManyRequests: 0.05, ServiceUnavailable: 0.05, reset: 0.02 }, goawayEvery: 400 });
  });
  afterAll(() => sim?.close());

  it(`answers ${TOKENS} pushes and records exactly the accepted ones`, async () => {
    const jwt = providerJwt(creds.key);
    let session: ClientHttp2Session = openSession(sim.developmentUrl, sim.caPem);
    const outcomes = new Map<number, number>();
    let accepted = 0;
    let next = 0;
    const worker = async () => {
      while (next < tokens.length) {
        const token = tokens[next++];
        if (session.closed || session.destroyed) session = openSession(sim.developmentUrl, sim.caPem);
        const { status } = await h2Request(session, { ':path': `/3/device/${token}`, 'apns-topic': BUNDLE, authorization: `bearer ${jwt}` }, ALERT);
        outcomes.set(status, (outcomes.get(status) ?? 0) + 1);
        if (status === 200) accepted += 1;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    session.close();

    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(TOKENS);
    expect(sim.state.deliveryCount).toBe(accepted);
    expect(accepted).toBeGreaterThan(TOKENS * 0.8);
    expect(outcomes.get(429)).toBeGreaterThan(0);
    expect(outcomes.get(503)).toBeGreaterThan(0);
    expect(outcomes.get(-1)).toBeGreaterThan(0); // resets and GOAWAY-refused streams
    expect(sim.state.faults.summary().goaway).toBeGreaterThan(0);
    // The in-memory log stays bounded while the count covers the whole run.
    expect(sim.state.deliveries({ limit: 5000 }).length).toBeLessThanOrEqual(1000);
  }, 30_000);
});
