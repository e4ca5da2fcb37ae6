/** The .p8 half of the inspector: a token key needs no certificate parsing (and no ASN.1 library). */
import { issue } from '../finding.js';
import { checkCertName } from './cert-name.js';
import { credentialReport, type ApnMaterial, type CredentialDescription, type CredentialInput, type CredentialReport, type InspectExpectations } from './credential.js';
import { checkP8 } from './p8-check.js';

/** Inspects a .p8 key. Never throws for bad input: everything wrong is an issue. */
export function inspectP8(input: CredentialInput, expect: Pick<InspectExpectations, 'certName'>): CredentialReport {
  const nameIssues = expect.certName !== undefined ? checkCertName(expect.certName) : [];
  try {
    const p8 = checkP8(input);
    const credential: CredentialDescription = { kind: 'p8', keyId: p8.keyId, teamId: p8.teamId, fingerprint: p8.fingerprint };
    const material: ApnMaterial | undefined =
      p8.keyPem && p8.keyId && p8.teamId ? { kind: 'token', keyPem: p8.keyPem, keyId: p8.keyId, teamId: p8.teamId } : undefined;
    return credentialReport(credential, [...nameIssues, ...p8.issues], material);
  } catch {
    return credentialReport({ kind: 'p8' }, [...nameIssues, issue('p8.unreadable', { reason: 'unexpected-structure' })]);
  }
}
