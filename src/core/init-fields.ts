/**
 * What `init` needs, as data: each field names its flag, when it is required, how it is checked
 * and how it is asked. The non-interactive path and the prompts walk the same table.
 */
import type { ApnsEnvironment } from './profile.js';
import { RELAY_HOSTS, isNimRegion } from './nim/hosts.js';
import { checkCertName as certNameIssues } from './credentials/cert-name.js';
import { describe } from './catalogue/index.js';
import { bilingual, type Bilingual } from './errors.js';

export interface InitValues {
  profile?: string;
  appKey?: string;
  appSecret?: string;
  appSecretEnv?: string;
  certName?: string;
  credentialType?: 'p12' | 'p8' | 'pem';
  p12?: string;
  p8?: string;
  cert?: string;
  key?: string;
  password?: string;
  passwordEnv?: string;
  keyId?: string;
  teamId?: string;
  bundleId?: string;
  env?: string;
  relay?: string;
}

export type FieldKey = keyof InitValues;
export type PromptKind = 'input' | 'secret' | 'select' | 'file';

export interface FieldSpec {
  key: FieldKey;
  flag: string;
  /** Flags that also satisfy this field (e.g. --app-secret-env for --app-secret). */
  alternatives?: FieldKey[];
  label: string;
  kind: PromptKind;
  choices?: Array<{ value: string; name: string }>;
  /** Whether the field is needed, given the values so far. */
  needed(values: InitValues, mode: InitMode): boolean;
  /** An error message, or undefined when the value is acceptable. */
  check?(value: string): Bilingual | undefined;
  /** A suggested default computed from the other values. */
  suggest?(values: InitValues): string | undefined;
}

export type InitMode = 'new' | 'add-cert';

const PROFILE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const BUNDLE_RE = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const APPLE_ID_RE = /^[A-Z0-9]{10}$/;
const ENV_VAR_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** The catalogue's own words (certname.missing / certname.too-long), so init and cert check agree. */
export const checkCertName = (name: string): Bilingual | undefined => {
  const [found] = certNameIssues(name);
  return found ? bilingual(describe(found, 'en').message, describe(found, 'zh').message) : undefined;
};

export const checkRelay = (relay: string): Bilingual | undefined => {
  if (relay === 'local' || isNimRegion(relay)) return undefined;
  try {
    const url = new URL(relay);
    if (url.protocol === 'http:' || url.protocol === 'https:') return undefined;
  } catch {
    // fall through
  }
  return bilingual(
    `Relay must be 'local', 'nim' (${RELAY_HOSTS.nim}), 'nim-sg' (${RELAY_HOSTS['nim-sg']}) or an http(s) URL.`,
    `中转服务只能是 'local'、'nim'(${RELAY_HOSTS.nim})、'nim-sg'(${RELAY_HOSTS['nim-sg']})或 http(s) 地址。`,
  );
};

export const isEnvironment = (value: string): value is ApnsEnvironment =>
  value === 'development' || value === 'production';

/** `AuthKey_ABC123DEFG.p8` → `ABC123DEFG`. */
export function keyIdFromP8Name(path: string): string | undefined {
  const base = path.split(/[\\/]/).pop() ?? '';
  return /^AuthKey_([A-Z0-9]{10})\.p8$/i.exec(base)?.[1]?.toUpperCase();
}

const nonEmpty = (en: string, zh: string) => (v: string) => (v.trim() ? undefined : bilingual(`${en} must not be empty.`, `${zh}不能为空。`));
const isType = (t: InitValues['credentialType']) => (v: InitValues) => credentialTypeOf(v) === t;
const always = () => true;
const onlyNew = (_v: InitValues, mode: InitMode) => mode === 'new';

export function credentialTypeOf(values: InitValues): InitValues['credentialType'] {
  if (values.credentialType) return values.credentialType;
  if (values.p12) return 'p12';
  if (values.p8) return 'p8';
  if (values.cert) return 'pem';
  return undefined;
}

export const INIT_FIELDS: FieldSpec[] = [
  {
    key: 'profile', flag: '--profile', label: 'Profile name', kind: 'input', needed: always,
    check: (v) => (PROFILE_RE.test(v) ? undefined : bilingual('Profile names use letters, digits, ".", "_" and "-" (at most 64).', '配置名只能由字母、数字、"."、"_" 和 "-" 组成(最多 64 个)。')),
    suggest: () => 'default',
  },
  { key: 'appKey', flag: '--app-key', label: 'App Key', kind: 'input', needed: onlyNew, check: nonEmpty('The App Key', 'App Key') },
  {
    key: 'appSecret', flag: '--app-secret', alternatives: ['appSecretEnv'], label: 'App Secret', kind: 'secret',
    needed: onlyNew, check: nonEmpty('The App Secret', 'App Secret'),
  },
  { key: 'certName', flag: '--cert-name', label: 'Certificate name (as in the NIM console, ≤32 characters)', kind: 'input', needed: always, check: checkCertName },
  {
    key: 'credentialType', flag: '--p12 or --p8', alternatives: ['p12', 'p8', 'cert'], label: 'Credential type', kind: 'select',
    choices: [
      { value: 'p12', name: '.p12 certificate (with password)' },
      { value: 'p8', name: '.p8 token key (Key ID + Team ID)' },
    ],
    needed: always,
  },
  { key: 'p12', flag: '--p12', label: 'Path of the .p12 file', kind: 'file', needed: isType('p12'), check: nonEmpty('The .p12 path', '.p12 路径') },
  { key: 'password', flag: '--password', alternatives: ['passwordEnv'], label: '.p12 password (empty if none)', kind: 'secret', needed: isType('p12') },
  { key: 'p8', flag: '--p8', label: 'Path of the AuthKey_XXXXXXXXXX.p8 file', kind: 'file', needed: isType('p8'), check: nonEmpty('The .p8 path', '.p8 路径') },
  {
    key: 'keyId', flag: '--key-id', label: 'Key ID (10 characters)', kind: 'input', needed: isType('p8'),
    check: (v) => (APPLE_ID_RE.test(v) ? undefined : bilingual('A Key ID is 10 upper-case letters or digits, e.g. ABC123DEFG.', 'Key ID 由 10 个大写字母或数字组成,例如 ABC123DEFG。')),
    suggest: (v) => (v.p8 ? keyIdFromP8Name(v.p8) : undefined),
  },
  {
    key: 'teamId', flag: '--team-id', label: 'Team ID (10 characters)', kind: 'input', needed: isType('p8'),
    check: (v) => (APPLE_ID_RE.test(v) ? undefined : bilingual('A Team ID is 10 upper-case letters or digits, e.g. DEF123GHIJ.', 'Team ID 由 10 个大写字母或数字组成,例如 DEF123GHIJ。')),
  },
  {
    key: 'bundleId', flag: '--bundle-id', label: 'Bundle id (the APNs topic)', kind: 'input', needed: onlyNew,
    check: (v) => (BUNDLE_RE.test(v) ? undefined : bilingual('A bundle id looks like com.example.app.', 'Bundle ID 形如 com.example.app。')),
  },
  {
    key: 'env', flag: '--env', label: 'APNs environment of this credential', kind: 'select', needed: always,
    choices: [
      { value: 'development', name: 'development (debug builds, api.sandbox.push.apple.com)' },
      { value: 'production', name: 'production (release / TestFlight builds, api.push.apple.com)' },
    ],
    check: (v) => (isEnvironment(v) ? undefined : bilingual("The environment is 'development' or 'production'.", "环境只能是 'development' 或 'production'。")),
  },
  {
    key: 'relay', flag: '--relay', label: 'Relay', kind: 'select', needed: onlyNew,
    choices: [
      { value: 'local', name: 'local (nim-push relay serve, offline)' },
      { value: 'nim', name: `nim (${RELAY_HOSTS.nim})` },
      { value: 'nim-sg', name: `nim-sg (${RELAY_HOSTS['nim-sg']})` },
    ],
    check: checkRelay,
  },
  {
    key: 'appSecretEnv', flag: '--app-secret-env', label: 'Environment variable', kind: 'input', needed: () => false,
    check: (v) => (ENV_VAR_RE.test(v) ? undefined : bilingual('Not a valid environment variable name.', '不是合法的环境变量名。')),
  },
  {
    key: 'passwordEnv', flag: '--password-env', label: 'Environment variable', kind: 'input', needed: () => false,
    check: (v) => (ENV_VAR_RE.test(v) ? undefined : bilingual('Not a valid environment variable name.', '不是合法的环境变量名。')),
  },
];

export const isSatisfied = (spec: FieldSpec, values: InitValues): boolean =>
  values[spec.key] !== undefined || (spec.alternatives ?? []).some((k) => values[k] !== undefined);

/** Fields still needed and not given, in asking order. */
export const missingFields = (values: InitValues, mode: InitMode): FieldSpec[] =>
  INIT_FIELDS.filter((spec) => spec.needed(values, mode) && !isSatisfied(spec, values));

/** Checks every given value; returns the first problem as `{flag, message}`. */
export function findInvalid(values: InitValues): { flag: string; message: Bilingual } | undefined {
  for (const spec of INIT_FIELDS) {
    const value = values[spec.key];
    if (value === undefined || !spec.check) continue;
    const message = spec.check(value);
    if (message) return { flag: spec.flag, message };
  }
  const given = (['p12', 'p8', 'cert'] as const).filter((k) => values[k] !== undefined);
  if (given.length > 1) return { flag: '--p12/--p8/--cert', message: bilingual('Give one credential: --p12, --p8 or --cert (with --key).', '只能给出一种证书:--p12、--p8 或 --cert(配 --key)。') };
  return undefined;
}
