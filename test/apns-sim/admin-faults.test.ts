/** The /sim/v1/ admin endpoints (through the admin client) and fault injection. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  callSimAdmin,
  checkSimHealth,
  clearSimFaults,
  fetchSimDeliveries,
  registerSimDevice,
  registerSimKey,
  setSimFaults,
  startApnsSim,
  unregisterSimDevice,
  type ApnsSim,
  type SimEndpoint,
} from '../../src/apns-sim/index.js';
import { ALERT, BUNDLE, h2Once, h2Request, openSession, providerJwt, TEAM, testCredentials } from './fixtures.js';

const creds = testCredentials();
let sim: ApnsSim;
let dev: SimEndpoint;
let prod: SimEndpoint;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'apns-sim-admin-'));
  sim = await startApnsSim({ tls: creds.simTls, stateDir: join(dir, 'state'), maxDeliveries: 5 });
  dev = { url: sim.developmentUrl, caPem: sim.caPem };
  prod = { url: sim.productionUrl, caPem: sim.caPem };
  await registerSimKey(dev, { keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
});
afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => sim.state.faults.clear());

const push = (token: string, session = openSession(sim.developmentUrl, sim.caPem)) =>
  h2Request(session, { ':path': `/3/device/${token}`, 'apns-topic': BUNDLE, authorization: `bearer ${providerJwt(creds.key)}` }, ALERT).finally(() => session.close());

describe('admin endpoints', () => {
  it('writes the CA file that clients trust into the state dir', () => {
    expect(sim.caFile).toBe(join(dir, 'state', 'apns-sim-ca.pem'));
    expect(readFileSync(sim.caFile!, 'utf8')).toBe(sim.caPem);
  });

  it('mints a 64-hex token bound to the port environment unless told otherwise', async () => {
    const a = await registerSimDevice(dev, { topic: BUNDLE });
    const b = await registerSimDevice(dev, { topic: BUNDLE, environment: 'production' });
    const c = await registerSimDevice(prod, { topic: BUNDLE, token: 'AB'.repeat(32) });
    expect(a).toEqual({ token: expect.stringMatching(/^[0-9a-f]{64}$/), topic: BUNDLE, environment: 'development' });
    expect(b.environment).toBe('production');
    expect(c).toMatchObject({ token: 'ab'.repeat(32), environment: 'production' });
    expect((await push(a.token)).status).toBe(200);
    expect((await push(b.token)).json).toEqual({ reason: 'BadDeviceToken' });
  });

  it('unregisters a token so that pushes get 410 with the time', async () => {
    const { token } = await registerSimDevice(dev, { topic: BUNDLE });
    await unregisterSimDevice(dev, token, { timestamp: 1_700_000_000_000 });
    expect(await push(token)).toMatchObject({ status: 410, json: { reason: 'Unregistered', timestamp: 1_700_000_000_000 } });
  });

  it('refuses bad input with a usage error naming the problem, and keeps serving', async () => {
    await expect(registerSimDevice(dev, { topic: '' })).rejects.toMatchObject({ code: 'apns-sim.rejected', exitCode: 2, message: /topic is required/ });
    await expect(registerSimDevice(dev, { topic: BUNDLE, token: 'xyz' })).rejects.toThrow(/64 or more hex/);
    await expect(registerSimKey(dev, { keyId: 'K', teamId: TEAM, publicKeyPem: 'junk' })).rejects.toThrow(/PEM/);
    await expect(callSimAdmin(dev, 'POST', '/sim/v1/devices', '[1,2]')).rejects.toThrow(/JSON object/);
    await expect(callSimAdmin(dev, 'GET', '/sim/v1/nothing')).rejects.toThrow(/unknown admin endpoint/);
    await expect(unregisterSimDevice(dev, 'cd'.repeat(32))).rejects.toThrow(/no such device/);
    expect(await checkSimHealth(prod)).toMatchObject({ ok: true, environment: 'production' });
  });

  it('reports an unreachable simulator as exit 3', async () => {
    const closed = await startApnsSim({ tls: creds.simTls });
    await closed.close();
    await expect(checkSimHealth({ url: closed.developmentUrl, caPem: closed.caPem, timeoutMs: 1000 })).rejects.toMatchObject({ exitCode: 3, code: 'apns-sim.unreachable' });
  });

  it('pages deliveries with since/limit/token, keeping only the newest in memory but counting all', async () => {
    const { token } = await registerSimDevice(dev, { topic: BUNDLE });
    const start = sim.state.deliveryCount;
    for (let i = 0; i < 8; i++) expect((await push(token)).status).toBe(200);
    const all = await fetchSimDeliveries(dev, { token });
    expect(all.total).toBe(start + 8);
    expect(all.deliveries).toHaveLength(5);
    expect(all.deliveries.map((d) => d.seq)).toEqual([4, 5, 6, 7, 8].map((n) => start + n));
    const page = await fetchSimDeliveries(dev, { since: start + 5, limit: 2 });
    expect(page.deliveries.map((d) => d.seq)).toEqual([start + 6, start + 7]);
    expect(page.next).toBe(start + 7);
  });
});

describe('fault injection', () => {
  let token: string;
  beforeAll(async () => {
    token = (await registerSimDevice(dev, { topic: BUNDLE })).token;
  });

  it('answers an exact number of 429s, then delivers', async () => {
    await setSimFaults(dev, { counts: { TooManyRequests: 2 } });
    const answers = [await push(token), await push(token), await push(token)];
    expect(answers.map((a) => [a.status, a.json?.reason])).toEqual([[429, 'TooManyRequests'], [429, 'TooManyRequests'], [200, undefined]]);
  });

  it('injects faults at a rate, identically for the same seed', async () => {
    const run = async () => {
      await setSimFaults(dev, { seed: 42, rates: { InternalServerError: 0.3, ServiceUnavailable: 0.2 } });
      const session = openSession(sim.developmentUrl, sim.caPem);
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await h2Request(session, { ':path': `/3/device/${token}`, 'apns-topic': BUNDLE, authorization: `bearer ${providerJwt(creds.key)}` }, ALERT)).status);
      session.close();
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(1);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(10);
  });

  it('resets streams without delivering them', async () => {
    await setSimFaults(dev, { counts: { reset: 1 } });
    const before = sim.state.deliveryCount;
    expect((await push(token)).status).toBe(-1);
    expect(sim.state.deliveryCount).toBe(before);
    expect((await push(token)).status).toBe(200);
  });

  it('sends GOAWAY with a JSON reason every Nth stream and refuses that stream unprocessed', async () => {
    await setSimFaults(dev, { goawayEvery: 3, goawayReason: 'Shutdown' });
    const session = openSession(sim.developmentUrl, sim.caPem);
    const goaway = new Promise<string>((resolve) => session.on('goaway', (_code, _last, data?: Buffer) => resolve(String(data))));
    const before = sim.state.deliveryCount;
    const headers = { ':path': `/3/device/${token}`, 'apns-topic': BUNDLE, authorization: `bearer ${providerJwt(creds.key)}` };
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await h2Request(session, headers, ALERT)).status);
    expect(statuses).toEqual([200, 200, -1]);
    expect(JSON.parse(await goaway)).toEqual({ reason: 'Shutdown' });
    expect(sim.state.deliveryCount).toBe(before + 2);
    expect(session.closed || session.destroyed).toBe(true);
  });

  it('delays answers and can be cleared', async () => {
    await setSimFaults(dev, { delayMs: 150 });
    const started = Date.now();
    expect((await push(token)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await clearSimFaults(dev);
    expect(sim.state.faults.current()).toEqual({});
  });

  it('rejects a malformed fault spec', async () => {
    await expect(setSimFaults(dev, { rates: { TooManyRequests: 2 } })).rejects.toThrow(/between 0 and 1/);
    await expect(callSimAdmin(dev, 'POST', '/sim/v1/faults', { counts: { Nonsense: 1 } })).rejects.toThrow(/not an APNs reason/);
  });

  it('closes idle connections with GOAWAY IdleTimeout when configured', async () => {
    const idle = await startApnsSim({ tls: creds.simTls, idleTimeoutMs: 100 });
    const session = openSession(idle.developmentUrl, idle.caPem);
    const reason = await new Promise<string>((resolve) => {
      session.on('goaway', (_code, _last, data?: Buffer) => resolve(String(data)));
      session.on('connect', () => undefined);
    });
    expect(JSON.parse(reason)).toEqual({ reason: 'IdleTimeout' });
    session.close();
    await idle.close();
  });

  it('refuses to start when a port is taken, leaving nothing running', async () => {
    await expect(startApnsSim({ tls: creds.simTls, productionPort: sim.developmentPort })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect((await h2Once(sim.developmentUrl, sim.caPem, { ':method': 'GET', ':path': '/sim/v1/health' })).status).toBe(200);
  });
});
