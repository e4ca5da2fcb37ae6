/**
 * A closed-loop load generator for NIM server API endpoints (undici, keep-alive pool): each
 * request is signed afresh (new Nonce and CurTime, as NIM requires and the relay enforces),
 * so a fixed-header tool cannot be used. Stops by itself after `durationMs` or `maxRequests`.
 *
 *   node relay-load.js <config.json>
 *   config: {baseUrl, path, form, appKey, appSecret, connections, durationMs, warmupMs, maxRequests}
 * Prints {"requests","ok","answeredOk","errors","seconds","rps","p50Ms","p99Ms"} on stdout: `ok` and
 * `requests` in the measured window, `answeredOk` every code-200 answer including the warm-up.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { Pool } = createRequire(join(root, 'package.json'))('undici');
const { signHeaders } = await import(join(root, 'dist', 'adapters', 'relay-client.js'));
const cfg = JSON.parse(readFileSync(process.argv[2], 'utf8'));

const base = new URL(cfg.baseUrl);
const pool = new Pool(base.origin, { connections: cfg.connections, pipelining: 1 });
const path = `${base.pathname.replace(/\/+$/, '')}/${cfg.path}`;
const body = new URLSearchParams(cfg.form).toString();
const contentType = 'application/x-www-form-urlencoded;charset=utf-8';

const stats = { requests: 0, ok: 0, answeredOk: 0, errors: 0, firstError: undefined };
const latencies = [];
let measuring = false;

async function one() {
  const started = performance.now();
  // As an app server signs: the relay answers it exactly as NIM does, with no push report.
  const headers = { ...signHeaders(cfg.appKey, cfg.appSecret, Date.now()), 'content-type': contentType };
  let answered = false;
  try {
    const res = await pool.request({ path, method: 'POST', headers, body });
    const text = await res.body.text();
    answered = res.statusCode === 200 && JSON.parse(text).code === 200;
    // Every answer counts here, warm-up included, to be matched with the deliveries APNs saw.
    if (answered) stats.answeredOk++;
    else if (measuring) stats.firstError ??= text.slice(0, 200);
  } catch (error) {
    if (measuring) stats.firstError ??= String(error?.message ?? error);
  }
  if (!measuring) return;
  stats.requests++;
  if (answered) {
    stats.ok++;
    latencies.push(performance.now() - started);
  } else stats.errors++;
}

const warmupEnd = performance.now() + (cfg.warmupMs ?? 0);
let measureStart = 0;
let measureEnd = Infinity;
async function worker() {
  for (;;) {
    const now = performance.now();
    if (!measuring && now >= warmupEnd) {
      measuring = true;
      measureStart = now;
      measureEnd = now + cfg.durationMs;
    }
    if (measuring && (now >= measureEnd || stats.requests >= cfg.maxRequests)) return;
    await one();
  }
}
await Promise.all(Array.from({ length: cfg.connections }, worker));
const seconds = (performance.now() - measureStart) / 1000;
await pool.close();
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? NaN;
process.stdout.write(`${JSON.stringify({ ...stats, seconds, rps: stats.requests / seconds, p50Ms: pct(0.5), p99Ms: pct(0.99) })}\n`);
