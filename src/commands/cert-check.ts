/** `nim-push cert check [file]`: inspect a .p12, .p8 or PEM credential, or every credential of the profile. */
import { respond, type CommandRunner } from '../context.js';
import { checkFile, checkProfile, type CertCheckOptions } from '../app/cert-check.js';
import { renderCertFile, renderCertProfile } from '../output/credential-view.js';
import { environment, int, str } from './options.js';

export function toCertCheckOptions(args: Array<string | undefined>, opts: Record<string, unknown>): CertCheckOptions {
  return {
    file: args[0],
    keyFile: str(opts.key),
    password: str(opts.password),
    passwordEnv: str(opts.passwordEnv),
    keyId: str(opts.keyId),
    teamId: str(opts.teamId),
    bundleId: str(opts.bundleId),
    env: environment(opts.env),
    certName: str(opts.certName),
    warnDays: int(opts.warnDays ?? '30', '--warn-days', { min: 0, max: 3650 }) ?? 30,
    voip: opts.voip === true,
  };
}

export const run: CommandRunner = async (args, opts, ctx) => {
  const o = toCertCheckOptions(args, opts);
  if (o.file) {
    const data = await checkFile({ ...o, file: o.file }, ctx);
    // The file name heads the human output; the JSON keeps its documented fields.
    const { file: _file, ...json } = data;
    return { ...respond(ctx, data.ok ? 0 : 1, data, renderCertFile), data: json };
  }
  const data = await checkProfile(o, ctx);
  return respond(ctx, data.ok ? 0 : 1, data, renderCertProfile);
};
