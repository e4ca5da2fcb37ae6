/** Which profile a run works on, and the secrets it keeps in environment variables. */
import type { Context } from '../context.js';
import { bilingual, UsageError } from '../core/errors.js';
import type { CertEntry, Profile } from '../core/profile.js';
import { openConfigStore, type ConfigStore } from '../adapters/config-store.js';

export interface ResolvedProfile {
  name: string;
  profile: Profile;
  store: ConfigStore;
}

/** `--profile`/NIM_PUSH_PROFILE, else the current profile, else `default`. */
export function resolveProfileName(ctx: Pick<Context, 'profileName'>, store: ConfigStore): string {
  if (ctx.profileName) return ctx.profileName;
  return store.read().current ?? 'default';
}

export function loadProfile(ctx: Pick<Context, 'profileName' | 'configDir'>): ResolvedProfile {
  const store = openConfigStore(ctx.configDir);
  const name = resolveProfileName(ctx, store);
  return { name, profile: store.requireProfile(name), store };
}

/** The profile when there is one (diagnose and the simulator work without). */
export function findProfile(ctx: Pick<Context, 'profileName' | 'configDir'>): { name: string; profile?: Profile } {
  const store = openConfigStore(ctx.configDir);
  const name = resolveProfileName(ctx, store);
  return { name, profile: store.getProfile(name) };
}

export function resolveAppSecret(profile: Profile, env: Context['env']): string {
  if (profile.appSecretEnv) {
    const value = env[profile.appSecretEnv];
    if (!value) {
      throw new UsageError(
        bilingual(`The profile reads its App Secret from $${profile.appSecretEnv}, which is not set.`, `该配置从环境变量 $${profile.appSecretEnv} 读取 App Secret,但它未设置。`),
        'config.secret-missing',
      );
    }
    return value;
  }
  if (profile.appSecret === undefined) throw new UsageError(bilingual('The profile has no App Secret. Run `nim-push init` again.', '该配置没有 App Secret。请重新运行 `nim-push init`。'), 'config.secret-missing');
  return profile.appSecret;
}

/** The p12 password of a profile credential: stored, or read from the variable the profile names. */
export function resolveCertPassword(cert: CertEntry, env: Context['env']): string | undefined {
  if (!cert.passwordEnv) return cert.password;
  const value = env[cert.passwordEnv];
  if (value === undefined) {
    throw new UsageError(
      bilingual(`Certificate '${cert.name}' reads its .p12 password from $${cert.passwordEnv}, which is not set.`, `证书 '${cert.name}' 从环境变量 $${cert.passwordEnv} 读取 .p12 密码,但它未设置。`),
      'config.secret-missing',
    );
  }
  return value;
}
