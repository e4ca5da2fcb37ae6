/** Reads credential files from disk and hands them to the (pure) credential inspector. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import {
  inspectCredential,
  type CredentialInput,
  type CredentialReport,
  type InspectExpectations,
} from '../core/credentials/index.js';
import type { CertEntry, CredentialKind } from '../core/profile.js';
import { UsageError } from '../errors.js';
import { resolveCertPassword } from './cert-password.js';

/** Real credentials are a few kilobytes; anything this big is the wrong file. */
const MAX_CREDENTIAL_BYTES = 1024 * 1024;

export interface CredentialFileOptions {
  path: string;
  /** A separate PEM key file for a PEM certificate. */
  keyPath?: string;
  kind?: CredentialKind;
  password?: string;
  keyId?: string;
  teamId?: string;
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory, not a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a parent of it is not a directory',
  ELOOP: 'too many symbolic links',
};

/** The bytes of a credential file, or a UsageError (exit 2) naming the path and what is wrong. */
export async function readCredentialBytes(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (info.size > MAX_CREDENTIAL_BYTES) {
      throw new UsageError(`Cannot use ${path}: ${info.size} bytes is too large for a .p12, .p8 or PEM credential.`, 'file.unreadable', { path });
    }
    return new Uint8Array(await readFile(path));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const reason = REASONS[code] ?? 'it cannot be read';
    throw new UsageError(`Cannot read credential file ${path}: ${reason}.`, 'file.unreadable', { path, reason: code || 'unknown' });
  }
}

/** The inspector's input for a file (and its optional key file). */
export async function loadCredentialInput(opts: CredentialFileOptions): Promise<CredentialInput> {
  const bytes = await readCredentialBytes(opts.path);
  const keyBytes = opts.keyPath ? await readCredentialBytes(opts.keyPath) : undefined;
  return {
    bytes,
    fileName: basename(opts.path),
    ...(opts.kind ? { kind: opts.kind } : {}),
    ...(keyBytes ? { keyBytes } : {}),
    ...(opts.password !== undefined ? { password: opts.password } : {}),
    ...(opts.keyId ? { keyId: opts.keyId } : {}),
    ...(opts.teamId ? { teamId: opts.teamId } : {}),
  };
}

/** Reads and inspects one credential file. Throws UsageError only for unreadable paths. */
export async function inspectCredentialFile(opts: CredentialFileOptions, expect: InspectExpectations): Promise<CredentialReport> {
  return inspectCredential(await loadCredentialInput(opts), expect);
}

/**
 * File options for a credential stored in a profile. The password comes from the entry or from
 * the environment variable it names; it is passed on, never printed.
 */
export function credentialFileOptions(cert: CertEntry, env: Record<string, string | undefined>): CredentialFileOptions {
  // An unset variable is a configuration error (exit 2), not a wrong password.
  const password = cert.passwordEnv ? resolveCertPassword(cert, env) : cert.password;
  return {
    path: cert.path,
    kind: cert.kind,
    ...(cert.keyPath ? { keyPath: cert.keyPath } : {}),
    ...(password !== undefined ? { password } : {}),
    ...(cert.keyId ? { keyId: cert.keyId } : {}),
    ...(cert.teamId ? { teamId: cert.teamId } : {}),
  };
}

/** Inspects a profile credential against the profile's expectations (environment, bundle id, name). */
export function inspectCertEntry(
  cert: CertEntry,
  opts: { env: Record<string, string | undefined>; bundleId?: string; warnDays?: number; now: Date },
): Promise<CredentialReport> {
  return inspectCredentialFile(credentialFileOptions(cert, opts.env), {
    bundleId: opts.bundleId,
    environment: cert.environment,
    certName: cert.name,
    warnDays: opts.warnDays,
    now: opts.now,
  });
}
