/** The stored profile: one registered app, its relay and its push credentials. */

export type ApnsEnvironment = 'development' | 'production';
export type CredentialKind = 'p12' | 'p8' | 'pem';

/** One push credential registered under a certificate name (NIM's `apnsCername`). */
export interface CertEntry {
  name: string;
  kind: CredentialKind;
  /** Absolute path of the .p12/.p8/PEM certificate file. */
  path: string;
  /** PEM private key file, for kind 'pem' when the key is in a separate file. */
  keyPath?: string;
  environment: ApnsEnvironment;
  /** p12 password stored in the profile (mode 0600), or read from `passwordEnv`. */
  password?: string;
  passwordEnv?: string;
  keyId?: string;
  teamId?: string;
}

export interface Profile {
  appKey: string;
  appSecret?: string;
  appSecretEnv?: string;
  bundleId: string;
  environment: ApnsEnvironment;
  /** `local`, `nim`, `nim-sg`, or a base URL. */
  relay: string;
  certs: CertEntry[];
}

export interface ConfigData {
  current?: string;
  profiles: Record<string, Profile>;
}

export const RELAY_HOSTS: Record<string, string> = {
  nim: 'https://api.netease.im/nimserver',
  'nim-sg': 'https://api-sg.netease.im/nimserver',
};

export const APNS_HOSTS: Record<ApnsEnvironment, string> = {
  development: 'api.sandbox.push.apple.com',
  production: 'api.push.apple.com',
};

export const CERT_NAME_MAX = 32;

/** The certificate entry used for an environment: an exact match first, else the first one. */
export function pickCert(profile: Profile, opts: { name?: string; environment?: ApnsEnvironment } = {}): CertEntry | undefined {
  if (opts.name) return profile.certs.find((c) => c.name === opts.name);
  const env = opts.environment ?? profile.environment;
  return profile.certs.find((c) => c.environment === env) ?? profile.certs[0];
}
