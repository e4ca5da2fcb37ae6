/** `send --via direct` with typed options: the use-case, rendered, with a progress line on a terminal. */
import { respond, type CommandResult, type Context } from '../context.js';
import { sendDirect, type SendDirectDeps, type SendDirectOptions } from '../app/send-direct.js';
import { progressLine, renderSendDirect, type SendDirectData } from '../output/send-direct-view.js';

export type { SendDirectOptions };

export async function runSendDirect(opts: SendDirectOptions, ctx: Context, deps: SendDirectDeps = {}): Promise<CommandResult<SendDirectData>> {
  const progress = ctx.progress && !ctx.json ? progressLine(ctx.progress, ctx.lang) : undefined;
  try {
    const data = await sendDirect({ ...opts, onProgress: opts.onProgress ?? progress?.update }, ctx, deps);
    return respond(ctx, data.ok ? 0 : 1, data, renderSendDirect);
  } finally {
    progress?.stop();
  }
}
