/** `nim-push relay friend|block|mute|dnd|settings`: relations and settings of receivers on the relay. */
import { respond, type CommandResult, type CommandRunner, type Context } from '../context.js';
import { relayAccessFromProfile } from '../app/nim-access.js';
import { relayDnd, relayFriend, relayRelation, relaySettings, type RelayDndOptions, type RelayPairOptions } from '../app/relay-admin.js';
import { renderRelayAction, renderRelaySettings, type RelayActionData } from '../output/relay-view.js';
import { oneOf, relayOptions, str } from './options.js';

type Action = Promise<CommandResult<RelayActionData>>;

export const runRelayFriend = async (opts: RelayPairOptions & { action?: 'add' | 'remove' }, ctx: Context): Action =>
  respond(ctx, 0, await relayFriend({ ...opts, remove: opts.remove ?? opts.action === 'remove' }, ctx), renderRelayAction);
export const runRelayBlock = async (opts: RelayPairOptions, ctx: Context): Action => respond(ctx, 0, await relayRelation(opts, 'block', ctx), renderRelayAction);
export const runRelayMute = async (opts: RelayPairOptions, ctx: Context): Action => respond(ctx, 0, await relayRelation(opts, 'mute', ctx), renderRelayAction);
export const runRelayDnd = async (opts: RelayDndOptions, ctx: Context): Action => respond(ctx, 0, await relayDnd(opts, ctx), renderRelayAction);

export const friend: CommandRunner = (args, opts, ctx) => {
  const action = oneOf(args[0], 'relay friend', ['add', 'remove'] as const);
  return runRelayFriend({ ...relayAccessFromProfile(ctx, relayOptions(opts)), action, a: args[1] as string, b: args[2] as string }, ctx);
};

export const block: CommandRunner = (args, opts, ctx) =>
  runRelayBlock({ ...relayAccessFromProfile(ctx, relayOptions(opts)), a: args[0] as string, b: args[1] as string, remove: opts.remove === true }, ctx);

export const mute: CommandRunner = (args, opts, ctx) =>
  runRelayMute({ ...relayAccessFromProfile(ctx, relayOptions(opts)), a: args[0] as string, b: args[1] as string, remove: opts.remove === true }, ctx);

export const dnd: CommandRunner = (args, opts, ctx) => {
  const state = oneOf(args[1], 'relay dnd', ['on', 'off'] as const) as 'on' | 'off';
  return runRelayDnd({ ...relayAccessFromProfile(ctx, relayOptions(opts)), accid: args[0] as string, state, window: str(opts.window) }, ctx);
};

export const settings: CommandRunner = async (_args, opts, ctx) => {
  const nonFriendMessages = oneOf(opts.nonFriendMessages, '--non-friend-messages', ['allowed', 'forbidden'] as const);
  return respond(ctx, 0, await relaySettings({ ...relayAccessFromProfile(ctx, relayOptions(opts)), nonFriendMessages }, ctx), renderRelaySettings);
};
