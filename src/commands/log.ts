/** `nim-push log [--to accid]`: the local relay's push log, one decision per message. */
import { respond, type CommandResult, type CommandRunner, type Context } from '../context.js';
import { relayAccessFromProfile } from '../app/nim-access.js';
import { pushLog, type LogOptions } from '../app/push-log.js';
import { renderLog, type LogData } from '../output/log-view.js';
import { int, relayOptions, str } from './options.js';

export const runLog = async (opts: LogOptions, ctx: Context): Promise<CommandResult<LogData>> => respond(ctx, 0, await pushLog(opts, ctx), renderLog);

export const run: CommandRunner = (_args, opts, ctx) =>
  runLog({ ...relayAccessFromProfile(ctx, relayOptions(opts)), to: str(opts.to), from: str(opts.from), limit: int(opts.limit, '--limit', { min: 1, max: 100_000 }) }, ctx);
