/**
 * A bulk direct send through the real send path (runSendDirect → node-apn → HTTP/2) while the
 * simulator injects Apple's transient failures. Every token must end with exactly one result,
 * nothing may be delivered twice, permanent reasons are never retried, and the summary and exit
 * code must match what happened.
 */
import { createServer, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSendDirect, type SendDirectOptions } from '../../src/commands/send-direct.js';
import { startApnsSim, type ApnsSim } from '../../src/apns-sim/index.js';
import type { SimLogEntry } from '../../src/apns-sim/stream-handler.js';
import type { DirectResult } from '../../src/core/apns/result-tally.js';
import { PERMANENT_REASONS } from '../../src/core/apns/response.js';
import { BUNDLE, TEAM, testCredentials } from '../apns-sim/fixtures.js';
import { makeContext } from '../helpers/context.js';

const creds = testCredentials();
let sim: ApnsSim;
/** Every answer the simulator gave, by request path, in order. */
const answers = new Map<string, SimLogEntry[]>();

beforeAll(async () => {
  sim = await startApnsSim({
    tls: creds.simTls,
    log: (entry) => {
      const list = answers.get(entry.path);
      if (list) list.push(entry);
      else answers.set(entry.path, [entry]);
    },
  });
  sim.state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
});
afterAll(async () => {
  await sim?.close();
});

const device = (): string => sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token;
const lastSeq = (): number => sim.state.deliveries({ limit: 1_000_000 }).at(-1)?.seq ?? 0;

function sendOptions(extra: Partial<SendDirectOptions>): SendDirectOptions {
  return {
    material: { kind: 'token', keyPem: creds.key.pem, keyId: creds.key.keyId, teamId: TEAM },
    environment: 'development',
    bundleId: BUNDLE,
    apnsUrl: sim.urlFor('development'),
    apnsCaPem: sim.caPem,
    pushText: '发来了一条消息',
    tokensFile: '-',
    maxKeptResults: 200,
    requestTimeoutMs: 5000,
    ...extra,
  };
}

/** Runs a send of `lines` from stdin and collects every per-token result as it completes. */
async function bulkSend(lines: string[], extra: Partial<SendDirectOptions>) {
  const stdin = new PassThrough();
  stdin.end(lines.join('\n'));
  const results = new Map<string, DirectResult[]>();
  const onResult = (r: DirectResult): void => {
    results.set(r.recipient, [...(results.get(r.recipient) ?? []), r]);
  };
  const since = lastSeq();
  const outcome = await runSendDirect(sendOptions({ ...extra, onResult }), makeContext({ stdin, json: true }));
  const delivered = sim.state.deliveries({ since, limit: 1_000_000 }).map((d) => d.token);
  return { outcome, results, delivered };
}

function duplicatesOf(tokens: string[]): string[] {
  const seen = new Set<string>();
  return tokens.filter((t) => (seen.has(t) ? true : (seen.add(t), false)));
}

describe('bulk send under APNs faults', () => {
  it('sends 5,000 tokens through 500/503/429, GOAWAY, resets and slow answers: one result each, no duplicate, no retry of permanent reasons', async () => {
    const good = Array.from({ length: 5000 }, device);
    const unregistered = Array.from({ length: 40 }, device);
    for (const token of unregistered) sim.state.unregisterDevice(token, Date.now() - 60_000);
    const malformed = Array.from({ length: 10 }, (_, i) => `not-a-token-${i}`);
    // Interleave, so permanent failures and local refusals sit among the retried tokens.
    const lines = [...good];
    unregistered.forEach((t, i) => lines.splice(i * 120 + 7, 0, t));
    malformed.forEach((t, i) => lines.splice(i * 480 + 3, 0, t));

    sim.state.faults.set({
      seed: 20260101,
      rates: { InternalServerError: 0.025, ServiceUnavailable: 0.025, TooManyRequests: 0.02, reset: 0.01 },
      goawayEvery: 1000,
      delayJitterMs: 12,
    });
    let faults: Record<string, number>;
    let run: Awaited<ReturnType<typeof bulkSend>>;
    const started = Date.now();
    try {
      run = await bulkSend(lines, { concurrency: 100, retry: { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 200 } });
    } finally {
      faults = sim.state.faults.summary();
      sim.state.faults.set({});
    }
    const { outcome, results, delivered } = run;

    // The faults really happened, in the proportions asked for.
    const total = Object.values(faults).reduce((a, b) => a + b, 0);
    expect(faults.InternalServerError).toBeGreaterThan(50);
    expect(faults.ServiceUnavailable).toBeGreaterThan(50);
    expect(faults.TooManyRequests).toBeGreaterThan(40);
    expect(faults.reset).toBeGreaterThan(20);
    expect(faults.goaway).toBeGreaterThanOrEqual(5);

    // Every token (and every malformed line) got exactly one result.
    expect(results.size).toBe(lines.length);
    expect([...results.values()].every((list) => list.length === 1)).toBe(true);
    const notSent = good.filter((t) => results.get(t)![0].status !== 'sent');
    expect(notSent.map((t) => ({ result: results.get(t)![0], log: answers.get(`/3/device/${t}`) })).slice(0, 3)).toEqual([]);
    for (const token of unregistered) {
      const result = results.get(token)![0];
      expect(result).toMatchObject({ status: 'failed', httpStatus: 410, reason: 'Unregistered' });
      // Attempts refused before reaching the server (a closing connection) count too, so ≥.
      expect(result.attempts).toBeGreaterThanOrEqual(answers.get(`/3/device/${token}`)!.length);
    }
    // Local checks stop malformed tokens before APNs: blocked, with the finding that says why.
    for (const line of malformed) expect(results.get(line)![0]).toMatchObject({ status: 'blocked', findings: [{ id: 'token.invalid-format' }] });

    // The simulator delivered each good token exactly once, and nothing else.
    expect(duplicatesOf(delivered)).toEqual([]);
    expect(delivered.length).toBe(good.length);
    expect(new Set(delivered)).toEqual(new Set(good));

    // Apple's guidance: a permanent reason ends the token's attempts; transient answers are retried after a back-off.
    let retriedTokens = 0;
    for (const token of [...good, ...unregistered]) {
      const log = answers.get(`/3/device/${token}`)!;
      const final = log.at(-1)!;
      expect(final.fault, `${token} final answer`).toBeFalsy();
      expect(log.slice(0, -1).every((e) => e.fault || e.status === 'reset'), `${token} ${JSON.stringify(log)}`).toBe(true);
      expect(log.filter((e) => typeof e.reason === 'string' && PERMANENT_REASONS.has(e.reason))).toHaveLength(unregistered.includes(token) ? 1 : 0);
      if (log.length > 1) retriedTokens += 1;
      // Each retry waited out its back-off (at least half the 20 ms base; ISO times round to 1 ms).
      for (let i = 1; i < log.length; i += 1) expect(Date.parse(log[i].time) - Date.parse(log[i - 1].time), token).toBeGreaterThanOrEqual(9);
    }
    expect(retriedTokens).toBeGreaterThan(200);
    // Attempts that never reached the simulator burn a retry each. Only the streams outstanding
    // when a GOAWAY arrives may be refused that way; closing a connection after a 500 must not
    // cost any (it used to: queued requests were refused or destroyed, ~1,000 per run).
    const attempts = [...results.values()].reduce((n, [r]) => n + (r.attempts ?? 0), 0);
    const reached = [...good, ...unregistered].reduce((n, t) => n + answers.get(`/3/device/${t}`)!.length, 0);
    const wasted = attempts - reached;
    expect(wasted).toBeLessThanOrEqual(faults.goaway * 100);

    expect(outcome.exitCode).toBe(1);
    expect(outcome.data.ok).toBe(false);
    expect(outcome.data.summary).toEqual({ sent: good.length, failed: unregistered.length, blocked: malformed.length });
    // Failures are never crowded out of the listed results by successes.
    expect(outcome.data.results.filter((r) => r.status !== 'sent')).toHaveLength(unregistered.length + malformed.length);
    expect(outcome.data.omitted).toEqual({ sent: good.length - 200, failed: 0 });
    console.info(`apns faults: ${lines.length} lines, ${total} faults injected ${JSON.stringify(faults)}, ${retriedTokens} tokens retried, ${attempts} attempts (${wasted} never reached the server), ` +
      `${delivered.length} delivered, ${duplicatesOf(delivered).length} duplicates, ${Date.now() - started} ms`);
  }, 45_000);

  it('loses and duplicates nothing when GOAWAY interrupts 100 concurrent streams over and over', async () => {
    const tokens = Array.from({ length: 1800 }, device);
    sim.state.faults.set({ seed: 77, goawayEvery: 450, delayMs: 2, delayJitterMs: 15 });
    let goaways: number;
    let run: Awaited<ReturnType<typeof bulkSend>>;
    try {
      run = await bulkSend(tokens, { concurrency: 100, connections: 2, retry: { maxAttempts: 6, baseDelayMs: 5, maxDelayMs: 50 } });
    } finally {
      goaways = sim.state.faults.summary().goaway ?? 0;
      sim.state.faults.set({});
    }
    const refused = [...run.results.values()].filter(([r]) => (r.attempts ?? 1) > 1).length;
    expect(goaways).toBeGreaterThanOrEqual(3);
    expect(refused).toBeGreaterThan(0);
    expect(run.outcome.data.summary).toEqual({ sent: tokens.length, failed: 0, blocked: 0 });
    expect(run.outcome.exitCode).toBe(0);
    expect(duplicatesOf(run.delivered)).toEqual([]);
    expect(run.delivered.length).toBe(tokens.length);
    console.info(`apns goaway: ${tokens.length} tokens, ${goaways} GOAWAYs, ${refused} tokens re-sent after a refused stream, ${duplicatesOf(run.delivered).length} duplicates`);
  }, 30_000);
});

describe('an APNs endpoint that accepts and never answers', () => {
  it('ends the send with a result per token and closes promptly, without hanging on the dead connection', async () => {
    const held: Socket[] = [];
    const blackHole = createServer((socket) => {
      socket.on('error', () => undefined);
      held.push(socket);
    });
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', () => resolve()));
    const port = (blackHole.address() as { port: number }).port;
    const started = Date.now();
    try {
      const stdin = new PassThrough();
      stdin.end(['a'.repeat(64), 'b'.repeat(64)].join('\n'));
      const outcome = await runSendDirect(
        sendOptions({ apnsUrl: `https://127.0.0.1:${port}`, requestTimeoutMs: 300, retry: { maxAttempts: 2, baseDelayMs: 10, maxDelayMs: 20 } }),
        makeContext({ stdin, json: true }),
      ).then((r) => r.data.summary, (e: { exitCode?: number; details?: { summary?: unknown; results?: Array<{ status: string }> } }) => ({ exitCode: e.exitCode, summary: e.details?.summary, results: e.details?.results }));
      // An endpoint that never answered anything is unreachable (exit 3), and the answer comes soon:
      // closing the never-connected session used to wait forever for its TLS handshake.
      expect(outcome).toMatchObject({ exitCode: 3 });
      // Every recipient read before the run stopped still has its result.
      const { results } = outcome as { results?: Array<{ status: string }> };
      expect(results?.length).toBeGreaterThan(0);
      expect(results?.every((r) => r.status === 'failed')).toBe(true);
      expect(Date.now() - started).toBeLessThan(8000);
    } finally {
      for (const socket of held) socket.destroy();
      blackHole.close();
    }
  }, 20_000);
});
