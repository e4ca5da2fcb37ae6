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
};

export async function loadCommand(name: string): Promise<CommandRunner> {
  const load = loaders[name];
  if (!load) throw new Error(`no command module for ${name}`);
  return load();
}
