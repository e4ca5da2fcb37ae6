/** Human rendering of a credential description. */
import type { CredentialDescription } from '../core/credentials/inspect.js';
import type { Style } from './style.js';

export function formatCredential(c: Partial<CredentialDescription>, s: Style, label?: string): string {
  const rows: Array<[string, string | undefined]> = [
    ['kind', c.kind],
    ['environment', c.environment],
    ['bundle id', c.bundleId],
    ['topics', c.topics?.length ? c.topics.join(', ') : undefined],
    ['team', c.teamId],
    ['key id', c.keyId],
    ['subject', c.subject],
    ['issuer', c.issuer],
    ['valid from', c.notBefore],
    ['valid until', c.notAfter],
    ['days left', c.daysLeft === undefined ? undefined : String(c.daysLeft)],
    ['sha-256', c.fingerprint],
  ];
  const lines = rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `  ${s.dim(k.padEnd(12))} ${v}`);
  return [label ? s.bold(label) : '', ...lines].filter(Boolean).join('\n');
}
