/**
 * The credential inspector: what a .p12, .p8 or PEM credential is, every finding about it, and
 * (when it holds one usable identity) the PEM material @parse/node-apn needs to send with it.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { issue, type Issue } from '../finding.js';
import type { CredentialKind } from '../profile.js';
import { resolveIdentity, type RawBundle } from './bundle.js';
import { checkCertificate, daysLeft } from './cert-checks.js';
import { checkCertName } from './cert-name.js';
import { credentialReport as report, DEFAULT_WARN_DAYS, detectKind, type ApnMaterial, type CredentialDescription, type CredentialInput, type CredentialReport, type InspectExpectations } from './credential.js';
import { inspectP8 } from './inspect-p8.js';
import { readP12 } from './p12-reader.js';
import { readPem } from './pem-reader.js';
import { describePushCertificate } from './push-certificate.js';

export {
  DEFAULT_WARN_DAYS,
  detectKind,
  hasErrorIssues,
  looksLikePem,
  type ApnMaterial,
  type CredentialDescription,
  type CredentialInput,
  type CredentialReport,
  type InspectExpectations,
} from './credential.js';

function describeCert(kind: CredentialKind, d: ReturnType<typeof describePushCertificate>, now: Date): CredentialDescription {
  return {
    kind,
    environment: d.environment,
    bundleId: d.bundleId,
    ...(d.topics.length ? { topics: d.topics } : {}),
    teamId: d.teamId,
    subject: d.subject,
    issuer: d.issuer,
    notBefore: d.notBefore.toISOString(),
    notAfter: d.notAfter.toISOString(),
    daysLeft: daysLeft(d.notAfter, now),
    fingerprint: d.fingerprint,
  };
}

function inspectIdentity(kind: CredentialKind, bundle: RawBundle, expect: InspectExpectations, leading: Issue[]): CredentialReport {
  const identity = resolveIdentity(bundle);
  const issues = [...leading, ...identity.issues];
  if (!identity.cert) return report({ kind }, issues);
  let credential: CredentialDescription;
  try {
    // Read once: both the description and the checks need it, and it parses the whole certificate.
    const described = describePushCertificate(identity.cert.raw);
    credential = describeCert(kind, described, expect.now);
    issues.push(...checkCertificate(described, { ...expect, warnDays: expect.warnDays ?? DEFAULT_WARN_DAYS }));
  } catch {
    return report({ kind }, [...issues, issue('p12.unreadable', { reason: 'certificate-unparsable' })]);
  }
  const material = identity.key ? certMaterial(identity.cert, identity.key) : undefined;
  return report(credential, issues, material);
}

const certMaterial = (cert: X509Certificate, key: KeyObject): ApnMaterial => ({
  kind: 'cert',
  certPem: cert.toString(),
  keyPem: key.export({ type: 'pkcs8', format: 'pem' }).toString(),
});

/** Inspects one credential. Never throws for bad input: everything wrong is an issue. */
export function inspectCredential(input: CredentialInput, expect: InspectExpectations): CredentialReport {
  const kind = input.kind ?? detectKind(input.bytes, input.fileName, input.keyBytes !== undefined);
  const nameIssues = expect.certName !== undefined ? checkCertName(expect.certName) : [];
  try {
    if (kind === 'p8') return inspectP8(input, expect);
    if (kind === 'pem') {
      const pem = readPem(input.bytes, input.keyBytes, input.password);
      return pem.ok ? inspectIdentity(kind, pem.bundle, expect, nameIssues) : report({ kind }, [...nameIssues, ...pem.issues]);
    }
    const p12 = readP12(input.bytes, input.password);
    if (!p12.ok) return report({ kind }, [...nameIssues, ...p12.issues]);
    const legacy = p12.legacyAlgorithms.length ? [issue('p12.legacy-encryption', { algorithm: p12.legacyAlgorithms.join(', ') })] : [];
    return inspectIdentity(kind, p12.bundle, expect, [...nameIssues, ...legacy]);
  } catch {
    // A parser failure we did not foresee is still a finding about the file, not a crash.
    const id = kind === 'p8' ? 'p8.unreadable' : 'p12.unreadable';
    return report({ kind }, [...nameIssues, issue(id, { reason: 'unexpected-structure' })]);
  }
}
