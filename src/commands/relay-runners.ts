/** Commander arguments → typed options for the relay-side commands (token, relay helpers, log). */
import type { CommandRunner } from '../command-loaders.js';
import { relayAccessFromProfile } from '../adapters/relay-access-profile.js';
import { loadProfile } from '../adapters/profile-resolver.js';
import { UsageError } from '../errors.js';
import { runLog } from './log.js';
import { expectOk, openRelay, requireLocalRelay } from './relay-access.js';
import { runRelayDevice } from './relay-device.js';
import { runRelayBlock, runRelayDnd, runRelayFriend, runRelayMute } from './relay-relations.js';
import { runTokenAdd, runTokenList, runTokenRemove } from './token.js';
import { str } from './option-values.js';

const yesNo = (v: unknown, flag: string): boolean | undefined => {
  if (v === undefined) return undefined;
  if (v === 'yes' || v === true) return true;
  if (v === 'no') return false;
  throw new UsageError(`${flag} takes yes or no.`);
};
const env = (v: unknown): 'development' | 'production' | undefined => {
  const value = str(v);
  if (value === undefined || value === 'development' || value === 'production') return value;
  throw new UsageError("--env is 'development' or 'production'.");
};

export const tokenAdd: CommandRunner = (args, opts, ctx) => {
  const { profile } = loadProfile(ctx);
  return runTokenAdd(
    {
      ...relayAccessFromProfile(ctx, opts, profile),
      knownCertNames: profile.certs.map((c) => c.name),
      accid: args[0] as string,
      token: args[1] as string,
      certName: str(opts.certName),
      env: env(opts.env),
      customContentKey: str(opts.customContentKey),
    },
    ctx,
  );
};

export const tokenList: CommandRunner = (args, opts, ctx) => runTokenList({ ...relayAccessFromProfile(ctx, opts), accid: args[0] }, ctx);

export const tokenRemove: CommandRunner = (args, opts, ctx) =>
  runTokenRemove({ ...relayAccessFromProfile(ctx, opts), accid: args[0] as string, token: args[1] }, ctx);

export const relayDevice: CommandRunner = (args, opts, ctx) =>
  runRelayDevice(
    {
      ...relayAccessFromProfile(ctx, opts),
      accid: args[0] as string,
      login: str(opts.login) as 'online' | undefined,
      appState: str(opts.appState) as 'background' | undefined,
      certName: str(opts.certName),
      desktopOnline: yesNo(opts.desktopOnline, '--desktop-online'),
      webOnline: yesNo(opts.webOnline, '--web-online'),
      pushWhenDesktopOnline: yesNo(opts.pushWhenDesktopOnline, '--push-when-desktop-online'),
    },
    ctx,
  );

export const relayFriend: CommandRunner = (args, opts, ctx) => {
  const action = args[0];
  if (action !== 'add' && action !== 'remove') throw new UsageError('relay friend takes add or remove: `relay friend add alice bob`.');
  return runRelayFriend({ ...relayAccessFromProfile(ctx, opts), action, a: args[1] as string, b: args[2] as string }, ctx);
};

export const relayBlock: CommandRunner = (args, opts, ctx) =>
  runRelayBlock({ ...relayAccessFromProfile(ctx, opts), a: args[0] as string, b: args[1] as string, remove: opts.remove === true }, ctx);

export const relayMute: CommandRunner = (args, opts, ctx) =>
  runRelayMute({ ...relayAccessFromProfile(ctx, opts), a: args[0] as string, b: args[1] as string, remove: opts.remove === true }, ctx);

export const relayDnd: CommandRunner = (args, opts, ctx) => {
  const state = args[1];
  if (state !== 'on' && state !== 'off') throw new UsageError('relay dnd takes on or off: `relay dnd bob on --window 22:00-07:00`.');
  return runRelayDnd({ ...relayAccessFromProfile(ctx, opts), accid: args[0] as string, state, window: str(opts.window) }, ctx);
};

export const log: CommandRunner = (_args, opts, ctx) => {
  const limit = opts.limit === undefined ? undefined : Number(opts.limit);
  if (limit !== undefined && (!Number.isInteger(limit) || limit <= 0)) throw new UsageError('--limit takes a positive whole number.');
  return runLog({ ...relayAccessFromProfile(ctx, opts), to: str(opts.to), from: str(opts.from), limit }, ctx);
};

/** `relay settings`: the app-wide console settings the local relay stands in for. */
export const relaySettings: CommandRunner = async (_args, opts, ctx) => {
  const policy = str(opts.nonFriendMessages);
  if (policy !== 'allowed' && policy !== 'forbidden') throw new UsageError('Give --non-friend-messages allowed|forbidden.');
  const relay = await openRelay(relayAccessFromProfile(ctx, opts), ctx);
  requireLocalRelay(relay, 'relay settings', ctx);
  expectOk(await relay.client.callJson('app/settings', { nonFriendMessages: policy }), ctx);
  return { exitCode: 0, data: { ok: true, relay: relay.url, nonFriendMessages: policy }, human: (s) => s.ok(`✔ messages between non-friends are ${policy}`) };
};
