/** Finds the profile a command works on and resolves secrets kept in environment variables. */
import type { Context } from '../context.js';
import type { CertEntry, Profile } from '../core/profile.js';
import { UsageError } from '../errors.js';
import { openConfigStore, type ConfigStore } from './config-store.js';

export interface ResolvedProfile {
  name: string;
  profile: Profile;
  store: ConfigStore;
}

/** `--profile`/NIM_PUSH_PROFILE, else the current profile, else `default`. */
export function resolveProfileName(ctx: Context, store: ConfigStore): string {
  if (ctx.profileName) return ctx.profileName;
  return store.read().current ?? 'default';
}

export function loadProfile(ctx: Context): ResolvedProfile {
  const store = openConfigStore(ctx.configDir);
  const name = resolveProfileName(ctx, store);
  return { name, profile: store.requireProfile(name), store };
}

export function resolveAppSecret(profile: Profile, env: Context['env']): string {
  if (profile.appSecretEnv) {
    const value = env[profile.appSecretEnv];
    if (!value) {
      throw new UsageError(
        `The profile reads its App Secret from $${profile.appSecretEnv}, which is not set.`,
        'config.secret-missing',
      );
    }
    return value;
  }
  if (profile.appSecret === undefined) throw new UsageError('The profile has no App Secret. Run `nim-push init` again.', 'config.secret-missing');
  return profile.appSecret;
}

export { resolveCertPassword } from './cert-password.js';
