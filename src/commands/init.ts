/** `nim-push init`: register an app key, its relay and a push credential in a profile. */
import { resolve } from 'node:path';
import type { CommandResult, Context } from '../context.js';
import type { Finding } from '../core/finding.js';
import { evaluate, factsFrom } from '../core/diagnosis/index.js';
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
import type { CertEntry, Profile } from '../core/profile.js';
import { CheckFailedError, UsageError } from '../errors.js';
import { openConfigStore } from '../adapters/config-store.js';
import type { Prompter } from '../adapters/prompts.js';
import { resolveCertPassword } from '../adapters/profile-resolver.js';
import { checkCredentialFile, type CredentialCheck } from '../adapters/credential-check.js';
import { formatFindings } from '../output/style.js';
import { describeProfile } from '../core/profile-view.js';
import { str } from './option-values.js';

export interface InitOptions extends InitValues {
  addCert: boolean;
  force: boolean;
}

export interface InitDeps {
  prompter?: () => Promise<Prompter>;
  checkCredential?: typeof checkCredentialFile;
}


/** Commander options → typed init options (table-tested). */
export function toInitOptions(opts: Record<string, unknown>): InitOptions {
  return {
    profile: str(opts.profile),
    appKey: str(opts.appKey),
    appSecret: str(opts.appSecret),
    appSecretEnv: str(opts.appSecretEnv),
    certName: str(opts.certName),
    p12: str(opts.p12),
    p8: str(opts.p8),
    cert: str(opts.cert),
    key: str(opts.key),
    password: str(opts.password),
    passwordEnv: str(opts.passwordEnv),
    keyId: str(opts.keyId),
    teamId: str(opts.teamId),
    bundleId: str(opts.bundleId),
    env: str(opts.env),
    relay: str(opts.relay),
    addCert: opts.addCert === true,
    force: opts.force === true,
  };
}

export async function run(_args: Array<string | undefined>, opts: Record<string, unknown>, ctx: Context, deps: InitDeps = {}): Promise<CommandResult> {
  return runInit(toInitOptions(opts), ctx, deps);
}

export async function runInit(options: InitOptions, ctx: Context, deps: InitDeps = {}): Promise<CommandResult> {
  const store = openConfigStore(ctx.configDir);
  const mode: InitMode = options.addCert ? 'add-cert' : 'new';
  const values: InitValues = { ...options };
  if (!values.profile && ctx.profileName) values.profile = ctx.profileName;
  if (mode === 'add-cert' && !values.profile) values.profile = store.read().current;
  if (!ctx.interactive) applySuggestions(values);

  const invalid = findInvalid(values);
  if (invalid) throw new UsageError(`${invalid.flag}: ${invalid.message}`);

  const existing = values.profile ? store.getProfile(values.profile) : undefined;
  if (mode === 'add-cert' && values.profile && !existing) {
    throw new UsageError(`--add-cert needs an existing profile; '${values.profile}' does not exist. Run \`nim-push init --profile ${values.profile}\` first.`, 'config.no-profile');
  }

  const missing = missingFields(values, mode);
  if (missing.length > 0) {
    if (!ctx.interactive) {
      const flags = missing.map((m) => m.flag).join(', ');
      throw new UsageError(`Missing ${flags} (nim-push init does not prompt without a terminal, or with --yes, --json or CI set).`, 'usage.missing-flag', { missing: missing.map((m) => m.flag) });
    }
    const prompter = await (deps.prompter ?? (await import('../adapters/prompts.js')).createInquirerPrompter)();
    await askMissing(values, mode, prompter);
  }

  const cert = buildCertEntry(values, ctx);
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
      `The credential for '${cert.name}' has errors and was not saved (use --force to save it anyway, e.g. to test what \`nim-push check\` reports).`,
      { findings: check.findings, credential: check.credential },
    );
  }

  const name = values.profile as string;
  const profile = mergeProfile(existing, values, cert, mode);
  store.saveProfile(name, profile, mode === 'new');
  return initResult(name, profile, store.path, check, ctx);
}

function applySuggestions(values: InitValues): void {
  if (values.profile === undefined) values.profile = 'default';
  if (values.relay === undefined) values.relay = 'local';
  if (values.p8 && values.keyId === undefined) values.keyId = keyIdFromP8Name(values.p8);
}

async function askMissing(values: InitValues, mode: InitMode, prompter: Prompter): Promise<void> {
  for (const spec of INIT_FIELDS) {
    if (!spec.needed(values, mode) || isSatisfied(spec, values)) continue;
    (values as Record<string, string>)[spec.key] = await ask(spec, values, prompter);
  }
}

function ask(spec: FieldSpec, values: InitValues, prompter: Prompter): Promise<string> {
  const validate = (v: string): string | true => spec.check?.(v) ?? true;
  if (spec.kind === 'secret') return prompter.secret({ message: spec.label, validate });
  if (spec.kind === 'select' && spec.choices) {
    return prompter.select({ message: spec.label, choices: spec.choices, default: spec.suggest?.(values) });
  }
  return prompter.input({ message: spec.label, default: spec.suggest?.(values), validate });
}

function buildCertEntry(values: InitValues, ctx: Context): CertEntry {
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
  return entry;
}

function mergeProfile(existing: Profile | undefined, values: InitValues, cert: CertEntry, mode: InitMode): Profile {
  const base: Profile = existing ?? { appKey: '', bundleId: '', environment: cert.environment, relay: 'local', certs: [] };
  const profile: Profile = { ...base, certs: base.certs.filter((c) => c.name !== cert.name).concat(cert) };
  if (mode === 'new') {
    profile.appKey = values.appKey as string;
    profile.bundleId = values.bundleId as string;
    profile.environment = cert.environment;
    profile.relay = values.relay ?? 'local';
    if (values.appSecretEnv) {
      profile.appSecretEnv = values.appSecretEnv;
      delete profile.appSecret;
    } else {
      profile.appSecret = values.appSecret;
      delete profile.appSecretEnv;
    }
  }
  return profile;
}

function initResult(name: string, profile: Profile, path: string, check: CredentialCheck, ctx: Context): CommandResult {
  const findings: Finding[] = check.findings;
  const view = describeProfile(name, profile);
  return {
    exitCode: 0,
    data: { ok: true, profile: view, path, credential: check.credential, findings },
    human: (s) =>
      [
        s.ok(`✔ Saved profile '${name}' in ${path}`),
        `  certificate '${profile.certs.at(-1)?.name}' (${profile.certs.at(-1)?.kind}, ${profile.certs.at(-1)?.environment})`,
        findings.length ? formatFindings(findings, s, ctx.lang) : '',
      ]
        .filter(Boolean)
        .join('\n'),
  };
}
