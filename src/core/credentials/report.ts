/** The user-facing form of an inspection: the `cert check --json` document minus the envelope. */
import { describeAll } from '../catalogue/index.js';
import { bySeverity, type Finding, type Lang } from '../finding.js';
import type { CredentialDescription, CredentialReport } from './inspect.js';

export interface CredentialCheckResult {
  ok: boolean;
  credential: CredentialDescription;
  /** Errors first, then warnings, then info. */
  findings: Finding[];
}

/** Renders findings in the user's language; material (secret) is deliberately left out. */
export function renderCredentialReport(report: CredentialReport, lang: Lang): CredentialCheckResult {
  return { ok: report.ok, credential: report.credential, findings: describeAll(report.issues, lang).sort(bySeverity) };
}
