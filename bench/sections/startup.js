/**
 * Start-up: wall time of short nim-push commands against `node -e 0`, the floor of any Node CLI.
 * Runs are interleaved (one of each command per round) so a busy moment on the machine hits all
 * of them alike; hyperfine is used instead when it is installed.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from '../lib/children.js';
import { BIN, cliEnv } from '../lib/setup.js';
import { median, ratio, verdict } from '../lib/stats.js';

function commands(ctx) {
  const node = process.execPath;
  return [
    { id: 'node', label: 'node -e 0', command: node, args: ['-e', '0'] },
    { id: 'version', label: 'nim-push --version', command: node, args: [BIN, '--version'] },
    { id: 'help', label: 'nim-push --help', command: node, args: [BIN, '--help'] },
    { id: 'cert-check', label: 'nim-push cert check <p12>', command: node, args: [BIN, 'cert', 'check', ctx.world.creds.p12Path, '--password-env', 'BENCH_P12_PASSWORD', '--env', 'development'], okCodes: [0, 1] },
  ];
}

const hasHyperfine = () => spawnSync('hyperfine', ['--version'], { stdio: 'ignore' }).status === 0;
const shellQuote = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

async function withHyperfine(ctx, list, env) {
  const out = join(ctx.world.dir, 'hyperfine.json');
  const args = ['-N', '--warmup', '2', '--runs', String(ctx.startupRuns), '--export-json', out, ...list.map((c) => [c.command, ...c.args].map(shellQuote).join(' '))];
  const res = await runChild('hyperfine', args, { env, timeoutMs: 300_000 });
  if (res.code !== 0) return undefined;
  const json = JSON.parse(readFileSync(out, 'utf8'));
  return Object.fromEntries(list.map((c, i) => [c.id, json.results[i].times.map((s) => s * 1000)]));
}

async function withOwnTimer(ctx, list, env) {
  const times = Object.fromEntries(list.map((c) => [c.id, []]));
  const warmups = 2;
  for (let round = 0; round < warmups + ctx.startupRuns; round++) {
    for (const c of list) {
      const res = await runChild(c.command, c.args, { env, timeoutMs: 30_000 });
      if (!(c.okCodes ?? [0]).includes(res.code)) throw new Error(`${c.label} exited ${res.code}: ${res.stderr.slice(-500)}`);
      if (round >= warmups) times[c.id].push(res.wallMs);
    }
  }
  return times;
}

export async function runStartup(ctx) {
  const list = commands(ctx);
  const env = cliEnv(ctx.world.configDir);
  const tool = hasHyperfine() ? 'hyperfine' : 'own timer';
  const times = (tool === 'hyperfine' && (await withHyperfine(ctx, list, env))) || (await withOwnTimer(ctx, list, env));
  const results = Object.fromEntries(list.map((c) => [c.id, { label: c.label, medianMs: median(times[c.id]), runs: times[c.id].length }]));
  const base = results.node.medianMs;
  for (const c of list) results[c.id].ratio = ratio(results[c.id].medianMs, base);
  const target = (id, limit) => ({ id: `startup-${id}`, what: `${results[id].label} ÷ node -e 0`, value: results[id].ratio, op: '<=', limit, result: verdict(results[id].ratio, '<=', limit) });
  ctx.log(`  start-up (${tool}, ${ctx.startupRuns} runs each): ${list.map((c) => `${c.id} ${results[c.id].medianMs.toFixed(0)} ms`).join(', ')}`);
  return { tool, results, targets: [target('version', 2), target('help', 2.5), target('cert-check', 4)] };
}
