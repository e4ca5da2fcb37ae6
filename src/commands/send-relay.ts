/** `send --to` with typed options: the use-case, rendered. */
import { respond, type CommandResult, type Context } from '../context.js';
import { sendNim, type SendNimOptions } from '../app/send-nim.js';
import { renderSendNim, renderSendNimDryRun, type SendNimData, type SendNimDryRun } from '../output/send-nim-view.js';

export type { SendNimOptions };

export async function runSendRelay(opts: SendNimOptions, ctx: Context): Promise<CommandResult<SendNimData | SendNimDryRun>> {
  const data = await sendNim(opts, ctx);
  return 'dryRun' in data ? respond(ctx, 0, data, renderSendNimDryRun) : respond(ctx, data.ok ? 0 : 1, data, renderSendNim);
}
