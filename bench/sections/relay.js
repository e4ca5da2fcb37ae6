/**
 * Relay: msg/sendMsg requests/s through `nim-push relay serve --ephemeral --no-rate-limit` with
 * its in-process APNs simulator, the receiver logged in with the app in the background and an
 * APNs token, so every message is a push decision and an APNs send; against the same load on a
 * minimal Node HTTP server answering a fixed {"code":200}. Rounds are interleaved.
 */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild, startService } from '../lib/children.js';
import { APP_KEY, APP_SECRET, BIN, CERT_NAME, ROOT, cliEnv, importDist, initProfile } from '../lib/setup.js';
import { median, pairedRatio, verdict } from '../lib/stats.js';

const FORM = { from: 'alice', to: 'bob', ope: '0', type: '0', body: '{"msg":"hello"}', pushcontent: 'hello' };

async function prepareReceiver(baseUrl) {
  const { createRelayClient } = await importDist('adapters/relay-client.js');
  const client = createRelayClient({ baseUrl, appKey: APP_KEY, appSecret: APP_SECRET });
  const expect200 = async (what, p) => {
    const res = await p;
    if (res.code !== 200) throw new Error(`relay setup: ${what} answered ${res.code} ${res.desc ?? ''}`);
    return res;
  };
  await expect200('user/create alice', client.call('user/create', { accid: 'alice', name: 'Alice' }));
  await expect200('user/create bob', client.call('user/create', { accid: 'bob', name: 'Bob' }));
  await expect200('device/login bob', client.callJson('device/login', { accid: 'bob', certName: CERT_NAME, appState: 'background' }));
  await expect200('device/updateApnsToken bob', client.callJson('device/updateApnsToken', { accid: 'bob', token: randomBytes(32).toString('hex') }));
  const probe = await expect200('msg/sendMsg', client.call('msg/sendMsg', FORM));
  if (probe.push?.delivery !== 'push' || probe.push.apns?.[0]?.status !== 'sent') {
    throw new Error(`relay setup: a test message was not pushed: ${JSON.stringify(probe.push)}`);
  }
}

async function load(ctx, baseUrl, name) {
  const file = join(ctx.world.dir, `relay-load-${name}.json`);
  writeFileSync(file, JSON.stringify({
    baseUrl,
    path: 'msg/sendMsg.action',
    form: FORM,
    appKey: APP_KEY,
    appSecret: APP_SECRET,
    connections: ctx.relayConnections,
    durationMs: ctx.relayDurationMs,
    warmupMs: 300,
    maxRequests: 2_000_000,
  }));
  const res = await runChild(process.execPath, [join(ROOT, 'bench', 'clients', 'relay-load.js'), file], { timeoutMs: ctx.relayDurationMs + 60_000 });
  if (res.code !== 0) throw new Error(`load generator failed (${res.code}): ${res.stderr.slice(-800)}`);
  return JSON.parse(res.stdout);
}

export async function runRelay(ctx) {
  const configDir = join(ctx.world.dir, 'config-relay');
  await initProfile(configDir, ctx.world.creds);
  const relay = startService(process.execPath, [BIN, '--config-dir', configDir, 'relay', 'serve', '--ephemeral', '--no-rate-limit'], { env: cliEnv(configDir) });
  const minimal = startService(process.execPath, [join(ROOT, 'bench', 'clients', 'minimal-server.js')]);
  try {
    const relayUrl = (await relay.waitFor(/relay listening on (\S+)/, 30_000))[1];
    const minimalUrl = (await minimal.waitFor(/listening on (\S+)/, 10_000))[1];
    await prepareReceiver(relayUrl);
    const runs = { relay: [], minimal: [] };
    for (let round = 1; round <= ctx.repeats; round++) {
      for (const [name, url] of [['relay', relayUrl], ['minimal', minimalUrl]]) {
        const r = await load(ctx, url, name);
        runs[name].push(r);
        const pushed = name === 'relay' ? `, ${r.pushed}/${r.requests} pushed to APNs` : '';
        ctx.log(`  relay round ${round}/${ctx.repeats} ${name.padEnd(7)} ${Math.round(r.rps)} req/s (p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms, ${r.errors} errors${pushed})${r.firstError ? ` first error: ${r.firstError}` : ''}`);
      }
    }
    // A run counts only when every request succeeded and, through the relay, was pushed.
    const good = (r, name) => r.errors === 0 && r.requests > 0 && (name !== 'relay' || r.pushed === r.requests);
    const rps = (name) => median(runs[name].filter((r) => good(r, name)).map((r) => r.rps));
    const relayRps = rps('relay');
    const minimalRps = rps('minimal');
    const value = pairedRatio(
      runs.relay.map((r) => (good(r, 'relay') ? r.rps : NaN)),
      runs.minimal.map((r) => (good(r, 'minimal') ? r.rps : NaN)),
    );
    return {
      connections: ctx.relayConnections,
      durationMs: ctx.relayDurationMs,
      relay: { rps: relayRps, p50Ms: median(runs.relay.map((r) => r.p50Ms)), p99Ms: median(runs.relay.map((r) => r.p99Ms)), runs: runs.relay },
      minimal: { rps: minimalRps, p50Ms: median(runs.minimal.map((r) => r.p50Ms)), p99Ms: median(runs.minimal.map((r) => r.p99Ms)), runs: runs.minimal },
      targets: [{ id: 'relay-vs-floor', what: 'relay sendMsg+push ÷ minimal Node server', value, op: '>=', limit: 0.3, result: verdict(value, '>=', 0.3) }],
    };
  } finally {
    await Promise.all([relay.stop(), minimal.stop()]);
  }
}
