/** The p12 password of a profile credential: stored, or read from the variable the profile names. */
import type { Context } from '../context.js';
import type { CertEntry } from '../core/profile.js';
import { UsageError } from '../errors.js';

export function resolveCertPassword(cert: CertEntry, env: Context['env']): string | undefined {
  if (cert.passwordEnv) {
    const value = env[cert.passwordEnv];
    if (value === undefined) {
      throw new UsageError(
        `Certificate '${cert.name}' reads its .p12 password from $${cert.passwordEnv}, which is not set.`,
        'config.secret-missing',
      );
    }
    return value;
  }
  return cert.password;
}
