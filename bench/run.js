#!/usr/bin/env node
/**
 * `npm run bench`: nim-push against its references, side by side, in one run.
 *
 *   node bench/run.js [--tokens N] [--quick] [--only cli,startup,bulk,memory,relay] [--repeats R]
 *
 * Prints a table (medians, ratios, PASS/FAIL against the targets) and writes it all to
 * bench/results/latest.json. Loopback only; every loop is bounded; child processes are ended
 * on exit, failure or Ctrl+C. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hookCleanup, killAll } from './lib/children.js';
import { ensureDebianTools } from './lib/debian-tools.js';
import { ROOT, BUNDLE_ID, TEAM_ID, initProfile, makeWorkspace, mintCredentials } from './lib/setup.js';
import { mintTokens, startSim } from './lib/sim.js';
import { fmt, pairedRatio, table } from './lib/stats.js';
import { runBulk } from './sections/bulk.js';
import { runCli } from './sections/cli.js';
import { runMemory } from './sections/memory.js';
import { runRelay } from './sections/relay.js';
import { runStartup } from './sections/startup.js';

const SECTIONS = ['cli', 'startup', 'bulk', 'memory', 'relay'];
const log = (line) => process.stderr.write(`${line}\n`);

function readOptions() {
  const { values } = parseArgs({
    options: {
      tokens: { type: 'string' },
      quick: { type: 'boolean', default: false },
      only: { type: 'string' },
      repeats: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write('usage: node bench/run.js [--tokens N] [--quick] [--only cli,startup,bulk,memory,relay] [--repeats R]\n');
    process.exit(0);
  }
  const quick = values.quick;
  const int = (text, name, fallback) => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} takes a positive whole number`);
    return n;
  };
  const only = values.only ? values.only.split(',').map((s) => s.trim()).filter(Boolean) : SECTIONS;
  for (const s of only) if (!SECTIONS.includes(s)) throw new Error(`--only: unknown section '${s}' (sections: ${SECTIONS.join(', ')})`);
  return {
    quick,
    sections: SECTIONS.filter((s) => only.includes(s)),
    tokens: int(values.tokens, 'tokens', quick ? 2000 : 20_000),
    repeats: int(values.repeats, 'repeats', quick ? 1 : 3),
    memorySizes: quick ? [1000, 10_000] : [10_000, 100_000],
    memoryRepeatsSmall: quick ? 1 : 3,
    memoryRepeatsLarge: quick ? 1 : 2,
    startupRuns: quick ? 5 : 15,
    relayConnections: 16,
    relayDurationMs: quick ? 1500 : 5000,
  };
}

function render(report) {
  const out = [];
  const s = report.sections;
  if (s.bulk) {
    const b = s.bulk;
    out.push(`Bulk direct send: ${fmt(b.tokens)} tokens, ${b.concurrency} in flight, 1 HTTP/2 connection, median of ${report.options.repeats}`);
    const ours = b.contenders['nim-push'];
    const rows = [['client', 'notif/s (send phase)', 'nim-push ÷ it (per round)', 'notif/s (wall)', 'wall ms', 'sim µs CPU/notif', 'client µs CPU/notif']];
    for (const [id, c] of Object.entries(b.contenders)) {
      const paired = pairedRatio(ours.runs.map((r) => r.rate), c.runs.map((r) => r.rate));
      rows.push([c.label, fmt(c.rate), id === 'nim-push' ? '' : fmt(paired, 2), fmt(c.wallRate), fmt(c.wallMs), fmt(c.simUsPerNotif), Number.isFinite(c.clientUsPerNotif) ? fmt(c.clientUsPerNotif, 1) : '']);
    }
    for (const t of b.skipped ?? []) rows.push([t, 'skipped', '', '', '', '', '']);
    out.push(table(rows));
    if (Number.isFinite(b.cpuVsNodeApn)) out.push(`client CPU per notification, bare node-apn ÷ nim-push (per round, start-up included; reference): ${fmt(b.cpuVsNodeApn, 2)}`);
    out.push('');
  }
  if (s.memory) {
    const m = s.memory;
    const rows = [['tokens', 'peak RSS MB (median)', 'wall ms']];
    for (const size of m.sizes) rows.push([fmt(size), fmt(m.bySize[size].peakRssMb, 1), fmt(m.bySize[size].wallMs)]);
    out.push('Memory: nim-push send --tokens-file, peak RSS (getrusage maxrss)', table(rows), '');
  }
  if (s.cli) {
    const c = s.cli;
    const rows = [['command', 'median ms', 'node -e 0 ms', '÷ node -e 0 (per round)', 'target']];
    for (const r of Object.values(c.results)) rows.push([r.label, fmt(r.medianMs, 1), fmt(r.nodeMedianMs, 1), fmt(r.ratio, 2), `≤ ${r.limit}`]);
    out.push(`Interactive paths: median of ${report.options.startupRuns} paired rounds; one send (p12) peak RSS ${fmt(c.peakRssMb, 1)} MB`, table(rows), '');
  }
  if (s.startup) {
    const st = s.startup;
    const rows = [['command', 'median ms', '÷ node -e 0']];
    for (const r of Object.values(st.results)) rows.push([r.label, fmt(r.medianMs, 1), fmt(r.ratio, 2)]);
    out.push(`Start-up: median of ${report.options.startupRuns} runs (${st.tool})`, table(rows), '');
  }
  if (s.relay) {
    const r = s.relay;
    const rows = [['server', 'req/s', 'p50 ms', 'p99 ms', '× NIM limit (100/s)']];
    rows.push(['nim-push relay: msg/sendMsg + push to APNs sim', fmt(r.relay.rps), fmt(r.relay.p50Ms, 1), fmt(r.relay.p99Ms, 1), fmt(r.timesNimLimit, 1)]);
    rows.push(['I/O floor: one HTTP/2 push per request, then {"code":200}', fmt(r.floor.rps), fmt(r.floor.p50Ms, 1), fmt(r.floor.p99Ms, 1), '']);
    rows.push(['reference: no I/O, fixed {"code":200}', fmt(r.minimal.rps), fmt(r.minimal.p50Ms, 1), fmt(r.minimal.p99Ms, 1), '']);
    out.push(`Relay: ${r.connections} keep-alive connections, ${r.durationMs / 1000} s per run, median of ${report.options.repeats}; relay ÷ no-I/O reference ${fmt(r.vsMinimal, 2)}`, table(rows), '');
  }
  const rows = [['target', 'measured', 'limit', 'result']];
  for (const t of report.targets) rows.push([t.what, fmt(t.value, 2), `${t.op} ${t.limit}`, t.result + (t.note ? ` (${t.note})` : '')]);
  out.push('Targets', table(rows));
  return out.join('\n');
}

async function main() {
  hookCleanup();
  const options = readOptions();
  const startedAt = Date.now();
  const ws = makeWorkspace();
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavgAtStart: loadavg() },
    options,
    sections: {},
    targets: [],
    notes: [],
  };
  try {
    log(`bench: workspace ${ws.dir}; sections: ${options.sections.join(', ')}${options.quick ? ' (quick)' : ''}`);
    const world = { dir: ws.dir, configDir: join(ws.dir, 'config') };
    world.creds = await mintCredentials(ws.dir);
    await initProfile(world.configDir, world.creds);
    const ctx = { ...options, world, log };

    if (options.sections.includes('cli')) {
      log('bench: interactive paths …');
      report.sections.cli = await runCli(ctx);
    }
    if (options.sections.includes('startup')) {
      log('bench: start-up …');
      report.sections.startup = await runStartup(ctx);
    }
    if (options.sections.includes('bulk')) {
      const tools = ensureDebianTools(['h2load', 'aioapns'], log);
      for (const [tool, state] of Object.entries(tools)) if (state !== true) log(`bench: skipping the ${tool} reference: ${state}`);
      log(`bench: bulk send of ${options.tokens} tokens …`);
      world.sim = await startSim(world.configDir, join(ws.dir, 'apns-sim.log'));
      try {
        const mintStart = performance.now();
        const tokens = await mintTokens(world.sim, BUNDLE_ID, options.tokens);
        log(`  minted ${tokens.length} tokens on the simulator in ${Math.round(performance.now() - mintStart)} ms`);
        const tokensFile = join(ws.dir, 'bulk-tokens.txt');
        writeFileSync(tokensFile, `${tokens.join('\n')}\n`);
        // h2load and aioapns authenticate with the .p8 key: the simulator learns it as Apple does on upload.
        await world.sim.admin('POST', '/sim/v1/keys', { keyId: world.creds.p8.keyId, teamId: TEAM_ID, publicKeyPem: world.creds.p8.publicKeyPem });
        report.sections.bulk = await runBulk({ ...ctx, tools, tokensFile, firstToken: tokens[0], n: tokens.length });
        report.sections.bulk.skipped = Object.entries(tools).filter(([, v]) => v !== true).map(([k, v]) => `${k}: ${v}`);
      } finally {
        await world.sim.close();
      }
    }
    if (options.sections.includes('memory')) {
      log(`bench: memory at ${options.memorySizes.join(' and ')} tokens …`);
      report.sections.memory = await runMemory(ctx);
    }
    if (options.sections.includes('relay')) {
      log('bench: relay …');
      report.sections.relay = await runRelay(ctx);
    }
  } finally {
    killAll();
    ws.cleanup();
  }
  report.targets = Object.values(report.sections).flatMap((s) => s.targets ?? []);
  report.durationS = Math.round((Date.now() - startedAt) / 1000);
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\n${render(report)}\n\n(${report.durationS} s; written to bench/results/latest.json)\n`);
}

main().catch((error) => {
  log(`bench: ${error?.stack ?? error}`);
  killAll();
  process.exitCode = 1;
});
