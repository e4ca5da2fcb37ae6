/** A profile as shown to users: secrets redacted, env-var indirections named. */
import type { Profile } from './profile.js';
import { RELAY_HOSTS, isNimRegion } from './nim/hosts.js';
import { redact } from './redact.js';

export interface ProfileView {
  name: string;
  appKey: string;
  appSecret: string;
  bundleId: string;
  environment: string;
  relay: string;
  relayUrl?: string;
  api: string;
  certs: Array<{ name: string; kind: string; environment: string; path: string; keyPath?: string; password?: string; keyId?: string; teamId?: string; voip?: true }>;
}

export function describeProfile(name: string, profile: Profile): ProfileView {
  return {
    name,
    appKey: profile.appKey,
    appSecret: profile.appSecretEnv ? `$${profile.appSecretEnv}` : redact(profile.appSecret),
    bundleId: profile.bundleId,
    environment: profile.environment,
    relay: profile.relay,
    ...(isNimRegion(profile.relay) ? { relayUrl: RELAY_HOSTS[profile.relay] } : {}),
    api: profile.api ?? 'v1',
    certs: profile.certs.map((c) => ({
      name: c.name,
      kind: c.kind,
      environment: c.environment,
      path: c.path,
      ...(c.keyPath ? { keyPath: c.keyPath } : {}),
      ...(c.kind === 'p12' ? { password: c.passwordEnv ? `$${c.passwordEnv}` : c.password ? '••••' : '(empty)' } : {}),
      ...(c.keyId ? { keyId: c.keyId } : {}),
      ...(c.teamId ? { teamId: c.teamId } : {}),
      ...(c.voip ? { voip: true as const } : {}),
    })),
  };
}
