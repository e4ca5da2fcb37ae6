import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_ID, DAY, p12Of, p8Key, pushCert, TEAM_ID } from '../fixtures/credentials.js';
import { parseJson, runCli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/context.js';

const dir = makeTempDir();
afterAll(() => removeDir(dir));
const PASSWORD = 'p12-e2e-password-42';

const prodCert = pushCert({ environment: 'production' });
writeFileSync(join(dir, 'prod.p12'), p12Of(prodCert, PASSWORD));
const expired = pushCert({ environment: 'development', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
writeFileSync(join(dir, 'expired.p12'), p12Of(expired, PASSWORD));
const key = p8Key('P-256');
writeFileSync(join(dir, `AuthKey_${key.keyId}.p8`), key.pem);

describe('nim-push cert check (built binary)', () => {
  it('a good production p12: exit 0 and the documented JSON shape', async () => {
    const r = await runCli(['cert', 'check', join(dir, 'prod.p12'), '--password', PASSWORD, '--bundle-id', BUNDLE_ID, '--env', 'production', '--json']);
    expect(r.code).toBe(0);
    const doc = parseJson(r.stdout);
    expect(doc).toMatchObject({
      ok: true,
      credential: { kind: 'p12', environment: 'production', bundleId: BUNDLE_ID, teamId: TEAM_ID },
      findings: expect.any(Array),
    });
    const c = doc.credential as Record<string, unknown>;
    for (const field of ['subject', 'issuer', 'notBefore', 'notAfter']) expect(c[field]).toEqual(expect.any(String));
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it('the same certificate checked for development: cert.env-mismatch, exit 1', async () => {
    const r = await runCli(['cert', 'check', join(dir, 'prod.p12'), '--password', PASSWORD, '--env', 'development', '--json']);
    expect(r.code).toBe(1);
    const doc = parseJson(r.stdout);
    expect(doc.ok).toBe(false);
    expect(doc.findings).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'cert.env-mismatch', severity: 'error', fix: expect.any(String) })]));
  });

  it('a wrong password: p12.bad-password, exit 1, and the password never echoed', async () => {
    const r = await runCli(['cert', 'check', join(dir, 'prod.p12'), '--password', 'wrong-password-xyz', '--json']);
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).findings).toEqual([expect.objectContaining({ id: 'p12.bad-password' })]);
    expect(r.stdout).not.toContain('wrong-password-xyz');
  });

  it('an expired certificate in Chinese', async () => {
    const r = await runCli(['cert', 'check', join(dir, 'expired.p12'), '--password', PASSWORD, '--lang', 'zh']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('cert.expired');
    expect(r.stdout).toMatch(/[\u4e00-\u9fff]/);
    expect(r.stdout).toMatch(/过期时间\s+\d{4}-/);
  });

  it('a .p8 key: exit 0 with the Key ID from the file name', async () => {
    const r = await runCli(['cert', 'check', join(dir, `AuthKey_${key.keyId}.p8`), '--team-id', TEAM_ID, '--json']);
    expect(r.code).toBe(0);
    expect(parseJson(r.stdout)).toMatchObject({ ok: true, credential: { kind: 'p8', keyId: key.keyId, teamId: TEAM_ID } });
    expect(r.stdout + r.stderr).not.toContain(key.pem.split('\n')[1]);
  });

  it('a profile password variable that is not set is a configuration error (exit 2), not a wrong password', async () => {
    const cfg = join(dir, 'cfg-env');
    const init = await runCli(['init', '--config-dir', cfg, '--app-key', 'k', '--app-secret', 'secret-secret-2', '--cert-name', 'prod', '--p12', join(dir, 'prod.p12'), '--password-env', 'P12_PW', '--bundle-id', BUNDLE_ID, '--env', 'production'], { env: { P12_PW: PASSWORD } });
    expect(init.code).toBe(0);
    expect((await runCli(['cert', 'check', '--config-dir', cfg], { env: { P12_PW: PASSWORD } })).code).toBe(0);
    const r = await runCli(['cert', 'check', '--config-dir', cfg, '--json'], { env: { P12_PW: undefined } });
    expect(r.code).toBe(2);
    expect(parseJson(r.stdout)).toMatchObject({ ok: false, error: { code: 'config.secret-missing', message: expect.stringContaining('$P12_PW') } });
  });

  it('a missing file is a usage error: exit 2 naming the path', async () => {
    const r = await runCli(['cert', 'check', join(dir, 'nope.p12'), '--json']);
    expect(r.code).toBe(2);
    expect(parseJson(r.stdout)).toMatchObject({ ok: false, error: { code: 'file.unreadable' } });
    expect(r.stdout).toContain('nope.p12');
  });

  it('without a file: every credential of the profile, with its certificate name', async () => {
    const cfg = join(dir, 'cfg');
    const init = await runCli(['init', '--config-dir', cfg, '--app-key', 'k', '--app-secret', 'secret-secret-1', '--cert-name', 'prod', '--p12', join(dir, 'prod.p12'), '--password', PASSWORD, '--bundle-id', BUNDLE_ID, '--env', 'production']);
    expect(init.code).toBe(0);
    const add = await runCli(['init', '--config-dir', cfg, '--add-cert', '--cert-name', 'old-dev', '--p12', join(dir, 'expired.p12'), '--password', PASSWORD, '--env', 'development', '--json']);
    expect(add.code).toBe(1);
    expect(parseJson(add.stdout).error).toMatchObject({ code: 'credential.rejected' });
    const forced = await runCli(['init', '--config-dir', cfg, '--add-cert', '--cert-name', 'old-dev', '--p12', join(dir, 'expired.p12'), '--password', PASSWORD, '--env', 'development', '--force']);
    expect(forced.code).toBe(0);
    const r = await runCli(['cert', 'check', '--config-dir', cfg, '--json']);
    expect(r.code).toBe(1);
    const doc = parseJson(r.stdout) as { credentials: Array<{ certName: string; findings: Array<{ id: string }> }> };
    expect(doc.credentials.map((c) => c.certName)).toEqual(['prod', 'old-dev']);
    expect(doc.credentials[0].findings.filter((f) => f.id.startsWith('cert.expired'))).toEqual([]);
    expect(doc.credentials[1].findings.map((f) => f.id)).toContain('cert.expired');
  });
});
