/** `nim-push init`: argv → typed init options → the use-case (prompting on a terminal), rendered. */
import { respond, type CommandResult, type CommandRunner, type Context } from '../context.js';
import { init, type InitDeps, type InitOptions } from '../app/init.js';
import { renderInit, type InitData } from '../output/init-view.js';
import { oneOf, str } from './options.js';

export type { InitOptions };

/** Commander options → typed init options (table-tested). */
export function toInitOptions(opts: Record<string, unknown>): InitOptions {
  return {
    profile: str(opts.profile),
    appKey: str(opts.appKey),
    appSecret: str(opts.appSecret),
    appSecretEnv: str(opts.appSecretEnv),
    certName: str(opts.certName),
    p12: str(opts.p12),
    p8: str(opts.p8),
    cert: str(opts.cert),
    key: str(opts.key),
    password: str(opts.password),
    passwordEnv: str(opts.passwordEnv),
    keyId: str(opts.keyId),
    teamId: str(opts.teamId),
    bundleId: str(opts.bundleId),
    env: str(opts.env),
    relay: str(opts.relay),
    addCert: opts.addCert === true,
    force: opts.force === true,
    ...(opts.api !== undefined ? { api: oneOf(opts.api, '--api', ['v1', 'v2'] as const) } : {}),
    ...(opts.voip === true ? { voip: true } : {}),
  };
}

export async function runInit(options: InitOptions, ctx: Context, deps: InitDeps = {}): Promise<CommandResult<InitData>> {
  return respond(ctx, 0, await init(options, ctx, deps), renderInit);
}

export const run: CommandRunner = (_args, opts, ctx) => runInit(toInitOptions(opts), ctx);

