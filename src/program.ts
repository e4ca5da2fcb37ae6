/**
 * Commander wiring and nothing else. Each action hands its positionals and options to `invoke`,
 * which lazy-loads the command module, so `--help` and `--version` load almost nothing.
 */
import { Command, Option } from 'commander';
import { VERSION } from './version.js';
import { EXAMPLES } from './help-examples.js';

export type Invoke = (command: string, args: Array<string | undefined>, opts: Record<string, unknown>) => Promise<void>;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export function createProgram(invoke: Invoke): Command {
  const program = new Command('nim-push')
    .description('Configure, test and diagnose the offline APNs push of NetEase Yunxin IM (NIM) iOS apps.')
    .version(VERSION, '-V, --version')
    .option('--profile <name>', 'profile to use (env NIM_PUSH_PROFILE; default: the current profile)')
    .option('--config-dir <dir>', 'where profiles live (env NIM_PUSH_CONFIG_DIR)')
    .option('--json', 'print exactly one JSON document on stdout')
    .option('--no-color', 'no colour (also when NO_COLOR is set or stdout is not a terminal)')
    .addOption(new Option('--lang <lang>', 'output language (default from LANG)').choices(['en', 'zh']))
    .option('--verbose', 'more detail, including stack traces of unexpected errors')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions(false);

  const run = (name: string) =>
    async function (this: Command, ...args: unknown[]): Promise<void> {
      const positionals = args.slice(0, this.registeredArguments.length) as Array<string | undefined>;
      await invoke(name, positionals, this.optsWithGlobals());
    };

  const withExamples = (cmd: Command, key: string): Command => {
    const lines = EXAMPLES[key];
    if (lines?.length) cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
    return cmd;
  };

  withExamples(
    program
      .command('init')
      .description('register an app key, its relay and a push credential (.p12 or .p8) in a profile')
      .option('--app-key <key>', 'NIM App Key')
      .option('--app-secret <secret>', 'NIM App Secret (stored in the profile, mode 0600)')
      .option('--app-secret-env <var>', 'read the App Secret from this environment variable instead of storing it')
      .option('--cert-name <name>', 'certificate name as in the NIM console (apnsCername, ≤32 characters)')
      .option('--p12 <file>', '.p12 push certificate')
      .option('--password <password>', '.p12 password (--password= for none)')
      .option('--password-env <var>', 'read the .p12 password from this environment variable')
      .option('--p8 <file>', 'AuthKey_XXXXXXXXXX.p8 token key')
      .option('--cert <file>', 'PEM push certificate (with --key)')
      .option('--key <file>', 'PEM private key of --cert')
      .option('--key-id <id>', 'Key ID of the .p8 key (default: from the AuthKey_ file name)')
      .option('--team-id <id>', 'Apple Team ID')
      .option('--bundle-id <id>', 'app bundle id (the APNs topic)')
      .addOption(new Option('--env <env>', 'APNs environment of this credential').choices(['development', 'production']))
      .option('--relay <relay>', "'local', 'nim', 'nim-sg' or a URL")
      .option('--add-cert', 'add another certificate name to an existing profile')
      .option('--force', 'save even when the credential has error findings')
      .option('-y, --yes', 'never prompt: fail naming the missing flag'),
    'init',
  ).action(run('init'));

  const config = program.command('config').description('manage profiles');
  config.command('list').description('list profiles').action(run('config.list'));
  config.command('show [profile]').description('show a profile with secrets redacted').action(run('config.show'));
  config.command('use <profile>').description('make a profile the current one').action(run('config.use'));
  config.command('remove <profile>').description('delete a profile').action(run('config.remove'));
  config.command('path').description('print the config file path').action(run('config.path'));
  withExamples(config, 'config');

  const cert = program.command('cert').description('push credentials');
  withExamples(
    cert
      .command('check [file]')
      .description("inspect a .p12, .p8 or PEM credential deeply (no file: every credential of the profile)")
      .option('--password <password>', '.p12 password (--password= for none)')
      .option('--password-env <var>', 'read the .p12 password from this environment variable')
      .option('--key <file>', 'PEM private key for a PEM certificate')
      .option('--key-id <id>', 'Key ID of a .p8 key (default: from the AuthKey_ file name)')
      .option('--team-id <id>', 'Apple Team ID (for a .p8 key)')
      .option('--bundle-id <id>', 'expected bundle id (APNs topic)')
      .addOption(new Option('--env <env>', 'environment the credential must serve').choices(['development', 'production']))
      .option('--cert-name <name>', 'certificate name to check (≤32 characters)')
      .option('--warn-days <days>', 'warn when the certificate expires within this many days', '30'),
    'cert.check',
  ).action(run('cert.check'));

  return program;
}

export { collect };
