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
  /** A PushKit certificate name (the SDK's `pkCername`): it pushes VoIP to `<bundle>.voip`. */
  voip?: boolean;
}

/** Which version of the NIM server API the app server speaks. */
export type NimApi = 'v1' | 'v2';

export interface Profile {
  appKey: string;
  appSecret?: string;
  appSecretEnv?: string;
  bundleId: string;
  environment: ApnsEnvironment;
  /** `local`, `nim`, `nim-sg`, or a base URL. */
  relay: string;
  /** The NIM server API version sends and diagnosis use; absent in profiles made before v2: v1. */
  api?: NimApi;
  certs: CertEntry[];
}

export interface ConfigData {
  current?: string;
  profiles: Record<string, Profile>;
}


export const APNS_HOSTS: Record<ApnsEnvironment, string> = {
  development: 'api.sandbox.push.apple.com',
  production: 'api.push.apple.com',
};

export const CERT_NAME_MAX = 32;

/** The certificate entry used for an environment: an exact match first, else the first one. */
export function pickCert(profile: Profile, opts: { name?: string; environment?: ApnsEnvironment; voip?: boolean } = {}): CertEntry | undefined {
  if (opts.name) return profile.certs.find((c) => c.name === opts.name);
  const env = opts.environment ?? profile.environment;
  // APNs certificate names for alerts, PushKit ones (pkCername) for VoIP.
  const pool = profile.certs.filter((c) => Boolean(c.voip) === Boolean(opts.voip));
  return pool.find((c) => c.environment === env) ?? pool[0];
}
