/**
 * The interactive paths (`cli`): wall time from spawn to exit of the commands users type most,
 * each paired in every round with a `node -e 0` run (the floor of any Node CLI), against a
 * running local relay and its in-process APNs simulator. The figure is the median of the
 * per-round ratios. Also the peak RSS of one send.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runChild, startService } from '../lib/children.js';
import { prepareReceiver } from '../lib/relay-receiver.js';
import { BIN, BUNDLE_ID, CERT_NAME, ROOT, TEAM_ID, cliEnv, initProfile } from '../lib/setup.js';
import { median, pairedRatio, verdict } from '../lib/stats.js';

const KEY_NAME = 'bench-key';

/** Every fact of a push decision as a flag: `diagnose` only evaluates rules. */
const DIAGNOSE_FLAGS = [
  '--app-state', 'background', '--login', 'online', '--banned', 'no', '--friends', 'yes', '--non-friend-messages', 'allowed',
  '--blacklisted', 'no', '--dnd', 'off', '--muted', 'no', '--desktop-online', 'no', '--push-when-desktop-online', 'yes',
  '--token-env', 'development', '--env', 'development',
];

/** [id, label, args, target (× node -e 0)] */
function commands(ctx, token) {
  const { creds } = ctx.world;
  return [
    ['version', 'nim-push --version', ['--version'], 1.3],
    ['help', 'nim-push --help', ['--help'], 1.3],
    ['cert-p8', 'nim-push cert check <p8>', ['cert', 'check', creds.p8Path, '--team-id', TEAM_ID, '--bundle-id', BUNDLE_ID], 1.5],
    ['cert-p12', 'nim-push cert check <p12>', ['cert', 'check', creds.p12Path, '--password-env', 'BENCH_P12_PASSWORD', '--env', 'development'], 2.5],
    ['diagnose', 'nim-push diagnose (every fact a flag, a token under the .p8)', ['diagnose', '--to', 'bob', '--from', 'alice', '--token', token, '--cert-name', KEY_NAME, ...DIAGNOSE_FLAGS], 1.5],
    ['send-p8', 'nim-push send --token (p8, to the simulator)', ['send', '--token', token, '--cert-name', KEY_NAME, '--apns-url', 'sim', '--push-text', 'hello'], 2.0],
    ['send-p12', 'nim-push send --token (p12, to the simulator)', ['send', '--token', token, '--cert-name', CERT_NAME, '--apns-url', 'sim', '--push-text', 'hello'], 2.5],
    ['send-to', 'nim-push send --to (through the local relay)', ['send', '--to', 'bob', '--from', 'alice', '--text', 'hello', '--push-text', 'hello'], 2.0],
  ].map(([id, label, args, limit]) => ({ id, label, args, limit }));
}

async function timed(args, env, okCodes = [0]) {
  const res = await runChild(process.execPath, [BIN, ...args], { env, timeoutMs: 30_000 });
  if (!okCodes.includes(res.code)) throw new Error(`nim-push ${args.slice(0, 3).join(' ')} exited ${res.code}: ${(res.stderr || res.stdout).slice(-600)}`);
  return res.wallMs;
}

async function peakRssMb(args, env, dir) {
  const file = join(dir, 'cli-maxrss.txt');
  rmSync(file, { force: true });
  await timed(args, { ...env, NODE_OPTIONS: `--require ${join(ROOT, 'bench', 'clients', 'max-rss.cjs')}`, BENCH_MAXRSS_FILE: file });
  return Number(readFileSync(file, 'utf8')) / 1024;
}

export async function runCli(ctx) {
  const configDir = join(ctx.world.dir, 'config-cli');
  await initProfile(configDir, ctx.world.creds);
  const env = cliEnv(configDir);
  const addKey = ['--config-dir', configDir, 'init', '--add-cert', '--yes', '--cert-name', KEY_NAME, '--p8', ctx.world.creds.p8Path, '--team-id', TEAM_ID, '--bundle-id', BUNDLE_ID, '--env', 'development'];
  await timed(addKey, env);
  // The relay runs its simulator in-process and records both for this config dir (`--apns-url sim`).
  const relay = startService(process.execPath, [BIN, '--config-dir', configDir, 'relay', 'serve', '--ephemeral'], { env });
  try {
    const relayUrl = (await relay.waitFor(/relay listening on (\S+)/, 30_000))[1];
    await prepareReceiver(relayUrl, randomBytes(32).toString('hex'));
    const list = commands(ctx, randomBytes(32).toString('hex'));
    const node = [];
    const times = Object.fromEntries(list.map((c) => [c.id, []]));
    const warmups = 2;
    for (let round = 0; round < warmups + ctx.startupRuns; round++) {
      for (const c of list) {
        // Each command is paired with a node -e 0 run right before it: the pair sees the same machine.
        const base = (await runChild(process.execPath, ['-e', '0'], { env, timeoutMs: 30_000 })).wallMs;
        const ms = await timed(c.args, env);
        if (round < warmups) continue;
        node.push({ id: c.id, ms: base });
        times[c.id].push(ms);
      }
    }
    const results = {};
    for (const c of list) {
      const bases = node.filter((n) => n.id === c.id).map((n) => n.ms);
      const value = pairedRatio(times[c.id], bases);
      results[c.id] = { label: c.label, medianMs: median(times[c.id]), nodeMedianMs: median(bases), ratio: value, limit: c.limit, runs: times[c.id], nodeRuns: bases };
    }
    const rss = [];
    for (let i = 0; i < 3; i++) rss.push(await peakRssMb(list.find((c) => c.id === 'send-p12').args, env, ctx.world.dir));
    const peak = median(rss);
    ctx.log(`  cli: ${list.map((c) => `${c.id} ${results[c.id].ratio.toFixed(2)}×`).join(', ')}; one send peak RSS ${peak.toFixed(1)} MB`);
    const targets = list.map((c) => ({ id: `cli-${c.id}`, what: `${c.label} ÷ node -e 0`, value: results[c.id].ratio, op: '<=', limit: c.limit, result: verdict(results[c.id].ratio, '<=', c.limit) }));
    return { results, nodeMedianMs: median(node.map((n) => n.ms)), peakRssMb: peak, peakRssRuns: rss, targets };
  } finally {
    await relay.stop();
  }
}
