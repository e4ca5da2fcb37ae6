/** `nim-push diagnose`: would a push to this receiver fire, and if not, the one rule that blocks it. */
import { respond, type CommandRunner } from '../context.js';
import { diagnose } from '../app/diagnose/diagnose.js';
import { renderDiagnosis } from '../output/diagnosis-view.js';
import { relayOptions, str } from './options.js';

export const run: CommandRunner = async (_args, opts, ctx) => {
  const data = await diagnose({ to: str(opts.to), from: str(opts.from), token: str(opts.token), certName: str(opts.certName), flags: opts, ...relayOptions(opts) }, ctx);
  return respond(ctx, data.verdict === 'fires' ? 0 : 1, data, renderDiagnosis);
};
