import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../src/program.js';
import { EXAMPLES } from '../src/help-examples.js';
import { toInitOptions, type InitOptions } from '../src/commands/init.js';

/** Parses argv with the real commander wiring and returns what the command receives. */
async function parse(argv: string[]): Promise<{ name: string; args: Array<string | undefined>; opts: Record<string, unknown> }> {
  let seen: { name: string; args: Array<string | undefined>; opts: Record<string, unknown> } | undefined;
  const program = createProgram(async (name, args, opts) => {
    seen = { name, args, opts };
  });
  const quiet = (cmd: Command): void => {
    cmd.exitOverride().configureOutput({ writeErr: () => {}, writeOut: () => {} });
    cmd.commands.forEach(quiet);
  };
  quiet(program);
  await program.parseAsync(argv, { from: 'user' });
  if (!seen) throw new Error('no command ran');
  return seen;
}

const base: InitOptions = { addCert: false, force: false } as InitOptions;

describe('init argv → options', () => {
  const cases: Array<[string, string[], Partial<InitOptions>]> = [
    ['p8 flags', ['init', '--profile', 'ci', '--app-key', 'k', '--app-secret', 's', '--cert-name', 'dev', '--p8', 'AuthKey_ABC123DEFG.p8', '--key-id', 'ABC123DEFG', '--team-id', 'DEF123GHIJ', '--bundle-id', 'com.x.y', '--env', 'development', '--relay', 'local', '--yes'],
      { profile: 'ci', appKey: 'k', appSecret: 's', certName: 'dev', p8: 'AuthKey_ABC123DEFG.p8', keyId: 'ABC123DEFG', teamId: 'DEF123GHIJ', bundleId: 'com.x.y', env: 'development', relay: 'local' }],
    ['p12 with password', ['init', '--p12', 'push.p12', '--password', 'pw'], { p12: 'push.p12', password: 'pw' }],
    ['empty password with =', ['init', '--p12', 'push.p12', '--password='], { p12: 'push.p12', password: '' }],
    ['secrets from env vars', ['init', '--app-secret-env', 'NIM_APP_SECRET', '--password-env', 'P12_PW'], { appSecretEnv: 'NIM_APP_SECRET', passwordEnv: 'P12_PW' }],
    ['add-cert and force', ['init', '--add-cert', '--force'], { addCert: true, force: true }],
    ['global profile before the command', ['--profile', 'ci', 'init'], { profile: 'ci' }],
    ['pem pair', ['init', '--cert', 'c.pem', '--key', 'k.pem'], { cert: 'c.pem', key: 'k.pem' }],
    ['relay url', ['init', '--relay', 'http://127.0.0.1:9000'], { relay: 'http://127.0.0.1:9000' }],
  ];
  it.each(cases)('%s', async (_label, argv, expected) => {
    const { name, opts } = await parse(argv);
    expect(name).toBe('init');
    const options = toInitOptions(opts);
    expect(options).toMatchObject({ ...base, ...expected });
  });

  it('rejects an unknown environment before the command runs', async () => {
    await expect(parse(['init', '--env', 'staging'])).rejects.toThrow(/staging/);
  });

  it('global flags reach the command after the subcommand too', async () => {
    const { opts } = await parse(['config', 'list', '--json', '--config-dir', '/tmp/x', '--lang', 'zh']);
    expect(opts).toMatchObject({ json: true, configDir: '/tmp/x', lang: 'zh' });
  });

  it('last value of a repeated flag wins', async () => {
    const { opts } = await parse(['init', '--env', 'development', '--env', 'production']);
    expect(toInitOptions(opts).env).toBe('production');
  });
});

describe('help examples', () => {
  const paths = (cmd: Command, prefix: string[] = []): string[] =>
    cmd.commands.flatMap((sub) => [[...prefix, sub.name()].join('.'), ...paths(sub, [...prefix, sub.name()])]);
  /** Shell-like words: quotes group, `VAR=value` prefixes are dropped. */
  const words = (line: string): string[] =>
    [...line.matchAll(/'([^']*)'|"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]).filter((w, i, all) => !(i < all.indexOf('nim-push') && /^\w+=/.test(w)));

  it('every command has examples, and each example parses with the real wiring', async () => {
    const program = createProgram(async () => undefined);
    for (const path of paths(program).filter((p) => p !== 'help')) {
      expect(EXAMPLES[path], path).toBeDefined();
      for (const example of EXAMPLES[path]) {
        const argv = words(example);
        expect(argv[0], example).toBe('nim-push');
        await expect(parse(argv.slice(1)), example).resolves.toBeDefined();
      }
    }
  });
});
