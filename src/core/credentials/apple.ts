/** Apple's identifiers for push certificates and keys (FACTS §4–5). */

export type PushEnvironment = 'development' | 'production';
export type CertEnvironment = PushEnvironment | 'universal';

/** Extension present on certificates that may talk to the sandbox (development) APNs. */
export const OID_APNS_DEVELOPMENT = '1.2.840.113635.100.6.3.1';
/** Extension present on certificates that may talk to the production APNs. */
export const OID_APNS_PRODUCTION = '1.2.840.113635.100.6.3.2';
/** Topic list of a universal "Apple Push Services" certificate. */
export const OID_APNS_TOPICS = '1.2.840.113635.100.6.3.6';
/** The subject attribute that carries the bundle id. */
export const OID_UID = '0.9.2342.19200300.100.1.1';

export const WWDR_COMMON_NAME = 'Apple Worldwide Developer Relations Certification Authority';

export const PUSH_CN_PREFIX: Record<CertEnvironment, string> = {
  development: 'Apple Development IOS Push Services: ',
  production: 'Apple Production IOS Push Services: ',
  universal: 'Apple Push Services: ',
};

/** Apple Key IDs and Team IDs are 10 upper-case letters or digits. */
export const APPLE_ID_PATTERN = /^[A-Z0-9]{10}$/;

/** The Key ID that Apple puts in a downloaded key's name: `AuthKey_<KEYID>.p8`. */
export function keyIdFromFileName(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const base = name.split(/[\\/]/).pop() ?? name;
  const match = /^AuthKey_([A-Za-z0-9]+)\.p8$/i.exec(base);
  return match?.[1];
}

/** Where a certificate is accepted, from its environment. */
export const environmentsOf = (env: CertEnvironment): PushEnvironment[] =>
  env === 'universal' ? ['development', 'production'] : [env];
