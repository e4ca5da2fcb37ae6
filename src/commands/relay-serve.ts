/** `relay serve` and `relay status`: commander arguments → the relay host use-cases. */
import { respond, type CommandResult, type CommandRunner, type Context } from '../context.js';
import { relayStatus, serveRelay, type RelayServeOptions } from '../app/relay-host.js';
import { loadProfile, resolveAppSecret } from '../app/profiles.js';
import { renderRelayReady, renderRelayServe, renderRelayStatus, type RelayServeData } from '../output/relay-host-view.js';
import { port, positive, str } from './options.js';

export const runRelayServe = async (opts: RelayServeOptions, ctx: Context): Promise<CommandResult<RelayServeData>> => respond(ctx, 0, await serveRelay(opts, ctx), renderRelayServe);

export const serve: CommandRunner = async (_args, opts, ctx) => {
  const { profile } = loadProfile(ctx);
  const strictTokens = opts.strictTokens === true;
  return runRelayServe(
    {
      profile,
      appSecret: resolveAppSecret(profile, ctx.env),
      host: str(opts.host),
      port: port(opts.port, '--port'),
      data: str(opts.data),
      ephemeral: opts.ephemeral === true,
      apns: str(opts.apns),
      apnsCa: str(opts.apnsCa),
      strictTokens,
      // commander's --no-rate-limit sets rateLimit to false.
      rateLimit: opts.rateLimit === false ? false : undefined,
      // The base URL is what users copy into --relay: always shown, even with --json.
      onReady: (info) => ctx.log.warn(renderRelayReady(info, info.apnsUrls ? !strictTokens : undefined, ctx.lang)),
    },
    ctx,
  );
};

export const status: CommandRunner = async (_args, opts, ctx) =>
  respond(ctx, 0, await relayStatus(positive(opts.wait ?? '0', '--wait', { en: 'seconds, e.g. 10', zh: '秒数,例如 10' }) ?? 0, ctx), renderRelayStatus);
