/** `nim-push token add|list|remove`: argv → typed options → the token use-cases, rendered. */
import { respond, type CommandResult, type CommandRunner, type Context } from '../context.js';
import { relayAccessFromProfile } from '../app/nim-access.js';
import { loadProfile } from '../app/profiles.js';
import { tokenAdd, tokenList, tokenRemove, SDK_UPLOAD_CALL, type TokenAddOptions } from '../app/tokens.js';
import { renderTokenAdd, renderTokenList, renderTokenRemove, type TokenAddData, type TokenListData, type TokenRemoveData, type TokenSdkData } from '../output/token-view.js';
import type { RelayAccessOptions } from '../app/nim-access.js';
import { environment, relayOptions, str } from './options.js';

export { SDK_UPLOAD_CALL };

export async function runTokenAdd(opts: TokenAddOptions, ctx: Context): Promise<CommandResult<TokenAddData | TokenSdkData>> {
  const data = await tokenAdd(opts, ctx);
  // The cloud has no token API: a usage question (exit 2), answered with the SDK call.
  return respond(ctx, 'sdkCall' in data ? 2 : data.ok ? 0 : 1, data, renderTokenAdd);
}

export const runTokenList = async (opts: RelayAccessOptions & { accid?: string }, ctx: Context): Promise<CommandResult<TokenListData>> =>
  respond(ctx, 0, await tokenList(opts, ctx), renderTokenList);

export const runTokenRemove = async (opts: RelayAccessOptions & { accid: string; token?: string }, ctx: Context): Promise<CommandResult<TokenRemoveData>> =>
  respond(ctx, 0, await tokenRemove(opts, ctx), renderTokenRemove);

export const add: CommandRunner = (args, opts, ctx) => {
  const { profile } = loadProfile(ctx);
  return runTokenAdd(
    {
      ...relayAccessFromProfile(ctx, relayOptions(opts), profile),
      knownCertNames: profile.certs.map((c) => c.name),
      voipCertNames: profile.certs.filter((c) => c.voip).map((c) => c.name),
      accid: args[0] as string,
      token: args[1] as string,
      certName: str(opts.certName),
      env: environment(opts.env),
      customContentKey: str(opts.customContentKey),
      voip: opts.voip === true,
    },
    ctx,
  );
};

export const list: CommandRunner = (args, opts, ctx) => runTokenList({ ...relayAccessFromProfile(ctx, relayOptions(opts)), accid: args[0] }, ctx);

export const remove: CommandRunner = (args, opts, ctx) => runTokenRemove({ ...relayAccessFromProfile(ctx, relayOptions(opts)), accid: args[0] as string, token: args[1] }, ctx);
