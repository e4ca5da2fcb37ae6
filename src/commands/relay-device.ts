/** `nim-push relay device <accid>`: set up a receiver as its app and SDK would. */
import { respond, type CommandResult, type CommandRunner, type Context } from '../context.js';
import { relayAccessFromProfile } from '../app/nim-access.js';
import { relayDevice, type RelayDeviceOptions } from '../app/relay-admin.js';
import { renderRelayDevice, type RelayDeviceData } from '../output/relay-view.js';
import { oneOf, relayOptions, str, yesNo } from './options.js';

export const runRelayDevice = async (opts: RelayDeviceOptions, ctx: Context): Promise<CommandResult<RelayDeviceData>> => respond(ctx, 0, await relayDevice(opts, ctx), renderRelayDevice);

export const run: CommandRunner = (args, opts, ctx) =>
  runRelayDevice(
    {
      ...relayAccessFromProfile(ctx, relayOptions(opts)),
      accid: args[0] as string,
      login: oneOf(opts.login, '--login', ['online', 'logged-out', 'kicked'] as const),
      appState: oneOf(opts.appState, '--app-state', ['foreground', 'background', 'killed'] as const),
      certName: str(opts.certName),
      pkCertName: str(opts.pkCertName),
      desktopOnline: yesNo(opts.desktopOnline, '--desktop-online'),
      webOnline: yesNo(opts.webOnline, '--web-online'),
      pushWhenDesktopOnline: yesNo(opts.pushWhenDesktopOnline, '--push-when-desktop-online'),
    },
    ctx,
  );
