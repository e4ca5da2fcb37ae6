/** Reads credential files from disk and hands them to the (pure) credential inspector. */
import { basename } from 'node:path';
import { detectKind, type CredentialInput, type CredentialReport, type InspectExpectations } from '../core/credentials/credential.js';
import type { CredentialKind } from '../core/profile.js';
import { readInputFile } from './files.js';

/** Real credentials are a few kilobytes; anything this big is the wrong file. */
const MAX_CREDENTIAL_BYTES = 1024 * 1024;
const CREDENTIAL = { en: 'credential file', zh: '证书文件' };

export interface CredentialFileOptions {
  path: string;
  /** A separate PEM key file for a PEM certificate. */
  keyPath?: string;
  kind?: CredentialKind;
  password?: string;
  keyId?: string;
  teamId?: string;
}

/** The bytes of a credential file, or a UsageError (exit 2) naming the path and what is wrong. */
export async function readCredentialBytes(path: string): Promise<Uint8Array> {
  return new Uint8Array(await readInputFile(path, CREDENTIAL, MAX_CREDENTIAL_BYTES));
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

/** Inspects a credential; the certificate parsers (and node-forge) are loaded only for a .p12 or PEM. */
export async function inspectCredentialInput(input: CredentialInput, expect: InspectExpectations): Promise<CredentialReport> {
  const kind = input.kind ?? detectKind(input.bytes, input.fileName, input.keyBytes !== undefined);
  if (kind === 'p8') return (await import('../core/credentials/inspect-p8.js')).inspectP8(input, expect);
  return (await import('../core/credentials/inspect.js')).inspectCredential({ ...input, kind }, expect);
}

/** Reads and inspects one credential file. Throws UsageError only for unreadable paths. */
export async function inspectCredentialFile(opts: CredentialFileOptions, expect: InspectExpectations): Promise<CredentialReport> {
  return inspectCredentialInput(await loadCredentialInput(opts), expect);
}
