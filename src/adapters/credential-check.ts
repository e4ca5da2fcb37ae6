/** Checks a profile credential entry on disk with the credential inspector. */
import type { Issue, Lang } from '../core/finding.js';
import type { CertEntry } from '../core/profile.js';
import { renderCredentialReport, type CredentialCheckResult } from '../core/credentials/report.js';
import type { ApnMaterial } from '../core/credentials/inspect.js';
import { inspectCertEntry } from './credential-files.js';

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
