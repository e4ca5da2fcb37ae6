/** A profile's credentials, read from disk and inspected against what the profile expects of them. */
import type { ApnMaterial } from '../core/credentials/inspect.js';
import { renderCredentialReport, type CredentialCheckResult } from '../core/credentials/report.js';
import type { CredentialReport } from '../core/credentials/index.js';
import type { Issue, Lang } from '../core/finding.js';
import type { CertEntry } from '../core/profile.js';
import { inspectCredentialFile, type CredentialFileOptions } from '../adapters/credential-files.js';
import { resolveCertPassword } from './profiles.js';

/**
 * File options for a credential stored in a profile. The password comes from the entry or from
 * the environment variable it names; it is passed on, never printed.
 */
export function credentialFileOptions(cert: CertEntry, env: Record<string, string | undefined>): CredentialFileOptions {
  // An unset variable is a configuration error (exit 2), not a wrong password.
  const password = resolveCertPassword(cert, env);
  return {
    path: cert.path,
    kind: cert.kind,
    ...(cert.keyPath ? { keyPath: cert.keyPath } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(cert.keyId ? { keyId: cert.keyId } : {}),
    ...(cert.teamId ? { teamId: cert.teamId } : {}),
  };
}

/** Inspects a profile credential against the profile's expectations (environment, bundle id, name, VoIP). */
export function inspectCertEntry(
  cert: CertEntry,
  opts: { env: Record<string, string | undefined>; bundleId?: string; warnDays?: number; now: Date },
): Promise<CredentialReport> {
  return inspectCredentialFile(credentialFileOptions(cert, opts.env), {
    bundleId: opts.bundleId,
    environment: cert.environment,
    certName: cert.name,
    warnDays: opts.warnDays,
    now: opts.now,
    ...(cert.voip ? { voip: true } : {}),
  });
}

export interface CredentialCheck extends Omit<CredentialCheckResult, 'ok' | 'credential'> {
  credential: CredentialCheckResult['credential'] | Record<string, unknown>;
  /** Present when the credential yields a usable identity or key (never printed). */
  material?: ApnMaterial;
  /** The inspector's language-free findings, for the rule engine. */
  issues: Issue[];
}

export interface CheckContext {
  bundleId?: string;
  env: Record<string, string | undefined>;
  lang: Lang;
  now: Date;
  warnDays?: number;
}

export async function checkCredentialFile(cert: CertEntry, c: CheckContext): Promise<CredentialCheck> {
  const report = await inspectCertEntry(cert, { env: c.env, bundleId: c.bundleId, warnDays: c.warnDays, now: c.now });
  const rendered = renderCredentialReport(report, c.lang);
  return { credential: rendered.credential, findings: rendered.findings, material: report.material, issues: report.issues };
}
