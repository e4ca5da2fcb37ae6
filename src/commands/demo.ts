/** `nim-push demo`: the embedded main job, offline, in a throwaway directory. */
import type { CommandRunner } from '../command-loaders.js';
import { runDemo } from '../demo/run-demo.js';
import { renderDemo } from '../output/demo-view.js';

export const run: CommandRunner = async (_args, _opts, ctx) => {
  const report = await runDemo(ctx);
  return { exitCode: report.ok ? 0 : 1, data: report as unknown as { ok: boolean } & Record<string, unknown>, human: renderDemo(report, ctx.lang) };
};
