/**
 * The inspector's findings for the credentials the receiver's tokens are pushed with, as a fact:
 * those of the APNs tokens' certificate names as they are (they carry the message push), those
 * used only by PushKit tokens as warnings (they carry call invitations, not this message).
 */
import type { Context } from '../../context.js';
import { fact, type Facts } from '../../core/diagnosis/facts.js';
import { UsageError } from '../../core/errors.js';
import type { Issue } from '../../core/finding.js';
import { pickCert, type CertEntry, type Profile } from '../../core/profile.js';
import { inspectCertEntry } from '../credentials.js';

const namesOf = (tokens: Array<{ certName?: string | null }> | undefined): Set<string> =>
  new Set((tokens ?? []).map((t) => t.certName).filter((n): n is string => Boolean(n)));

async function inspect(cert: CertEntry, profile: Profile, ctx: Context): Promise<Issue[]> {
  try {
    const report = await inspectCertEntry(cert, { env: ctx.env, bundleId: profile.bundleId, now: ctx.now() });
    return report.issues.filter((i) => !i.id.startsWith('certname.'));
  } catch (error) {
    // An unreadable credential file is itself the finding: the relay could not push with it.
    if (error instanceof UsageError && error.code === 'file.unreadable') return [{ id: 'p12.unreadable', params: { reason: 'file-unreadable' }, severity: 'error' }];
    throw error;
  }
}

export async function credentialFacts(facts: Facts, profile: Profile | undefined, ctx: Context): Promise<Facts> {
  if (!profile) return {};
  const names = namesOf(facts.tokens?.value);
  if (names.size === 0) {
    const fallback = pickCert(profile, { environment: facts.environment?.value });
    if (fallback) names.add(fallback.name);
  }
  const callNames = namesOf(facts.pushkitTokens?.value);
  const issues: Issue[] = [];
  for (const cert of profile.certs) {
    if (names.has(cert.name)) issues.push(...(await inspect(cert, profile, ctx)));
    else if (callNames.has(cert.name)) issues.push(...(await inspect(cert, profile, ctx)).map((i) => (i.severity === 'info' ? i : { ...i, severity: 'warning' as const })));
  }
  return issues.length ? { credentialIssues: fact(issues, 'credential') } : {};
}
