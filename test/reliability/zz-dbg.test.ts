import { PassThrough } from 'node:stream';
import { it } from 'vitest';
import { runSendDirect } from '../../src/commands/send-direct.js';
import { startApnsSim } from '../../src/apns-sim/index.js';
import { BUNDLE, TEAM, testCredentials } from '../apns-sim/fixtures.js';
import { makeContext } from '../helpers/context.js';
it('dbg', async () => {
  const creds = testCredentials();
  const sim = await startApnsSim({ tls: creds.simTls });
  sim.state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
  const good = Array.from({ length: 5000 }, () => sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token);
  sim.state.faults.set({ seed: 20260101, rates: { InternalServerError: 0.025, ServiceUnavailable: 0.025, TooManyRequests: 0.02, reset: 0.01 }, goawayEvery: 1000, delayJitterMs: 12 });
  const stdin = new PassThrough(); stdin.end(good.join('\n'));
  const ctx = makeContext({ stdin, json: true });
  const r = await runSendDirect({ material: { kind: 'token', keyPem: creds.key.pem, keyId: creds.key.keyId, teamId: TEAM }, environment: 'development', bundleId: BUNDLE, apnsUrl: sim.urlFor('development'), apnsCaPem: sim.caPem, pushText: 'x', tokensFile: '-', concurrency: 100, retry: { maxAttempts: 8, baseDelayMs: 20, maxDelayMs: 200 } }, ctx);
  const counts = new Map<string, number>();
  for (const l of ctx.logs) { const k = l.replace(/^apns: retry \S+ in \d+ ms after /, '').slice(0, 140); counts.set(k, (counts.get(k) ?? 0) + 1); }
  console.log(r.data.summary, [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12));
  await sim.close();
}, 60000);
