/** Maps command names to lazily imported modules. */
import type { CommandResult, Context } from './context.js';

export type CommandRunner = (
  args: Array<string | undefined>,
  opts: Record<string, unknown>,
  ctx: Context,
) => Promise<CommandResult>;

const loaders: Record<string, () => Promise<CommandRunner>> = {
  init: async () => (await import('./commands/init.js')).run,
  'config.list': async () => (await import('./commands/config.js')).runList,
  'config.show': async () => (await import('./commands/config.js')).runShow,
  'config.use': async () => (await import('./commands/config.js')).runUse,
  'config.remove': async () => (await import('./commands/config.js')).runRemove,
  'config.path': async () => (await import('./commands/config.js')).runPath,
  'cert.check': async () => (await import('./commands/cert-check.js')).run,
  'token.add': async () => (await import('./commands/relay-runners.js')).tokenAdd,
  'token.list': async () => (await import('./commands/relay-runners.js')).tokenList,
  'token.remove': async () => (await import('./commands/relay-runners.js')).tokenRemove,
  'relay.serve': async () => (await import('./commands/relay-serve-runner.js')).relayServe,
  'relay.status': async () => (await import('./commands/relay-serve-runner.js')).relayStatus,
  'relay.device': async () => (await import('./commands/relay-runners.js')).relayDevice,
  'relay.friend': async () => (await import('./commands/relay-runners.js')).relayFriend,
  'relay.block': async () => (await import('./commands/relay-runners.js')).relayBlock,
  'relay.mute': async () => (await import('./commands/relay-runners.js')).relayMute,
  'relay.dnd': async () => (await import('./commands/relay-runners.js')).relayDnd,
  'relay.settings': async () => (await import('./commands/relay-runners.js')).relaySettings,
  log: async () => (await import('./commands/relay-runners.js')).log,
  send: async () => (await import('./commands/send-runner.js')).run,
  'apns-sim.serve': async () => (await import('./commands/apns-sim.js')).serve,
  'apns-sim.device': async () => (await import('./commands/apns-sim.js')).device,
  'apns-sim.unregister': async () => (await import('./commands/apns-sim.js')).unregister,
  'apns-sim.deliveries': async () => (await import('./commands/apns-sim.js')).deliveries,
  'apns-sim.faults': async () => (await import('./commands/apns-sim.js')).faults,
  diagnose: async () => (await import('./commands/diagnose.js')).run,
  demo: async () => (await import('./commands/demo.js')).run,
  check: async () => (await import('./commands/check.js')).run,
};

export async function loadCommand(name: string): Promise<CommandRunner> {
  const load = loaders[name];
  if (!load) throw new Error(`no command module for ${name}`);
  return load();
}
