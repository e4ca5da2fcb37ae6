/**
 * A credential as the inspector sees it, and what it says about it: the types, the kind of a file,
 * and the report. Nothing here parses certificates, so the .p8 path loads no ASN.1 library.
 */
import { catalogue } from '../catalogue/index.js';
import type { Issue, Severity } from '../finding.js';
import type { CredentialKind } from '../profile.js';
import type { CertEnvironment, PushEnvironment } from './apple.js';

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

export const looksLikePem = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 64 * 1024)).toString('latin1').includes('-----BEGIN ');

const severityOf = (item: Issue): Severity => item.severity ?? catalogue.get(item.id)?.severity ?? 'error';
export const hasErrorIssues = (issues: Issue[]): boolean => issues.some((i) => severityOf(i) === 'error');

export function credentialReport(credential: CredentialDescription, issues: Issue[], material?: ApnMaterial): CredentialReport {
  return { credential, issues, ...(material ? { material } : {}), ok: !hasErrorIssues(issues) };
}

