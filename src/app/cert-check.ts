/** `cert check`: one credential file, or every credential of the profile, inspected deeply. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { describeAll } from '../core/catalogue/index.js';
import { checkCertName } from '../core/credentials/cert-name.js';
import { renderCredentialReport } from '../core/credentials/report.js';
import { bilingual, UsageError } from '../core/errors.js';
import { bySeverity, hasErrors, type Finding } from '../core/finding.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { inspectCredentialFile } from '../adapters/credential-files.js';
import type { CertFileData, CertProfileData } from '../output/credential-view.js';
import { checkCredentialFile } from './credentials.js';
import { loadProfile } from './profiles.js';

export interface CertCheckOptions {
  file?: string;
  keyFile?: string;
  password?: string;
  passwordEnv?: string;
  keyId?: string;
  teamId?: string;
  bundleId?: string;
  env?: ApnsEnvironment;
  certName?: string;
  warnDays: number;
  /** The credential must push VoIP (PushKit) on `<bundle>.voip`. */
  voip?: boolean;
}

export async function checkFile(o: CertCheckOptions & { file: string }, ctx: Context): Promise<CertFileData> {
  let password = o.password;
  if (o.passwordEnv) {
    password = ctx.env[o.passwordEnv];
    if (password === undefined) throw new UsageError(bilingual(`--password-env ${o.passwordEnv}: that variable is not set.`, `--password-env ${o.passwordEnv}:该环境变量未设置。`), 'config.secret-missing');
  }
  const report = await inspectCredentialFile(
    { path: resolve(ctx.cwd, o.file), keyPath: o.keyFile && resolve(ctx.cwd, o.keyFile), password, keyId: o.keyId, teamId: o.teamId },
    { bundleId: o.bundleId, environment: o.env, certName: o.certName, warnDays: o.warnDays, now: ctx.now(), ...(o.voip ? { voip: true } : {}) },
  );
  const result = renderCredentialReport(report, ctx.lang);
  return { ok: !hasErrors(result.findings), credential: result.credential, findings: result.findings, file: o.file };
}

const dedupe = (findings: Finding[]): Finding[] => findings.filter((f, i) => findings.findIndex((g) => g.id === f.id && g.message === f.message) === i);

export async function checkProfile(o: CertCheckOptions, ctx: Context): Promise<CertProfileData> {
  const { name, profile } = loadProfile(ctx);
  if (profile.certs.length === 0) throw new UsageError(bilingual(`Profile '${name}' has no credential. Run \`nim-push init --add-cert\`.`, `配置 '${name}' 中没有证书。请运行 \`nim-push init --add-cert\`。`), 'certname.missing');
  const certs = o.certName ? profile.certs.filter((c) => c.name === o.certName) : profile.certs;
  if (certs.length === 0) throw new UsageError(bilingual(`Profile '${name}' has no certificate named '${o.certName}'.`, `配置 '${name}' 中没有名为 '${o.certName}' 的证书。`), 'certname.unknown');
  const credentials: CertProfileData['credentials'] = [];
  for (const cert of certs) {
    const entry = { ...cert, ...(o.env ? { environment: o.env } : {}), ...(o.voip ? { voip: true } : {}) };
    const check = await checkCredentialFile(entry, { bundleId: o.bundleId ?? profile.bundleId, env: ctx.env, lang: ctx.lang, now: ctx.now(), warnDays: o.warnDays });
    const findings = dedupe([...describeAll(checkCertName(cert.name), ctx.lang), ...check.findings]).sort(bySeverity);
    credentials.push({ certName: cert.name, environment: entry.environment, ...(entry.voip ? { voip: true } : {}), credential: check.credential, findings });
  }
  return { ok: !hasErrors(credentials.flatMap((c) => c.findings)), profile: name, credentials };
}
