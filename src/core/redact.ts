/** Redaction of secrets for display: only the last four characters survive, and only of long values. */
export function redact(secret: string | undefined): string {
  if (secret === undefined) return '';
  if (secret.length < 12) return '••••';
  return `••••${secret.slice(-4)}`;
}

/** Replaces every occurrence of each secret in a text (for logs and error messages). */
export function scrub(text: string, secrets: Array<string | undefined>): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('••••');
  }
  return out;
}
