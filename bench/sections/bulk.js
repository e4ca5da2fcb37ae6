/**
 * Bulk direct send: the same N pre-minted tokens sent by `nim-push send --tokens-file` and by
 * three references against one separately started `nim-push apns-sim`, rounds interleaved.
 * Rates are timed from the simulator's delivery counter (see watchDeliveries), so every client
 * is measured the same way and its start-up is left out; wall times are reported beside them.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from '../lib/children.js';
import { SYSTEM_PYTHON } from '../lib/debian-tools.js';
import { makeProviderToken } from '../lib/jwt.js';
import { watchDeliveries } from '../lib/sim.js';
import { BIN, BUNDLE_ID, P12_PASSWORD, ROOT, TEAM_ID, cliEnv } from '../lib/setup.js';
import { median, pairedRatio, verdict } from '../lib/stats.js';

export const CONCURRENCY = 100;
const TEXT = 'hello';

function contenders(ctx) {
  const { world, tools, tokensFile, n } = ctx;
  const clientConfig = join(world.dir, 'bulk-client.json');
  writeFileSync(clientConfig, JSON.stringify({
    port: world.sim.port,
    caFile: world.sim.caFile,
    p12File: world.creds.p12Path,
    passphrase: P12_PASSWORD,
    p8File: world.creds.p8Path,
    keyId: world.creds.p8.keyId,
    teamId: TEAM_ID,
    topic: BUNDLE_ID,
    tokensFile,
    concurrency: CONCURRENCY,
    text: TEXT,
  }));
  const payloadFile = join(world.dir, 'bulk-payload.json');
  writeFileSync(payloadFile, JSON.stringify({ aps: { alert: TEXT } }));
  const list = [
    {
      id: 'nim-push',
      label: 'nim-push send --tokens-file (p12)',
      command: process.execPath,
      args: () => [BIN, '--config-dir', world.configDir, 'send', '--tokens-file', tokensFile, '--apns-url', 'sim', '--push-text', TEXT, '--json'],
      env: cliEnv(world.configDir),
      sent: (out) => JSON.parse(out).summary.sent,
    },
    {
      id: 'node-apn',
      label: 'bare @parse/node-apn script (p12)',
      command: process.execPath,
      args: () => [join(ROOT, 'bench', 'clients', 'node-apn-bare.js'), clientConfig],
      sent: (out) => JSON.parse(out).sent,
    },
  ];
  if (tools.h2load === true) {
    list.push({
      id: 'h2load',
      label: 'h2load, fixed JWT header (sim ceiling)',
      command: 'h2load',
      // The JWT is made per run: it is what a real provider reuses for up to an hour.
      args: () => {
        const jwt = makeProviderToken({ keyPem: world.creds.p8.pem, keyId: world.creds.p8.keyId, teamId: TEAM_ID });
        return [
          '-n', String(n), '-c', '1', '-m', String(CONCURRENCY), '-t', '1',
          '-H', `authorization: bearer ${jwt}`, '-H', `apns-topic: ${BUNDLE_ID}`, '-H', 'apns-push-type: alert', '-H', 'apns-priority: 10',
          '-d', payloadFile, `${world.sim.url}/3/device/${ctx.firstToken}`,
        ];
      },
      sent: (out) => Number(/status codes: (\d+) 2xx/.exec(out)?.[1] ?? NaN),
    });
  }
  if (tools.aioapns === true) {
    list.push({
      id: 'aioapns',
      label: 'python3-aioapns (p8)',
      command: SYSTEM_PYTHON,
      args: () => [join(ROOT, 'bench', 'clients', 'aioapns_send.py'), clientConfig],
      sent: (out) => JSON.parse(out).sent,
    });
  }
  return list;
}

/** A Node client's own CPU time for the whole run (start-up included), in µs; NaN for other clients. */
function cpuProbe(ctx, c) {
  if (c.command !== process.execPath) return { env: c.env ?? process.env, read: () => NaN };
  const file = join(ctx.world.dir, `bulk-cpu-${c.id}.txt`);
  rmSync(file, { force: true });
  const env = { ...(c.env ?? process.env), NODE_OPTIONS: `--require ${JSON.stringify(join(ROOT, 'bench', 'clients', 'cpu-usage.cjs'))}`, BENCH_CPU_FILE: file };
  const read = () => {
    try {
      const text = readFileSync(file, 'utf8').trim();
      return text === '' ? NaN : Number(text);
    } catch {
      return NaN;
    }
  };
  return { env, read };
}

async function runOnce(ctx, c) {
  const watch = watchDeliveries(ctx.world.sim, ctx.n);
  await watch.ready();
  const simCpuBefore = ctx.world.sim.cpuMs();
  const cpu = cpuProbe(ctx, c);
  const res = await runChild(c.command, c.args(), { env: cpu.env, cwd: ctx.world.dir, timeoutMs: 300_000 });
  const clientUsPerNotif = cpu.read() / ctx.n;
  const seen = await watch.finish();
  // The simulator's CPU per notification tells a client that loads the server more from one that is slow itself.
  const simUsPerNotif = ((ctx.world.sim.cpuMs() - simCpuBefore) * 1000) / ctx.n;
  let sent = NaN;
  try {
    sent = c.sent(res.stdout);
  } catch {
    sent = NaN;
  }
  const ok = res.code === 0 && sent === ctx.n && seen.delivered >= ctx.n;
  if (!ok) {
    ctx.log(`  ${c.id}: exit ${res.code}${res.timedOut ? ' (timed out)' : ''}, sent ${sent}, simulator saw ${seen.delivered}/${ctx.n}\n${(res.stderr || res.stdout).slice(-800)}`);
  }
  return { ok, simUsPerNotif, clientUsPerNotif, sendMs: seen.sendMs, wallMs: res.wallMs, rate: ok ? (ctx.n * 1000) / seen.sendMs : NaN, wallRate: ok ? (ctx.n * 1000) / res.wallMs : NaN };
}

export async function runBulk(ctx) {
  const list = contenders(ctx);
  const runs = Object.fromEntries(list.map((c) => [c.id, []]));
  for (let round = 1; round <= ctx.repeats; round++) {
    for (const c of list) {
      const r = await runOnce(ctx, c);
      runs[c.id].push(r);
      ctx.log(`  bulk round ${round}/${ctx.repeats} ${c.id.padEnd(8)} ${r.ok ? `${Math.round(r.rate)} notif/s (send phase ${Math.round(r.sendMs)} ms, wall ${Math.round(r.wallMs)} ms, simulator ${Math.round(r.simUsPerNotif)} µs CPU/notif${Number.isFinite(r.clientUsPerNotif) ? `, client ${Math.round(r.clientUsPerNotif)} µs CPU/notif` : ''})` : 'FAILED'}`);
    }
  }
  const results = {};
  for (const c of list) {
    const rs = runs[c.id];
    results[c.id] = {
      label: c.label,
      rate: median(rs.map((r) => r.rate)),
      wallRate: median(rs.map((r) => r.wallRate)),
      sendMs: median(rs.map((r) => r.sendMs)),
      simUsPerNotif: median(rs.map((r) => r.simUsPerNotif)),
      clientUsPerNotif: median(rs.map((r) => r.clientUsPerNotif)),
      wallMs: median(rs.map((r) => r.wallMs)),
      okRuns: rs.filter((r) => r.ok).length,
      runs: rs,
    };
  }
  const rates = (id) => (runs[id] ?? []).map((r) => r.rate);
  const versus = (id) => pairedRatio(rates('nim-push'), rates(id));
  const targets = [
    { id: 'bulk-vs-node-apn', what: 'bulk send ÷ bare node-apn', value: versus('node-apn'), op: '>=', limit: 1.0 },
    { id: 'bulk-vs-aioapns', what: 'bulk send ÷ aioapns', value: versus('aioapns'), op: '>=', limit: 1.5, skip: ctx.tools.aioapns },
  ].map((t) => ({ ...t, result: typeof t.skip === 'string' ? 'SKIP' : verdict(t.value, t.op, t.limit), note: typeof t.skip === 'string' ? t.skip : undefined }));
  // What each costs per notification, whatever the timing noise: the client's own CPU (reference, no target).
  const clientCpu = (id) => (runs[id] ?? []).map((r) => r.clientUsPerNotif);
  const cpuVsNodeApn = pairedRatio(clientCpu('node-apn'), clientCpu('nim-push'));
  return { tokens: ctx.n, concurrency: CONCURRENCY, contenders: results, cpuVsNodeApn, targets };
}
