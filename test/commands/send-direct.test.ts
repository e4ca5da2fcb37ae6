import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSendDirect, type SendDirectOptions } from '../../src/commands/send-direct.js';
import { startApnsSim, type ApnsSim } from '../../src/apns-sim/index.js';
import type { ApnMaterial } from '../../src/core/credentials/inspect.js';
import { createStyle } from '../../src/output/style.js';
import type { CliError } from '../../src/core/errors.js';
import { BUNDLE, TEAM, testCredentials } from '../apns-sim/fixtures.js';
import { makeContext, makeTempDir, removeDir } from '../helpers/context.js';

const creds = testCredentials();
const p8: ApnMaterial = { kind: 'token', keyPem: creds.key.pem, keyId: creds.key.keyId, teamId: TEAM };
const devCert: ApnMaterial = { kind: 'cert', certPem: creds.development.certPem, keyPem: creds.development.keyPem };
const prodCert: ApnMaterial = { kind: 'cert', certPem: creds.production.certPem, keyPem: creds.production.keyPem };
const plain = createStyle(false);
let sim: ApnsSim;
let dir: string;

const device = (environment: 'development' | 'production' = 'development') => sim.state.registerDevice({ topic: BUNDLE, environment }).token;
const base = (extra: Partial<SendDirectOptions> = {}): SendDirectOptions => ({
  material: p8,
  environment: 'development',
  bundleId: BUNDLE,
  apnsUrl: sim.urlFor(extra.environment ?? 'development'),
  apnsCaPem: sim.caPem,
  pushText: '发来了一条消息',
  text: 'hello',
  retry: { baseDelayMs: 1, maxDelayMs: 10 },
  ...extra,
});
const failureOf = async (promise: Promise<unknown>): Promise<CliError> => {
  try {
    await promise;
  } catch (err) {
    return err as CliError;
  }
  throw new Error('expected a failure');
};

beforeAll(async () => {
  sim = await startApnsSim({ tls: creds.simTls });
  sim.state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
  dir = makeTempDir();
});
afterAll(async () => {
  await sim.close();
  removeDir(dir);
});

describe('runSendDirect results', () => {
  it('sends to every token and reports the JSON shape of DESIGN.md, exit 0', async () => {
    const tokens = [device(), device()];
    const result = await runSendDirect(base({ tokens }), makeContext({ json: true }));
    expect(result.exitCode).toBe(0);
    expect(result.data).toMatchObject({ ok: true, via: 'direct', summary: { sent: 2, failed: 0, blocked: 0 } });
    expect(result.data.results).toHaveLength(2);
    for (const [i, r] of result.data.results.entries()) {
      expect(r).toMatchObject({ recipient: tokens[i], status: 'sent', reason: null, findings: [] });
      expect(r.apnsId).toMatch(/^[0-9a-f-]{36}$/i);
    }
  });

  it('blocks bad tokens locally, reports APNs failures with cause and fix, exit 1', async () => {
    const good = device();
    const gone = device();
    sim.state.unregisterDevice(gone, Date.UTC(2024, 0, 2));
    const ctx = makeContext({ lang: 'zh' });
    const result = await runSendDirect(base({ tokens: [`<${good.toUpperCase()}>`, 'not-a-token', gone] }), ctx);
    expect(result.exitCode).toBe(1);
    expect(result.data.summary).toEqual({ sent: 1, failed: 1, blocked: 1 });
    const [first, bad, unregistered] = result.data.results;
    expect(first).toMatchObject({ status: 'sent', findings: [{ id: 'token.normalized', severity: 'info' }] });
    expect(bad).toMatchObject({ recipient: 'not-a-token', status: 'blocked', apnsId: null, findings: [{ id: 'token.invalid-format' }] });
    expect(unregistered).toMatchObject({ status: 'failed', reason: 'Unregistered', httpStatus: 410 });
    expect(unregistered.findings[0].message).toContain('2024-01-02');
    expect(sim.state.deliveries({ token: 'not-a-token' })).toHaveLength(0);
    const human = result.human(plain);
    expect(human).toMatch(/✖ not-a-token {2}blocked/);
    expect(human).toContain('410 Unregistered');
    expect(human).toContain('修复');
    expect(human).toContain('已发送 1,失败 1,拦截 1');
  });

  it('sends nothing when the payload is over the limit', async () => {
    const token = device();
    const before = sim.state.deliveries({ token }).length;
    const result = await runSendDirect(base({ tokens: [token], pushText: 'x'.repeat(5000) }), makeContext());
    expect(result.exitCode).toBe(1);
    expect(result.data.results[0]).toMatchObject({ status: 'blocked', findings: [{ id: 'payload.too-large' }] });
    expect(sim.state.deliveries({ token }).length).toBe(before);
  });

  it('reads --payload @file and reports a bad one', async () => {
    const file = join(dir, 'payload.json');
    writeFileSync(file, '{"aps":{"sound":"default"},"orderId":42}');
    const token = device();
    const ok = await runSendDirect(base({ tokens: [token], payload: `@${file}` }), makeContext());
    expect(ok.exitCode).toBe(0);
    expect(sim.state.deliveries({ token })[0].payload).toEqual({ aps: { sound: 'default', alert: '发来了一条消息' }, orderId: 42 });
    writeFileSync(file, '{orderId: 42');
    const bad = await runSendDirect(base({ tokens: [token], payload: `@${file}` }), makeContext());
    expect(bad.data.results[0].findings.map((f) => f.id)).toEqual(['payload.invalid-json']);
    expect((await failureOf(runSendDirect(base({ tokens: [token], payload: '@missing.json' }), makeContext({ cwd: dir })))).exitCode).toBe(2);
  });

  it('works in production with a production-only certificate', async () => {
    const token = device('production');
    const result = await runSendDirect(base({ tokens: [token], material: prodCert, environment: 'production' }), makeContext());
    expect(result.data.summary.sent).toBe(1);
  });

  it('a certificate for the other environment is exit 1 with cert.env-mismatch', async () => {
    const err = await failureOf(runSendDirect(base({ tokens: [device()], material: prodCert }), makeContext()));
    expect(err).toMatchObject({ exitCode: 1, code: 'cert.env-mismatch' });
  });

  it('an unreachable endpoint is exit 3 with apns.unreachable', async () => {
    const err = await failureOf(runSendDirect(base({ tokens: [device()], apnsUrl: 'https://127.0.0.1:1' }), makeContext()));
    expect(err).toMatchObject({ exitCode: 3, code: 'apns.unreachable' });
  });

  it.each<[string, Partial<SendDirectOptions>]>([
    ['no recipients', { tokens: [] }],
    ['bad expiry', { expiry: 'tomorrow' }],
    ['bad priority', { priority: '7' }],
    ['bad concurrency', { concurrency: 0 }],
    ['missing tokens file', { tokensFile: 'nope.txt' }],
    ['non-https apns url', { apnsUrl: 'http://127.0.0.1:1' }],
  ])('usage error (exit 2): %s', async (_name, extra) => {
    const err = await failureOf(runSendDirect(base({ tokens: ['ab'.repeat(32)], ...extra }), makeContext({ cwd: dir })));
    expect(err.exitCode).toBe(2);
  });
});

describe('--dry-run', () => {
  it('prints the exact requests with the JWT redacted and sends nothing', async () => {
    const token = device();
    const result = await runSendDirect(base({ tokens: [token, 'zz'], dryRun: true, collapseId: 'c1', expiry: '0' }), makeContext());
    expect(result.exitCode).toBe(1);
    expect(result.data).toMatchObject({ dryRun: true, summary: { sent: 0, failed: 0, blocked: 1, wouldSend: 1 } });
    expect(result.data.requests).toEqual([
      {
        recipient: token,
        method: 'POST',
        path: `/3/device/${token}`,
        headers: {
          'apns-topic': BUNDLE,
          'apns-push-type': 'alert',
          'apns-priority': '10',
          'apns-expiration': '0',
          'apns-collapse-id': 'c1',
          authorization: `bearer <ES256 JWT kid=${creds.key.keyId} iss=${TEAM}, redacted>`,
        },
        payload: { aps: { alert: '发来了一条消息' } },
      },
    ]);
    expect(JSON.stringify(result.data)).not.toContain('PRIVATE KEY');
    expect(sim.state.deliveries({ token })).toHaveLength(0);
    expect(result.human(plain)).toContain(`POST /3/device/${token}\napns-topic: ${BUNDLE}`);
  });

  it('has no authorization header for certificate auth', async () => {
    const result = await runSendDirect(base({ tokens: [device()], dryRun: true, material: devCert }), makeContext());
    expect(result.exitCode).toBe(0);
    expect(result.data.requests![0].headers.authorization).toBeUndefined();
  });
});

describe('bulk send', () => {
  it('streams a few thousand tokens from stdin through faults: every token accounted for once, no duplicate delivery', async () => {
    const tokens = Array.from({ length: 2000 }, () => device());
    const stdin = new PassThrough();
    stdin.end(['# bulk test', ...tokens.map((t, i) => (i % 500 === 0 ? `${t}\n` : t))].join('\n'));
    sim.state.faults.set({ seed: 7, rates: { ServiceUnavailable: 0.04, TooManyRequests: 0.03, InternalServerError: 0.02, reset: 0.02 } });
    const seen = new Map<string, number>();
    const since = sim.state.deliveries({ limit: 10_000 }).at(-1)?.seq ?? 0;
    try {
      const result = await runSendDirect(
        base({ tokensFile: '-', concurrency: 50, maxKeptResults: 100, retry: { maxAttempts: 8, baseDelayMs: 1, maxDelayMs: 20 }, onResult: (r) => seen.set(r.recipient, (seen.get(r.recipient) ?? 0) + 1) }),
        makeContext({ stdin, json: true }),
      );
      expect(result.data.summary).toEqual({ sent: 2000, failed: 0, blocked: 0 });
      expect(result.exitCode).toBe(0);
      expect(result.data.results.length).toBe(100);
      expect(result.data.omitted).toEqual({ sent: 1900, failed: 0 });
      // The faults really happened: otherwise this test would prove nothing about retries.
      const injected = sim.state.faults.injected;
      for (const kind of ['ServiceUnavailable', 'TooManyRequests', 'InternalServerError', 'reset'] as const) expect(injected.get(kind) ?? 0).toBeGreaterThan(0);
    } finally {
      sim.state.faults.set({});
    }
    expect(seen.size).toBe(2000);
    expect([...seen.values()].every((n) => n === 1)).toBe(true);
    const delivered = sim.state.deliveries({ since, limit: 10_000 }).map((d) => d.token);
    expect({ delivered: delivered.length, distinct: new Set(delivered).size }).toEqual({ delivered: 2000, distinct: 2000 });
  }, 30_000);

  it('re-sends the streams refused by a GOAWAY on a new connection, each token once', async () => {
    const tokens = Array.from({ length: 120 }, () => device());
    const since = sim.state.deliveries({ limit: 10_000 }).at(-1)?.seq ?? 0;
    // One stream at a time: the streams a GOAWAY refuses are then exactly the unprocessed ones.
    sim.state.faults.set({ goawayEvery: 25 });
    try {
      const result = await runSendDirect(base({ tokens, concurrency: 1 }), makeContext());
      expect(sim.state.faults.injected.get('goaway')).toBeGreaterThanOrEqual(4);
      expect(result.data.summary).toEqual({ sent: 120, failed: 0, blocked: 0 });
    } finally {
      sim.state.faults.set({});
    }
    const delivered = sim.state.deliveries({ since, limit: 10_000 }).map((d) => d.token);
    expect(delivered.sort()).toEqual([...tokens].sort());
  });
});
