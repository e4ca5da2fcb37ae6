/** `config list|show|use|remove|path`: the profiles of a config dir. */
import type { Context } from '../context.js';
import { bilingual, UsageError } from '../core/errors.js';
import { checkRelay } from '../core/init-fields.js';
import { describeProfile } from '../core/profile-view.js';
import { openConfigStore } from '../adapters/config-store.js';
import type { ConfigListData, ConfigPathData, ConfigShowData } from '../output/config-view.js';
import { resolveProfileName } from './profiles.js';

export function listProfiles(ctx: Context): ConfigListData {
  const store = openConfigStore(ctx.configDir);
  const data = store.read();
  const names = Object.keys(data.profiles).sort();
  const current = resolveProfileName(ctx, store);
  const profiles = names.map((name) => {
    const p = data.profiles[name];
    return { name, current: name === current, appKey: p.appKey, environment: p.environment, relay: p.relay, api: p.api ?? 'v1', certs: p.certs.map((c) => c.name) };
  });
  return { ok: true, path: store.path, configDir: ctx.configDir, current: names.includes(current) ? current : null, profiles };
}

export function showProfile(name: string | undefined, ctx: Context): ConfigShowData {
  const store = openConfigStore(ctx.configDir);
  const shown = name ?? resolveProfileName(ctx, store);
  return { ok: true, profile: describeProfile(shown, store.requireProfile(shown)) };
}

export async function useProfile(name: string, ctx: Context): Promise<{ ok: true; current: string }> {
  await openConfigStore(ctx.configDir).setCurrent(name);
  return { ok: true, current: name };
}

export async function removeProfile(name: string, ctx: Context): Promise<{ ok: true; removed: string }> {
  if (!(await openConfigStore(ctx.configDir).removeProfile(name))) {
    throw new UsageError(bilingual(`No profile '${name}'. Run \`nim-push config list\`.`, `没有名为 '${name}' 的配置。请运行 \`nim-push config list\`。`), 'config.no-profile', { profile: name });
  }
  return { ok: true, removed: name };
}

export const configPath = (ctx: Context): ConfigPathData => ({ ok: true, path: openConfigStore(ctx.configDir).path, configDir: ctx.configDir });

/** `config set <key> <value>`: the profile settings that are not credentials. */
export async function setProfileValue(key: string, value: string, ctx: Context): Promise<{ ok: true; profile: string; key: string; value: string }> {
  const store = openConfigStore(ctx.configDir);
  const name = resolveProfileName(ctx, store);
  const profile = store.requireProfile(name);
  if (key === 'api') {
    if (value !== 'v1' && value !== 'v2') throw new UsageError(bilingual(`api must be v1 or v2, got '${value}'.`, `api 只能是 v1 或 v2,收到 '${value}'。`));
    profile.api = value;
  } else if (key === 'relay') {
    const problem = checkRelay(value);
    if (problem) throw new UsageError(problem, 'usage', { flag: 'relay' });
    profile.relay = value;
  } else {
    throw new UsageError(bilingual(`'${key}' is not a setting config set changes: api or relay (credentials: \`nim-push init --add-cert\`).`, `config set 不能修改 '${key}':只能修改 api 或 relay(证书请用 \`nim-push init --add-cert\`)。`));
  }
  await store.saveProfile(name, profile);
  return { ok: true, profile: name, key, value };
}
