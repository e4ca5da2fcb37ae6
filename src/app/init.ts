/** `init`: register an app key, its relay and a push credential in a profile, checked before it is saved. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { evaluate } from '../core/diagnosis/engine.js';
import { factsFrom } from '../core/diagnosis/facts.js';
import {
  INIT_FIELDS,
  credentialTypeOf,
  findInvalid,
  isSatisfied,
  keyIdFromP8Name,
  missingFields,
  type FieldSpec,
  type InitMode,
  type InitValues,
} from '../core/init-fields.js';
import type { CertEntry, NimApi, Profile } from '../core/profile.js';
import { bilingual, CheckFailedError, UsageError } from '../core/errors.js';
import { openConfigStore } from '../adapters/config-store.js';
import type { Prompter } from '../adapters/prompts.js';
import { describeProfile } from '../core/profile-view.js';
import type { InitData } from '../output/init-view.js';
import { checkCredentialFile } from './credentials.js';
import { resolveCertPassword } from './profiles.js';

export interface InitOptions extends InitValues {
  addCert: boolean;
  force: boolean;
  /** The NIM server API version of a new profile (default v2). */
  api?: NimApi;
  /** The certificate name is a PushKit one (`pkCername`). */
  voip?: boolean;
}

/** New profiles speak v2: NetEase's current server SDK is built on it, and only v2 reads push-while-desktop-online. */
export const DEFAULT_API: NimApi = 'v2';

export interface InitDeps {
  prompter?: () => Promise<Prompter>;
  checkCredential?: typeof checkCredentialFile;
}


export async function init(options: InitOptions, ctx: Context, deps: InitDeps = {}): Promise<InitData> {
  const store = openConfigStore(ctx.configDir);
  const mode: InitMode = options.addCert ? 'add-cert' : 'new';
  const values: InitValues = { ...options };
  if (!values.profile && ctx.profileName) values.profile = ctx.profileName;
  if (mode === 'add-cert' && !values.profile) values.profile = store.read().current;
  if (!ctx.interactive) applySuggestions(values);

  const invalid = findInvalid(values);
  if (invalid) throw new UsageError(bilingual(`${invalid.flag}: ${invalid.message.en}`, `${invalid.flag}:${invalid.message.zh}`), 'usage', { flag: invalid.flag });

  const existing = values.profile ? store.getProfile(values.profile) : undefined;
  if (mode === 'add-cert' && values.profile && !existing) {
    throw new UsageError(bilingual(`--add-cert needs an existing profile; '${values.profile}' does not exist. Run \`nim-push init --profile ${values.profile}\` first.`, `--add-cert 需要已存在的配置;'${values.profile}' 不存在。请先运行 \`nim-push init --profile ${values.profile}\`。`), 'config.no-profile');
  }

  const missing = missingFields(values, mode);
  if (missing.length > 0) {
    if (!ctx.interactive) {
      const flags = missing.map((m) => m.flag).join(', ');
      throw new UsageError(bilingual(`Missing ${flags} (nim-push init does not prompt without a terminal, or with --yes, --json or CI set).`, `缺少 ${flags}(没有终端,或设置了 --yes、--json 或 CI 时,nim-push init 不会提示输入)。`), 'usage.missing-flag', { missing: missing.map((m) => m.flag) });
    }
    const prompter = await (deps.prompter ?? (await import('../adapters/prompts.js')).createInquirerPrompter)();
    await askMissing(values, mode, prompter, ctx.lang);
  }

  const cert = buildCertEntry(values, ctx, options.voip === true);
  if (cert.passwordEnv) resolveCertPassword(cert, ctx.env);
  const check = await (deps.checkCredential ?? checkCredentialFile)(cert, {
    bundleId: values.bundleId ?? existing?.bundleId,
    env: ctx.env,
    lang: ctx.lang,
    now: ctx.now(),
  });
  // The rule engine decides, as it does for diagnose, send and the relay: would this credential stop a push?
  const decision = evaluate(factsFrom({ credentialIssues: check.issues }, 'credential'), { groups: ['credential'] });
  if (decision.verdict === 'blocked' && !options.force) {
    throw new CheckFailedError(
      'credential.rejected',
      bilingual(
        `The credential for '${cert.name}' has errors and was not saved (use --force to save it anyway, e.g. to test what \`nim-push check\` reports).`,
        `'${cert.name}' 的证书有错误,未保存(可加 --force 仍然保存,例如用来测试 \`nim-push check\` 的报告)。`,
      ),
      { findings: check.findings, credential: check.credential },
    );
  }

  const name = values.profile as string;
  const profile = mergeProfile(existing, values, cert, mode, options.api);
  await store.saveProfile(name, profile, mode === 'new');
  return { ok: true, profile: describeProfile(name, profile), path: store.path, credential: check.credential, findings: check.findings };
}

function applySuggestions(values: InitValues): void {
  if (values.profile === undefined) values.profile = 'default';
  if (values.relay === undefined) values.relay = 'local';
  if (values.p8 && values.keyId === undefined) values.keyId = keyIdFromP8Name(values.p8);
}

async function askMissing(values: InitValues, mode: InitMode, prompter: Prompter, lang: 'en' | 'zh'): Promise<void> {
  for (const spec of INIT_FIELDS) {
    if (!spec.needed(values, mode) || isSatisfied(spec, values)) continue;
    (values as Record<string, string>)[spec.key] = await ask(spec, values, prompter, lang);
  }
}

function ask(spec: FieldSpec, values: InitValues, prompter: Prompter, lang: 'en' | 'zh'): Promise<string> {
  const validate = (v: string): string | true => spec.check?.(v)?.[lang] ?? true;
  if (spec.kind === 'secret') return prompter.secret({ message: spec.label, validate });
  if (spec.kind === 'select' && spec.choices) {
    return prompter.select({ message: spec.label, choices: spec.choices, default: spec.suggest?.(values) });
  }
  return prompter.input({ message: spec.label, default: spec.suggest?.(values), validate });
}

function buildCertEntry(values: InitValues, ctx: Context, voip: boolean): CertEntry {
  const kind = credentialTypeOf(values) ?? 'p12';
  const file = kind === 'p12' ? values.p12 : kind === 'p8' ? values.p8 : values.cert;
  const entry: CertEntry = {
    name: values.certName as string,
    kind,
    path: resolve(ctx.cwd, file as string),
    environment: values.env as CertEntry['environment'],
  };
  if (kind === 'pem' && values.key) entry.keyPath = resolve(ctx.cwd, values.key);
  if (kind === 'p12') {
    if (values.passwordEnv) entry.passwordEnv = values.passwordEnv;
    else entry.password = values.password ?? '';
  }
  if (kind === 'p8') {
    entry.keyId = values.keyId;
    entry.teamId = values.teamId;
  }
  if (voip) entry.voip = true;
  return entry;
}

function mergeProfile(existing: Profile | undefined, values: InitValues, cert: CertEntry, mode: InitMode, api: NimApi | undefined): Profile {
  const base: Profile = existing ?? { appKey: '', bundleId: '', environment: cert.environment, relay: 'local', certs: [] };
  const profile: Profile = { ...base, certs: base.certs.filter((c) => c.name !== cert.name).concat(cert) };
  if (mode === 'new') {
    profile.appKey = values.appKey as string;
    profile.bundleId = values.bundleId as string;
    profile.environment = cert.environment;
    profile.relay = values.relay ?? 'local';
    profile.api = api ?? DEFAULT_API;
    if (values.appSecretEnv) {
      profile.appSecretEnv = values.appSecretEnv;
      delete profile.appSecret;
    } else {
      profile.appSecret = values.appSecret;
      delete profile.appSecretEnv;
    }
  } else if (api) {
    profile.api = api;
  }
  return profile;
}
