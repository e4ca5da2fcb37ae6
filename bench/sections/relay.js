/**
 * Relay: msg/sendMsg requests/s through `nim-push relay serve --ephemeral --no-rate-limit`
 * pushing to a separately started APNs simulator, the receiver logged in with the app in the
 * background and an APNs token, so every message is a push decision and an APNs send. The load
 * signs as an app server does and gets NIM's answer; every push is checked at the simulator. It is
 * judged against the I/O floor (clients/io-floor-server.js): a server that makes the same one
 * HTTP/2 push to the same simulator per request and does nothing else. A server that does no
 * I/O at all (clients/minimal-server.js) is a reference row. Rounds are interleaved.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild, startService } from '../lib/children.js';
import { APP_KEY, APP_SECRET, BIN, BUNDLE_ID, ROOT, cliEnv, initProfile } from '../lib/setup.js';
import { prepareReceiver, SEND_FORM } from '../lib/relay-receiver.js';
import { mintTokens, startSim } from '../lib/sim.js';
import { median, pairedRatio, verdict } from '../lib/stats.js';

/** NIM's documented limit on the send APIs, per app: the relay's throughput is reported as a multiple of it. */
const NIM_SEND_LIMIT_PER_S = 100;

/** An unmeasured run per server before the rounds: each gets its JIT-compiled steady state first. */
const WARMUP_RUN_MS = 3000;

async function load(ctx, baseUrl, name, durationMs = ctx.relayDurationMs) {
  const file = join(ctx.world.dir, `relay-load-${name}.json`);
  writeFileSync(file, JSON.stringify({
    baseUrl,
    path: 'msg/sendMsg.action',
    form: SEND_FORM,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    connections: ctx.relayConnections,
    durationMs,
    warmupMs: 300,
    maxRequests: 2_000_000,
  }));
  const res = await runChild(process.execPath, [join(ROOT, 'bench', 'clients', 'relay-load.js'), file], { timeoutMs: durationMs + 60_000 });
  if (res.code !== 0) throw new Error(`load generator failed (${res.code}): ${res.stderr.slice(-800)}`);
  return JSON.parse(res.stdout);
}

export async function runRelay(ctx) {
  const configDir = join(ctx.world.dir, 'config-relay');
  await initProfile(configDir, ctx.world.creds);
  const sim = await startSim(join(ctx.world.dir, 'config-relay-sim'), join(ctx.world.dir, 'relay-apns-sim.log'));
  const [token] = await mintTokens(sim, BUNDLE_ID, 1);
  const certFile = join(ctx.world.dir, 'relay-floor-cert.pem');
  const keyFile = join(ctx.world.dir, 'relay-floor-key.pem');
  writeFileSync(certFile, ctx.world.creds.cert.certPem);
  writeFileSync(keyFile, ctx.world.creds.cert.keyPem, { mode: 0o600 });
  const floorConfig = join(ctx.world.dir, 'relay-floor.json');
  writeFileSync(floorConfig, JSON.stringify({ simUrl: sim.url, caFile: sim.caFile, certFile, keyFile, topic: BUNDLE_ID, token }));
  const servers = {
    relay: startService(process.execPath, [BIN, '--config-dir', configDir, 'relay', 'serve', '--ephemeral', '--no-rate-limit', '--apns', sim.url, '--apns-ca', sim.caFile], { env: cliEnv(configDir) }),
    floor: startService(process.execPath, [join(ROOT, 'bench', 'clients', 'io-floor-server.js'), floorConfig]),
    minimal: startService(process.execPath, [join(ROOT, 'bench', 'clients', 'minimal-server.js')]),
  };
  try {
    const urls = {
      relay: (await servers.relay.waitFor(/relay listening on (\S+)/, 30_000))[1],
      floor: (await servers.floor.waitFor(/listening on (\S+)/, 10_000))[1],
      minimal: (await servers.minimal.waitFor(/listening on (\S+)/, 10_000))[1],
    };
    await prepareReceiver(urls.relay, token);
    const runs = { relay: [], floor: [], minimal: [] };
    const warmupMs = ctx.quick ? 1000 : WARMUP_RUN_MS;
    ctx.log(`  relay: a ${warmupMs} ms unmeasured run against each server first`);
    for (const name of Object.keys(runs)) await load(ctx, urls[name], name, warmupMs);
    for (let round = 1; round <= ctx.repeats; round++) {
      for (const name of Object.keys(runs)) {
        // Pushes are counted where they land: the simulator's deliveries during the run, matched
        // with every code-200 answer (warm-up included). The minimal server pushes nothing.
        const before = await sim.deliveries();
        const r = await load(ctx, urls[name], name);
        r.pushed = (await sim.deliveries()) - before;
        runs[name].push(r);
        const pushed = name === 'minimal' ? '' : `, ${r.pushed}/${r.answeredOk} answers pushed to APNs`;
        ctx.log(`  relay round ${round}/${ctx.repeats} ${name.padEnd(7)} ${Math.round(r.rps)} req/s (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${r.errors} errors${pushed})${r.firstError ? ` first error: ${r.firstError}` : ''}`);
      }
    }
    // A run counts only when every request succeeded and, but for the minimal server, was pushed.
    const good = (r, name) => r.errors === 0 && r.requests > 0 && (name === 'minimal' || r.pushed === r.answeredOk);
    const rates = (name) => runs[name].map((r) => (good(r, name) ? r.rps : NaN));
    const summary = (name) => ({ rps: median(rates(name).filter(Number.isFinite)), p50Ms: median(runs[name].map((r) => r.p50Ms)), p99Ms: median(runs[name].map((r) => r.p99Ms)), runs: runs[name] });
    const value = pairedRatio(rates('relay'), rates('floor'));
    const relay = summary('relay');
    return {
      connections: ctx.relayConnections,
      durationMs: ctx.relayDurationMs,
      relay,
      floor: summary('floor'),
      minimal: summary('minimal'),
      vsMinimal: pairedRatio(rates('relay'), rates('minimal')),
      timesNimLimit: relay.rps / NIM_SEND_LIMIT_PER_S,
      targets: [{ id: 'relay-vs-io-floor', what: 'relay sendMsg+push ÷ I/O floor (one HTTP/2 push per request)', value, op: '>=', limit: 0.7, result: verdict(value, '>=', 0.7) }],
    };
  } finally {
    await Promise.all([servers.relay.stop(), servers.floor.stop(), servers.minimal.stop()]);
    await sim.close();
  }
}
