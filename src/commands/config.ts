/** `nim-push config list|show|use|remove|path`. */
import type { CommandResult, Context } from '../context.js';
import { openConfigStore } from '../adapters/config-store.js';
import { resolveProfileName } from '../adapters/profile-resolver.js';
import { describeProfile } from '../core/profile-view.js';
import { UsageError } from '../errors.js';

type Args = Array<string | undefined>;

export async function runList(_a: Args, _o: Record<string, unknown>, ctx: Context): Promise<CommandResult> {
  const store = openConfigStore(ctx.configDir);
  const data = store.read();
  const names = Object.keys(data.profiles).sort();
  const current = resolveProfileName(ctx, store);
  const profiles = names.map((name) => {
    const p = data.profiles[name];
    return { name, current: name === current, appKey: p.appKey, environment: p.environment, relay: p.relay, certs: p.certs.map((c) => c.name) };
  });
  return {
    exitCode: 0,
    data: { ok: true, path: store.path, current: names.includes(current) ? current : null, profiles },
    human: (s) =>
      profiles.length === 0
        ? `No profiles in ${ctx.configDir}. Run \`nim-push init\`.`
        : profiles
            .map((p) => `${p.current ? s.ok('*') : ' '} ${s.bold(p.name)}  ${p.appKey}  ${p.environment}  relay=${p.relay}  certs=${p.certs.join(',')}`)
            .join('\n'),
  };
}

export async function runShow(args: Args, _o: Record<string, unknown>, ctx: Context): Promise<CommandResult> {
  const store = openConfigStore(ctx.configDir);
  const name = args[0] ?? resolveProfileName(ctx, store);
  const view = describeProfile(name, store.requireProfile(name));
  return {
    exitCode: 0,
    data: { ok: true, profile: view },
    human: (s) =>
      [
        s.bold(`profile ${view.name}`),
        `  App Key      ${view.appKey}`,
        `  App Secret   ${view.appSecret}`,
        `  bundle id    ${view.bundleId}`,
        `  environment  ${view.environment}`,
        `  relay        ${view.relay}${view.relayUrl ? ` (${view.relayUrl})` : ''}`,
        ...view.certs.map(
          (c) =>
            `  cert ${s.bold(c.name)}  ${c.kind} ${c.environment}  ${c.path}${c.password ? `  password ${c.password}` : ''}${c.keyId ? `  key ${c.keyId} team ${c.teamId ?? '?'}` : ''}`,
        ),
      ].join('\n'),
  };
}

export async function runUse(args: Args, _o: Record<string, unknown>, ctx: Context): Promise<CommandResult> {
  const name = args[0] as string;
  openConfigStore(ctx.configDir).setCurrent(name);
  return { exitCode: 0, data: { ok: true, current: name }, human: (s) => s.ok(`✔ Now using profile '${name}'`) };
}

export async function runRemove(args: Args, _o: Record<string, unknown>, ctx: Context): Promise<CommandResult> {
  const name = args[0] as string;
  if (!openConfigStore(ctx.configDir).removeProfile(name)) {
    throw new UsageError(`No profile '${name}'. Run \`nim-push config list\`.`, 'config.no-profile');
  }
  return { exitCode: 0, data: { ok: true, removed: name }, human: (s) => s.ok(`✔ Removed profile '${name}'`) };
}

export async function runPath(_a: Args, _o: Record<string, unknown>, ctx: Context): Promise<CommandResult> {
  const store = openConfigStore(ctx.configDir);
  return { exitCode: 0, data: { ok: true, path: store.path, configDir: ctx.configDir }, human: () => store.path };
}
