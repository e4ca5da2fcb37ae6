/** `nim-push token probe <token>`: which APNs environment (and topic) a device token belongs to. */
import { respond, type CommandRunner } from '../context.js';
import { probeToken } from '../app/token-probe.js';
import { renderTokenProbe } from '../output/token-probe-view.js';
import { environment, int, str } from './options.js';

export const run: CommandRunner = async (args, opts, ctx) => {
  const data = await probeToken(
    {
      token: args[0] as string,
      certName: str(opts.certName),
      env: environment(opts.env),
      topic: str(opts.topic),
      apnsUrl: str(opts.apnsUrl),
      apnsCa: str(opts.apnsCa),
      requestTimeoutMs: int(opts.timeout, '--timeout', { min: 1, max: 600_000 }),
    },
    ctx,
  );
  return respond(ctx, data.ok ? 0 : 1, data, renderTokenProbe);
};
