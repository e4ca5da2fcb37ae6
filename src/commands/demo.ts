/** `nim-push demo`: the embedded main job, offline, in a throwaway directory. */
import { respond, type CommandRunner } from '../context.js';
import { runDemo } from '../app/demo/run-demo.js';
import { DEFAULT_API } from '../app/init.js';
import { renderDemo } from '../output/demo-view.js';
import { oneOf } from './options.js';

export const run: CommandRunner = async (_args, opts, ctx) => {
  const report = await runDemo(ctx, oneOf(opts.api, '--api', ['v1', 'v2'] as const) ?? DEFAULT_API);
  return respond(ctx, report.ok ? 0 : 1, report, renderDemo);
};
