/** `nim-push check`: argv → the CI smoke test, rendered. */
import { respond, type CommandRunner } from '../context.js';
import { runCheck } from '../app/check.js';
import { bilingual, UsageError } from '../core/errors.js';
import { checkExitCode, checkJson, renderCheck } from '../output/check-view.js';
import { int, relayOptions, str } from './options.js';

export const run: CommandRunner = async (_args, opts, ctx) => {
  if (opts.sendTo !== undefined && opts.token !== undefined) throw new UsageError(bilingual('Give --send-to (through the relay) or --token (direct), not both.', '--send-to(经中转服务)和 --token(直接发送)只能二选一。'));
  const data = await runCheck(
    {
      warnDays: int(opts.warnDays ?? '30', '--warn-days', { min: 0, max: 3650 }) ?? 30,
      junit: str(opts.junit),
      sendTo: str(opts.sendTo),
      from: str(opts.from) ?? 'nim-push-check',
      token: str(opts.token),
      certName: str(opts.certName),
      apnsUrl: str(opts.apnsUrl),
      apnsCa: str(opts.apnsCa),
      pushText: str(opts.pushText),
      title: str(opts.title),
      payload: str(opts.payload),
      ...relayOptions(opts),
    },
    ctx,
  );
  const result = respond(ctx, checkExitCode(data), data, renderCheck);
  return { ...result, data: checkJson(data) };
};
