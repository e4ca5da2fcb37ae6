/**
 * The credential inspector: what a .p12, .p8 or PEM credential is, every finding about it, and
 * (when it holds one usable identity) the PEM material @parse/node-apn needs to send with it.
 */
import type { KeyObject, X509Certificate } from 'node:crypto';
import { catalogue } from '../catalogue/index.js';
import { issue, type Issue, type Severity } from '../finding.js';
import type { CredentialKind } from '../profile.js';
import type { CertEnvironment, PushEnvironment } from './apple.js';
import { resolveIdentity, type RawBundle } from './bundle.js';
import { checkCertificate, daysLeft } from './cert-checks.js';
import { checkCertName } from './cert-name.js';
import { checkP8 } from './p8-check.js';
import { readP12 } from './p12-reader.js';
import { looksLikePem, readPem } from './pem-reader.js';
import { describePushCertificate } from './push-certificate.js';

export interface CredentialInput {
  kind?: CredentialKind;
  bytes: Uint8Array;
  fileName?: string;
  password?: string;
  keyId?: string;
  teamId?: string;
  /** A separate PEM/DER key file for a PEM certificate. */
  keyBytes?: Uint8Array;
}

export interface InspectExpectations {
  bundleId?: string;
  environment?: PushEnvironment;
  certName?: string;
  /** Default 30. */
  warnDays?: number;
  now: Date;
  /** Registered as a PushKit (`pkCername`) credential: it must push on `<bundle>.voip` (a .p8 always can). */
  voip?: boolean;
}

/** What the credential is; the `credential` object of `cert check --json`. */
export interface CredentialDescription {
  kind: CredentialKind;
  environment?: CertEnvironment;
  bundleId?: string;
  topics?: string[];
  teamId?: string;
  subject?: string;
  issuer?: string;
  /** ISO 8601. */
  notBefore?: string;
  notAfter?: string;
  daysLeft?: number;
  keyId?: string;
  /** SHA-256 of the certificate (or, for a .p8, of its public key). */
  fingerprint?: string;
}

/** What @parse/node-apn's Provider needs. Always PEM, so legacy p12 files work for sending. */
export type ApnMaterial =
  | { kind: 'cert'; certPem: string; keyPem: string }
  | { kind: 'token'; keyPem: string; keyId: string; teamId: string };

export interface CredentialReport {
  credential: CredentialDescription;
  issues: Issue[];
  /**
   * Present when the file yields exactly one usable identity or key. It may still carry error
   * findings (an expired certificate still makes a TLS identity): check `ok` before sending.
   */
  material?: ApnMaterial;
  /** No finding of severity error. */
  ok: boolean;
}

export const DEFAULT_WARN_DAYS = 30;

/** The kind from the file name, else from the content. */
export function detectKind(bytes: Uint8Array, fileName?: string, hasKeyFile = false): CredentialKind {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName ?? '')?.[1]?.toLowerCase();
  if (ext === 'p12' || ext === 'pfx') return 'p12';
  if (ext === 'p8') return 'p8';
  if (ext && ['pem', 'crt', 'cer', 'der', 'key'].includes(ext)) return 'pem';
  if (hasKeyFile) return 'pem';
  if (looksLikePem(bytes)) {
    const text = Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1');
    return !text.includes('CERTIFICATE-----') && text.includes('PRIVATE KEY-----') ? 'p8' : 'pem';
  }
  return 'p12';
}

const severityOf = (item: Issue): Severity => item.severity ?? catalogue.get(item.id)?.severity ?? 'error';
export const hasErrorIssues = (issues: Issue[]): boolean => issues.some((i) => severityOf(i) === 'error');

function report(credential: CredentialDescription, issues: Issue[], material?: ApnMaterial): CredentialReport {
  return { credential, issues, ...(material ? { material } : {}), ok: !hasErrorIssues(issues) };
}

function describeCert(kind: CredentialKind, cert: X509Certificate, now: Date): CredentialDescription {
  const d = describePushCertificate(cert.raw);
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
    credential = describeCert(kind, identity.cert, expect.now);
    issues.push(...checkCertificate(describePushCertificate(identity.cert.raw), { ...expect, warnDays: expect.warnDays ?? DEFAULT_WARN_DAYS }));
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
    if (kind === 'p8') {
      const p8 = checkP8(input);
      const credential: CredentialDescription = { kind, keyId: p8.keyId, teamId: p8.teamId, fingerprint: p8.fingerprint };
      const material: ApnMaterial | undefined =
        p8.keyPem && p8.keyId && p8.teamId ? { kind: 'token', keyPem: p8.keyPem, keyId: p8.keyId, teamId: p8.teamId } : undefined;
      return report(credential, [...nameIssues, ...p8.issues], material);
    }
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
