import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inspectCredentialFile } from '../../src/adapters/credential-files.js';
import { UsageError } from '../../src/core/errors.js';
import { BUNDLE_ID, makeTempDir, p12Of, pushCert } from '../fixtures/credentials.js';

const { dir, cleanup } = makeTempDir();
afterAll(cleanup);
const expectations = { bundleId: BUNDLE_ID, environment: 'production' as const, now: new Date() };

async function usageErrorOf(path: string): Promise<UsageError> {
  const error = await inspectCredentialFile({ path }, expectations).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UsageError);
  return error as UsageError;
}

describe('inspectCredentialFile', () => {
  it('reads and inspects a p12 from disk', async () => {
    const path = join(dir, 'push.p12');
    writeFileSync(path, p12Of(pushCert()));
    const report = await inspectCredentialFile({ path, password: 'secret' }, expectations);
    expect(report).toMatchObject({ ok: true, credential: { kind: 'p12', bundleId: BUNDLE_ID } });
  });

  it('reads a PEM certificate with a separate key file', async () => {
    const cert = pushCert();
    writeFileSync(join(dir, 'cert.pem'), cert.certPem);
    writeFileSync(join(dir, 'key.pem'), cert.keyPem);
    const report = await inspectCredentialFile({ path: join(dir, 'cert.pem'), keyPath: join(dir, 'key.pem') }, expectations);
    expect(report.issues).toEqual([]);
  });

  it('a missing file is a usage error (exit 2) naming the path', async () => {
    const error = await usageErrorOf(join(dir, 'nope.p12'));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(join(dir, 'nope.p12'));
    expect(error.message).toContain('no such file');
  });

  it('a directory is a usage error naming the path', async () => {
    mkdirSync(join(dir, 'folder.p12'));
    expect((await usageErrorOf(join(dir, 'folder.p12'))).message).toMatch(/folder\.p12: it is a directory/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file is a usage error naming the path', async () => {
    const path = join(dir, 'locked.p12');
    writeFileSync(path, 'x');
    chmodSync(path, 0o000);
    expect((await usageErrorOf(path)).message).toMatch(/locked\.p12: permission denied/);
  });

  it('a missing key file is a usage error naming the key path', async () => {
    writeFileSync(join(dir, 'only.pem'), pushCert().certPem);
    const error = await inspectCredentialFile({ path: join(dir, 'only.pem'), keyPath: join(dir, 'missing.key') }, expectations).catch((e: unknown) => e);
    expect((error as UsageError).message).toContain('missing.key');
  });
});
