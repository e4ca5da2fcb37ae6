/** `relay serve` and `relay status`: commander arguments → the relay service. */
import type { CommandRunner } from '../command-loaders.js';
import { loadProfile, resolveAppSecret } from '../adapters/profile-resolver.js';
import { readServiceRecord } from '../adapters/service-registry.js';
import { START_RELAY_COMMAND } from '../adapters/relay-client.js';
import { UnreachableError, UsageError } from '../errors.js';
import { runRelayServe } from './relay-serve.js';
import { str } from './option-values.js';


export const relayServe: CommandRunner = async (_args, opts, ctx) => {
  // Two relays on one config dir would fight over its record (and its data dir).
  const running = await readServiceRecord(ctx.configDir, 'relay');
  if (running) {
    throw new UsageError(`A relay is already running for ${ctx.configDir} (pid ${running.pid}, ${running.url}). Stop it first, or use another --config-dir.`, 'relay.listen');
  }
  const { profile } = loadProfile(ctx);
  const port = opts.port === undefined ? 0 : Number(opts.port);
  if (!Number.isInteger(port)) throw new UsageError('--port takes a number (0 = any free port).');
  return runRelayServe(
    {
      profile,
      appSecret: resolveAppSecret(profile, ctx.env),
      host: str(opts.host),
      port,
      data: str(opts.data),
      ephemeral: opts.ephemeral === true,
      apns: str(opts.apns),
      apnsCa: str(opts.apnsCa),
      // commander's --no-rate-limit sets rateLimit to false.
      rateLimit: opts.rateLimit === false ? false : undefined,
      // The base URL is what users copy into --relay: always shown, even with --json.
      onReady: (i) =>
        ctx.log.warn(
          `relay listening on ${i.url}${i.apnsUrls ? `\nAPNs simulator: development ${i.apnsUrls.development}  production ${i.apnsUrls.production}` : ''}${i.caFile ? `\nAPNs simulator CA: ${i.caFile}` : ''}\nPress Ctrl+C to stop.`,
        ),
    },
    ctx,
  );
};

/** Polls for the relay record, so scripts can start `relay serve &` and wait for it. */
async function waitForRelay(configDir: string, waitSeconds: number) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const record = await readServiceRecord(configDir, 'relay');
    if (record || Date.now() >= deadline) return record;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const relayStatus: CommandRunner = async (_args, opts, ctx) => {
  const wait = opts.wait === undefined ? 0 : Number(opts.wait);
  if (!Number.isFinite(wait) || wait < 0) throw new UsageError('--wait takes seconds, e.g. 10.');
  const relay = await waitForRelay(ctx.configDir, wait);
  const sim = await readServiceRecord(ctx.configDir, 'apns-sim');
  if (!relay) {
    throw new UnreachableError(`No relay is running for ${ctx.configDir}. Start one with \`${START_RELAY_COMMAND}\`.`, 'relay.unreachable');
  }
  return {
    exitCode: 0,
    data: { ok: true, relay: { url: relay.url, pid: relay.pid }, apnsSim: sim ? { urls: sim.urls, caFile: sim.caFile, pid: sim.pid } : null },
    human: (s) =>
      [`${s.ok('●')} relay ${relay.url} (pid ${relay.pid})`, sim ? `${s.ok('●')} APNs simulator ${Object.values(sim.urls ?? { url: sim.url }).join('  ')}  CA ${sim.caFile ?? '-'}` : `${s.dim('○')} no APNs simulator`].join('\n'),
  };
};
