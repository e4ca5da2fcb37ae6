import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInit, type InitOptions } from '../../src/commands/init.js';
import { openConfigStore } from '../../src/adapters/config-store.js';
import type { Prompter } from '../../src/adapters/prompts.js';
import type { CredentialCheck } from '../../src/app/credentials.js';
import { CliError } from '../../src/core/errors.js';
import { createStyle } from '../../src/output/style.js';
import { makeContext, makeTempDir, removeDir } from '../helpers/context.js';

const SECRET = 'app-secret-5f1d9c2e7a';
const PASSWORD = 'p12-password-83be1';
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));

const cleanCheck = async (): Promise<CredentialCheck> => ({ credential: { kind: 'p12' }, findings: [], issues: [] });
const expiredCheck = async (): Promise<CredentialCheck> => ({
  credential: { kind: 'p12' },
  findings: [{ id: 'cert.expired', severity: 'error', message: 'expired', fix: 'renew' }],
  issues: [{ id: 'cert.expired', params: { date: '2020-01-01', days: 2000 } }],
});

function setup() {
  const dir = makeTempDir();
  dirs.push(dir);
  writeFileSync(join(dir, 'push.p12'), 'x');
  writeFileSync(join(dir, 'AuthKey_ABC123DEFG.p8'), 'x');
  const ctx = makeContext({ configDir: join(dir, 'cfg'), cwd: dir });
  return { dir, ctx };
}

const p12Flags: InitOptions = {
  profile: 'ci', appKey: 'appkey1', appSecret: SECRET, certName: 'dev-cert', p12: 'push.p12', password: PASSWORD,
  bundleId: 'com.example.app', env: 'development', relay: 'local', addCert: false, force: false,
};

const p8Flags: InitOptions = {
  profile: 'ci', appKey: 'appkey1', appSecretEnv: 'NIM_APP_SECRET', certName: 'prod-key', p8: 'AuthKey_ABC123DEFG.p8',
  teamId: 'DEF123GHIJ', bundleId: 'com.example.app', env: 'production', addCert: false, force: false,
};

async function expectError(p: Promise<unknown>): Promise<CliError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected the command to fail');
}

describe('init without prompts', () => {
  it('saves a p12 profile, mode 0600, and makes it current', async () => {
    const { ctx } = setup();
    const result = await runInit(p12Flags, ctx, { checkCredential: cleanCheck });
    expect(result.exitCode).toBe(0);
    const store = openConfigStore(ctx.configDir);
    const data = store.read();
    expect(data.current).toBe('ci');
    expect(data.profiles.ci).toMatchObject({ appKey: 'appkey1', appSecret: SECRET, bundleId: 'com.example.app', relay: 'local' });
    expect(data.profiles.ci.certs).toEqual([
      expect.objectContaining({ name: 'dev-cert', kind: 'p12', environment: 'development', password: PASSWORD, path: join(ctx.cwd, 'push.p12') }),
    ]);
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(statSync(ctx.configDir).mode & 0o777).toBe(0o700);
  });

  it('saves a p8 profile taking the Key ID from the AuthKey_ file name and the secret from an env var', async () => {
    const { ctx } = setup();
    await runInit(p8Flags, ctx, { checkCredential: cleanCheck });
    const profile = openConfigStore(ctx.configDir).read().profiles.ci;
    expect(profile.appSecretEnv).toBe('NIM_APP_SECRET');
    expect(profile.appSecret).toBeUndefined();
    expect(profile.certs[0]).toMatchObject({ kind: 'p8', keyId: 'ABC123DEFG', teamId: 'DEF123GHIJ', environment: 'production' });
  });

  const required: Array<[keyof InitOptions, string]> = [
    ['appKey', '--app-key'],
    ['appSecret', '--app-secret'],
    ['certName', '--cert-name'],
    ['p12', '--p12 or --p8'],
    ['password', '--password'],
    ['bundleId', '--bundle-id'],
    ['env', '--env'],
  ];
  it.each(required)('without %s it exits 2 naming %s', async (key, flag) => {
    const { ctx } = setup();
    const flags = { ...p12Flags, [key]: undefined };
    const error = await expectError(runInit(flags, ctx, { checkCredential: cleanCheck }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(flag);
    expect(() => openConfigStore(ctx.configDir).read().profiles.ci).not.toThrow();
    expect(openConfigStore(ctx.configDir).read().profiles.ci).toBeUndefined();
  });

  it.each([
    ['p8 without --team-id', { ...p8Flags, teamId: undefined }, '--team-id'],
    ['p8 with a file name that holds no Key ID', { ...p8Flags, p8: 'key.p8' }, '--key-id'],
  ])('%s exits 2 naming the flag', async (_l, flags, flag) => {
    const { ctx } = setup();
    const error = await expectError(runInit(flags as InitOptions, ctx, { checkCredential: cleanCheck }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toContain(flag);
  });

  it('rejects a certificate name over 32 characters, explaining the login error 500', async () => {
    const { ctx } = setup();
    const error = await expectError(runInit({ ...p12Flags, certName: 'x'.repeat(33) }, ctx, { checkCredential: cleanCheck }));
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/--cert-name.*32.*500/s);
  });

  it('refuses a credential with error findings, and saves it with --force', async () => {
    const { ctx } = setup();
    const error = await expectError(runInit(p12Flags, ctx, { checkCredential: expiredCheck }));
    expect(error.exitCode).toBe(1);
    expect(error.details?.findings).toEqual([expect.objectContaining({ id: 'cert.expired' })]);
    expect(openConfigStore(ctx.configDir).read().profiles.ci).toBeUndefined();
    const forced = await runInit({ ...p12Flags, force: true }, ctx, { checkCredential: expiredCheck });
    expect(forced.exitCode).toBe(0);
    expect(openConfigStore(ctx.configDir).read().profiles.ci).toBeDefined();
  });

  it('--add-cert adds a second certificate name to the profile', async () => {
    const { ctx } = setup();
    await runInit(p12Flags, ctx, { checkCredential: cleanCheck });
    await runInit(
      { profile: 'ci', certName: 'prod-key', p8: 'AuthKey_ABC123DEFG.p8', teamId: 'DEF123GHIJ', env: 'production', addCert: true, force: false },
      ctx,
      { checkCredential: cleanCheck },
    );
    const profile = openConfigStore(ctx.configDir).read().profiles.ci;
    expect(profile.certs.map((c) => c.name)).toEqual(['dev-cert', 'prod-key']);
    expect(profile.appSecret).toBe(SECRET);
  });

  it('--add-cert on a missing profile is a usage error', async () => {
    const { ctx } = setup();
    const error = await expectError(
      runInit({ profile: 'nope', certName: 'x', p12: 'push.p12', password: '', env: 'development', addCert: true, force: false }, ctx, { checkCredential: cleanCheck }),
    );
    expect(error.exitCode).toBe(2);
  });

  it('never shows the App Secret or the p12 password, in JSON or text', async () => {
    const { ctx } = setup();
    const result = await runInit(p12Flags, ctx, { checkCredential: cleanCheck });
    const text = JSON.stringify(result.data) + result.human(createStyle(false));
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(PASSWORD);
    expect(text).toContain('••••');
  });

  it('leaves a corrupted config file untouched and says where it is', async () => {
    const { ctx } = setup();
    await runInit(p12Flags, ctx, { checkCredential: cleanCheck });
    const path = openConfigStore(ctx.configDir).path;
    writeFileSync(path, `{"profiles": {"ci": {"appSecret": "${SECRET}"`);
    const before = readFileSync(path, 'utf8');
    const error = await expectError(runInit({ ...p12Flags, profile: 'other' }, ctx, { checkCredential: cleanCheck }));
    expect(error.exitCode).toBe(2);
    expect(error.code).toBe('config.corrupted');
    expect(error.message).toContain(path);
    expect(error.message).not.toContain(SECRET);
    expect(readFileSync(path, 'utf8')).toBe(before);
  });
});

describe('init with prompts', () => {
  function scripted(answers: Record<string, string>, asked: string[]): Prompter {
    const answer = (message: string, validate?: (v: string) => string | true): string => {
      asked.push(message);
      const key = Object.keys(answers).find((k) => message.startsWith(k));
      if (key === undefined) throw new Error(`unexpected prompt: ${message}`);
      const values = answers[key].split('|');
      // Each answer is tried in turn until validation passes, like a user correcting a typo.
      for (const value of values) {
        const ok = validate ? validate(value) : true;
        if (ok === true) return value;
        asked.push(`rejected: ${ok}`);
      }
      throw new Error(`no valid answer for ${message}`);
    };
    return {
      input: async (q) => answer(q.message, q.validate) || q.default || '',
      secret: async (q) => answer(q.message, q.validate),
      select: async (q) => answer(q.message),
    };
  }

  it('asks for every missing value, rejects a long certificate name on the spot, and saves', async () => {
    const { ctx } = setup();
    ctx.interactive = true;
    const asked: string[] = [];
    const prompter = scripted(
      {
        'Profile name': 'dev',
        'App Key': 'appkey2',
        'App Secret': SECRET,
        'Certificate name': `${'n'.repeat(40)}|dev-cert`,
        'Credential type': 'p8',
        'Path of the AuthKey': 'AuthKey_ABC123DEFG.p8',
        'Key ID': 'ABC123DEFG',
        'Team ID': 'DEF123GHIJ',
        'Bundle id': 'com.example.app',
        'APNs environment': 'development',
        Relay: 'nim',
      },
      asked,
    );
    const result = await runInit({ addCert: false, force: false }, ctx, { prompter: async () => prompter, checkCredential: cleanCheck });
    expect(result.exitCode).toBe(0);
    expect(asked.some((a) => /rejected: .*500/.test(a))).toBe(true);
    const profile = openConfigStore(ctx.configDir).read().profiles.dev;
    expect(profile).toMatchObject({ appKey: 'appkey2', relay: 'nim', bundleId: 'com.example.app' });
    expect(profile.certs[0]).toMatchObject({ name: 'dev-cert', kind: 'p8', keyId: 'ABC123DEFG' });
    expect(asked.some((a) => a.startsWith('.p12'))).toBe(false);
  });

  it('only asks for what the flags did not give', async () => {
    const { ctx } = setup();
    ctx.interactive = true;
    const asked: string[] = [];
    const prompter = scripted({ 'APNs environment': 'production' }, asked);
    await runInit({ ...p12Flags, env: undefined }, ctx, { prompter: async () => prompter, checkCredential: cleanCheck });
    expect(asked).toEqual(['APNs environment of this credential']);
  });
});
