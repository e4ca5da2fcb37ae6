/** Rules over a described push certificate: push OIDs, validity, environment, topic, issuer. */
import { issue, type Issue } from '../finding.js';
import type { PushEnvironment } from './apple.js';
import { allowsTopic, isAppleIssuer, type PushCertificateDescription } from './push-certificate.js';

export interface CertExpectations {
  bundleId?: string;
  environment?: PushEnvironment;
  /** Warn when the certificate expires within this many days. */
  warnDays: number;
  now: Date;
  /** The credential is registered as a PushKit certificate name: it must push on `<bundle>.voip`. */
  voip?: boolean;
}

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Whole days until expiry; negative once expired. */
export const daysLeft = (notAfter: Date, now: Date): number => Math.floor((notAfter.getTime() - now.getTime()) / DAY);

export function checkCertificate(d: PushCertificateDescription, expect: CertExpectations): Issue[] {
  const issues: Issue[] = [];
  const isPush = d.environments.length > 0;
  if (!isPush) issues.push(issue('cert.not-push', { subject: d.subject }));

  const left = daysLeft(d.notAfter, expect.now);
  if (expect.now.getTime() > d.notAfter.getTime()) {
    issues.push(issue('cert.expired', { notAfter: day(d.notAfter), days: -left }));
  } else if (expect.now.getTime() < d.notBefore.getTime()) {
    issues.push(issue('cert.not-yet-valid', { notBefore: day(d.notBefore) }));
  } else if (left <= expect.warnDays) {
    issues.push(issue('cert.expires-soon', { notAfter: day(d.notAfter), daysLeft: left, warnDays: expect.warnDays }));
  }

  if (isPush && expect.environment && !d.environments.includes(expect.environment)) {
    const certEnv = d.environment ?? d.environments[0];
    issues.push(issue('cert.env-mismatch', { certEnv, expected: expect.environment }));
  }
  if (isPush && expect.bundleId && !allowsTopic(d, expect.bundleId)) {
    const certTopics = [...new Set([d.bundleId, ...d.topics].filter(Boolean))].join(', ') || '-';
    issues.push(issue('cert.topic-mismatch', { bundleId: expect.bundleId, certTopics }));
  }
  if (isPush && expect.voip) {
    const voipTopic = `${expect.bundleId ?? d.bundleId ?? ''}.voip`;
    // A VoIP Services certificate is issued for the `.voip` topic itself; a universal one lists it.
    if (!allowsTopic(d, voipTopic)) issues.push(issue('cert.no-voip', { topic: voipTopic, certTopics: [...new Set([d.bundleId, ...d.topics].filter(Boolean))].join(', ') || '-' }));
  }
  if (isPush && !isAppleIssuer(d)) issues.push(issue('cert.issuer-unknown', { issuer: d.issuer || '-' }));
  return issues;
}
