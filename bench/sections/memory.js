/**
 * Memory: peak RSS of `nim-push send --tokens-file` at two list sizes (10k and 100k by default).
 * A second simulator with --auto-register takes random, all-distinct tokens, so the large list
 * needs no minting and a sender that kept per-token state would show it.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild } from '../lib/children.js';
import { BIN, ROOT, cliEnv, initProfile } from '../lib/setup.js';
import { startSim } from '../lib/sim.js';
import { median, ratio, verdict } from '../lib/stats.js';

function writeRandomTokens(file, count) {
  const lines = [];
  for (let i = 0; i < count; i++) lines.push(randomBytes(32).toString('hex'));
  writeFileSync(file, `${lines.join('\n')}\n`);
}

async function measure(ctx, configDir, tokensFile, count) {
  const rssFile = join(ctx.world.dir, 'maxrss.txt');
  rmSync(rssFile, { force: true });
  const env = cliEnv(configDir, { NODE_OPTIONS: `--require ${join(ROOT, 'bench', 'clients', 'max-rss.cjs')}`, BENCH_MAXRSS_FILE: rssFile });
  const args = [BIN, '--config-dir', configDir, 'send', '--tokens-file', tokensFile, '--apns-url', 'sim', '--push-text', 'hello', '--json'];
  const res = await runChild(process.execPath, args, { env, timeoutMs: 600_000 });
  let sent = NaN;
  try {
    sent = JSON.parse(res.stdout).summary.sent;
  } catch {
    // reported below
  }
  let kib = NaN;
  try {
    kib = Number(readFileSync(rssFile, 'utf8'));
  } catch {
    // reported below
  }
  const ok = res.code === 0 && sent === count && Number.isFinite(kib);
  if (!ok) ctx.log(`  memory ${count}: exit ${res.code}, sent ${sent}, maxRSS ${kib}\n${res.stderr.slice(-800)}`);
  return { ok, mb: kib / 1024, wallMs: res.wallMs };
}

export async function runMemory(ctx) {
  const { world } = ctx;
  const configDir = join(world.dir, 'config-memory');
  await initProfile(configDir, world.creds);
  const sim = await startSim(configDir, join(world.dir, 'apns-sim-memory.log'), ['--auto-register']);
  try {
    const sizes = ctx.memorySizes;
    const out = {};
    for (const count of sizes) {
      const file = join(world.dir, `memory-tokens-${count}.txt`);
      writeRandomTokens(file, count);
      const repeats = count === sizes[sizes.length - 1] ? ctx.memoryRepeatsLarge : ctx.memoryRepeatsSmall;
      const runs = [];
      for (let i = 1; i <= repeats; i++) {
        const r = await measure(ctx, configDir, file, count);
        runs.push(r);
        ctx.log(`  memory ${count} tokens run ${i}/${repeats}: ${r.ok ? `${r.mb.toFixed(1)} MB peak RSS, ${Math.round((count * 1000) / r.wallMs)} notif/s wall` : 'FAILED'}`);
      }
      out[count] = { peakRssMb: median(runs.filter((r) => r.ok).map((r) => r.mb)), wallMs: median(runs.map((r) => r.wallMs)), runs };
    }
    const [small, large] = sizes;
    const growth = ratio(out[large].peakRssMb, out[small].peakRssMb);
    return {
      sizes,
      bySize: out,
      targets: [
        { id: 'rss-growth', what: `peak RSS ${large / 1000}k ÷ ${small / 1000}k tokens`, value: growth, op: '<=', limit: 1.3, result: verdict(growth, '<=', 1.3) },
        { id: 'rss-absolute', what: `peak RSS at ${large / 1000}k tokens (MB)`, value: out[large].peakRssMb, op: '<=', limit: 200, result: verdict(out[large].peakRssMb, '<=', 200) },
      ],
    };
  } finally {
    await sim.close();
  }
}
