import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/context.js';

const dir = makeTempDir();
afterAll(() => removeDir(dir));
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

describe('the nim-push binary', () => {
  it('--version prints the package version on stdout', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it('--help lists the commands and each command help shows examples', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/init/);
    expect(top.stdout).toMatch(/config/);
    const init = await runCli(['init', '--help']);
    expect(init.stdout).toMatch(/Examples:\n\s+\$ nim-push init/);
  });

  it('a usage error in --json mode is one JSON document with ok:false and exit 2, no stack', async () => {
    const r = await runCli(['init', '--json', '--config-dir', dir]);
    expect(r.code).toBe(2);
    const doc = parseJson(r.stdout);
    expect(doc).toMatchObject({ ok: false, error: { code: 'usage.missing-flag' } });
    expect((doc.error as { message: string }).message).toContain('--app-key');
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an unknown flag is exit 2 with a JSON error in --json mode', async () => {
    const r = await runCli(['config', 'list', '--bogus', '--json']);
    expect(r.code).toBe(2);
    expect(parseJson(r.stdout)).toMatchObject({ ok: false, error: { code: 'usage' } });
  });

  it('without --json the error goes to stderr and stdout stays empty', async () => {
    const r = await runCli(['config', 'show', 'nope', '--config-dir', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/No profile 'nope'.*nim-push init --profile nope/);
  });

  it('NO_COLOR turns colour off even when FORCE_COLOR asks for it; FORCE_COLOR alone turns it on', async () => {
    const cfg = join(dir, 'colour');
    const args = ['init', '--config-dir', cfg, '--app-key', 'k', '--app-secret', 'sssssssssssss', '--cert-name', 'c', '--p12', join(dir, 'x.p12'), '--password=', '--bundle-id', 'com.x.y', '--env', 'development', '--force'];
    writeFileSync(join(dir, 'x.p12'), 'x');
    const coloured = await runCli(args, { env: { FORCE_COLOR: '1' } });
    expect(coloured.stdout).toMatch(/\u001b\[/);
    const plain = await runCli(args, { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(plain.code).toBe(0);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    const flag = await runCli([...args, '--no-color'], { env: { FORCE_COLOR: '1' } });
    expect(flag.stdout).not.toMatch(/\u001b\[/);
  });

  it('config show redacts the App Secret and the p12 password (text and JSON)', async () => {
    const cfg = join(dir, 'secrets');
    const secret = 'the-app-secret-0a9b8c7d';
    const password = 'the-p12-password-77';
    writeFileSync(join(dir, 'y.p12'), 'x');
    const init = await runCli(['init', '--config-dir', cfg, '--app-key', 'k', '--app-secret', secret, '--cert-name', 'c', '--p12', join(dir, 'y.p12'), '--password', password, '--bundle-id', 'com.x.y', '--env', 'development', '--force', '--verbose']);
    expect(init.code).toBe(0);
    for (const extra of [[], ['--json'], ['--verbose']]) {
      const r = await runCli(['config', 'show', '--config-dir', cfg, ...extra]);
      expect(r.code).toBe(0);
      expect(r.stdout + r.stderr).not.toContain(secret);
      expect(r.stdout + r.stderr).not.toContain(password);
      expect(r.stdout).toContain('••••');
    }
    expect(init.stdout + init.stderr).not.toContain(secret);
    expect(init.stdout + init.stderr).not.toContain(password);
  });
});
