/** `nim-push cert check [file]`: inspect a .p12, .p8 or PEM credential, or every credential of the profile. */
import type { CommandResult, Context } from '../context.js';
import { bySeverity, hasErrors, type Finding } from '../core/finding.js';
import { describeAll } from '../core/catalogue/index.js';
import { checkCertName } from '../core/credentials/index.js';
import { renderCredentialReport, type CredentialCheckResult } from '../core/credentials/report.js';
import { isEnvironment } from '../core/init-fields.js';
import { inspectCredentialFile } from '../adapters/credential-files.js';
import { checkCredentialFile } from '../adapters/credential-check.js';
import { UsageError } from '../errors.js';
import { formatCredential } from '../output/credential-view.js';
import { formatFindings } from '../output/style.js';
import { str } from './option-values.js';

export interface CertCheckOptions {
  file?: string;
  keyFile?: string;
  password?: string;
  passwordEnv?: string;
  keyId?: string;
  teamId?: string;
  bundleId?: string;
  env?: 'development' | 'production';
  certName?: string;
  warnDays: number;
}


export function toCertCheckOptions(args: Array<string | undefined>, opts: Record<string, unknown>): CertCheckOptions {
  const warnDays = opts.warnDays === undefined ? 30 : Number(opts.warnDays);
  if (!Number.isInteger(warnDays) || warnDays < 0) throw new UsageError('--warn-days takes a whole number of days (e.g. 30).');
  const env = str(opts.env);
  if (env !== undefined && !isEnvironment(env)) throw new UsageError("--env is 'development' or 'production'.");
  return {
    file: args[0],
    keyFile: str(opts.key),
    password: str(opts.password),
    passwordEnv: str(opts.passwordEnv),
    keyId: str(opts.keyId),
    teamId: str(opts.teamId),
    bundleId: str(opts.bundleId),
    env,
    certName: str(opts.certName),
    warnDays,
  };
}

export async function run(args: Array<string | undefined>, opts: Record<string, unknown>, ctx: Context): Promise<CommandResult> {
  const o = toCertCheckOptions(args, opts);
  return o.file ? checkFile(o, o.file, ctx) : checkProfile(o, ctx);
}

async function checkFile(o: CertCheckOptions, file: string, ctx: Context): Promise<CommandResult> {
  let password = o.password;
  if (o.passwordEnv) {
    password = ctx.env[o.passwordEnv];
    if (password === undefined) throw new UsageError(`--password-env ${o.passwordEnv}: that variable is not set.`);
  }
  const report = await inspectCredentialFile(
    { path: resolvePath(ctx, file), keyPath: o.keyFile && resolvePath(ctx, o.keyFile), password, keyId: o.keyId, teamId: o.teamId },
    { bundleId: o.bundleId, environment: o.env, certName: o.certName, warnDays: o.warnDays, now: ctx.now() },
  );
  const result: CredentialCheckResult = renderCredentialReport(report, ctx.lang);
  const failed = hasErrors(result.findings);
  return {
    exitCode: failed ? 1 : 0,
    data: { ok: !failed, credential: result.credential, findings: result.findings },
    human: (s) => [formatCredential(result.credential, s, file, ctx.lang), verdictLine(result.findings, s, ctx), formatFindings(result.findings, s, ctx.lang)].filter(Boolean).join('\n'),
  };
}

async function checkProfile(o: CertCheckOptions, ctx: Context): Promise<CommandResult> {
  // Loaded here, not at the top: the profile store pulls in conf (and ajv), which checking a
  // file does not need; that import was a quarter of `cert check <file>`'s start-up.
  const { loadProfile } = await import('../adapters/profile-resolver.js');
  const { name, profile } = loadProfile(ctx);
  if (profile.certs.length === 0) throw new UsageError(`Profile '${name}' has no credential. Run \`nim-push init --add-cert\`.`);
  const certs = o.certName ? profile.certs.filter((c) => c.name === o.certName) : profile.certs;
  if (certs.length === 0) throw new UsageError(`Profile '${name}' has no certificate named '${o.certName}'.`, 'certname.unknown');
  const credentials: Array<{ certName: string; environment: string; credential: CredentialCheckResult['credential'] | Record<string, unknown>; findings: Finding[] }> = [];
  for (const cert of certs) {
    const entry = o.env ? { ...cert, environment: o.env } : cert;
    const check = await checkCredentialFile(entry, { bundleId: o.bundleId ?? profile.bundleId, env: ctx.env, lang: ctx.lang, now: ctx.now(), warnDays: o.warnDays });
    const nameFindings = describeAll(checkCertName(cert.name), ctx.lang);
    const findings = dedupe([...nameFindings, ...check.findings]).sort(bySeverity);
    credentials.push({ certName: cert.name, environment: entry.environment, credential: check.credential, findings });
  }
  const all = credentials.flatMap((c) => c.findings);
  const failed = hasErrors(all);
  return {
    exitCode: failed ? 1 : 0,
    data: { ok: !failed, profile: name, credentials },
    human: (s) =>
      credentials
        .map((c) => [formatCredential(c.credential, s, `${c.certName} (${c.environment})`, ctx.lang), verdictLine(c.findings, s, ctx), formatFindings(c.findings, s, ctx.lang)].filter(Boolean).join('\n'))
        .join('\n\n'),
  };
}

const dedupe = (findings: Finding[]): Finding[] => findings.filter((f, i) => findings.findIndex((g) => g.id === f.id && g.message === f.message) === i);

function verdictLine(findings: Finding[], s: import('../output/style.js').Style, ctx: Context): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.filter((f) => f.severity === 'warning').length;
  if (ctx.lang === 'zh') return errors ? s.error(`✖ ${errors} 个错误, ${warnings} 个警告`) : s.ok(`✔ 可用${warnings ? `(${warnings} 个警告)` : ''}`);
  return errors ? s.error(`✖ ${errors} error(s), ${warnings} warning(s)`) : s.ok(`✔ usable${warnings ? ` (${warnings} warning(s))` : ''}`);
}

const resolvePath = (ctx: Context, p: string): string => (p.startsWith('/') ? p : `${ctx.cwd}/${p}`);
