/** Rules for the certificate name (NIM's `apnsCername`). */
import { issue, type Issue } from '../finding.js';
import { CERT_NAME_MAX } from '../profile.js';

/** Length in characters as users count them (code points, so 中文 names count one per character). */
export const certNameLength = (name: string): number => [...name].length;

/** A name longer than 32 characters makes the SDK's login fail with error 500. */
export function checkCertName(name: string | undefined): Issue[] {
  if (name === undefined || name.trim() === '') return [issue('certname.missing')];
  const length = certNameLength(name);
  return length > CERT_NAME_MAX ? [issue('certname.too-long', { certName: name, length, max: CERT_NAME_MAX })] : [];
}

/** For the relay: a push to a certificate name it holds no credential for cannot be sent. */
export function checkCertNameKnown(name: string, known: readonly string[]): Issue[] {
  if (known.includes(name)) return [];
  return [issue('certname.unknown', { certName: name, known: known.length ? known.join(', ') : '-' })];
}
