/** The inspector's findings for the credentials the receiver's tokens are pushed with, as a fact. */
import type { Context } from '../../context.js';
import { fact, type Facts } from '../../core/diagnosis/facts.js';
import { UsageError } from '../../core/errors.js';
import type { Issue } from '../../core/finding.js';
import { pickCert, type Profile } from '../../core/profile.js';
import { inspectCertEntry } from '../credentials.js';

export async function credentialFacts(facts: Facts, profile: Profile | undefined, ctx: Context): Promise<Facts> {
  if (!profile) return {};
  const names = new Set((facts.tokens?.value ?? []).map((t) => t.certName).filter((n): n is string => Boolean(n)));
  if (names.size === 0) {
    const fallback = pickCert(profile, { environment: facts.environment?.value });
    if (fallback) names.add(fallback.name);
  }
  const issues: Issue[] = [];
  for (const cert of profile.certs.filter((c) => names.has(c.name))) {
    try {
      const report = await inspectCertEntry(cert, { env: ctx.env, bundleId: profile.bundleId, now: ctx.now() });
      issues.push(...report.issues.filter((i) => !i.id.startsWith('certname.')));
    } catch (error) {
      // An unreadable credential file is itself the finding: the relay could not push with it.
      if (error instanceof UsageError && error.code === 'file.unreadable') issues.push({ id: 'p12.unreadable', params: { reason: 'file-unreadable' }, severity: 'error' });
      else throw error;
    }
  }
  return issues.length ? { credentialIssues: fact(issues, 'credential') } : {};
}
