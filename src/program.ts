/**
 * Commander wiring and nothing else. Each action hands its positionals, its options and a typed
 * loader of its command module to `invoke`; the module is imported only when the command runs,
 * so `--help` and `--version` load almost nothing. The compiler checks every loader.
 */
import { Command, Option } from 'commander';
import type { CommandRunner } from './context.js';
import { DIAGNOSE_FLAGS } from './core/diagnosis/flags.js';
import { VERSION } from './core/version.js';
import { EXAMPLES } from './help-examples.js';

/** `name` is the command's path (`relay.device`), for logs; `load` imports its module. */
export type Invoke = (name: string, args: Array<string | undefined>, opts: Record<string, unknown>, load: () => Promise<CommandRunner>) => Promise<void>;

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
    .option('--proxy <url>', 'HTTP proxy for APNs and NIM (default: HTTPS_PROXY / HTTP_PROXY, unless NO_PROXY names the host)')
    .showHelpAfterError('(run with --help for usage)')
    .enablePositionalOptions(false);

  const run = (name: string, load: () => Promise<CommandRunner>) =>
    async function (this: Command, ...args: unknown[]): Promise<void> {
      const positionals = args.slice(0, this.registeredArguments.length) as Array<string | undefined>;
      await invoke(name, positionals, this.optsWithGlobals(), load);
    };


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
    .addOption(new Option('--api <version>', 'NIM server API the app server speaks (default for a new profile: v2)').choices(['v1', 'v2']))
    .option('--voip', 'the certificate name is a PushKit one (pkCername): it pushes VoIP to <bundle>.voip')
    .option('--add-cert', 'add another certificate name to an existing profile')
    .option('--force', 'save even when the credential has error findings')
    .option('-y, --yes', 'never prompt: fail naming the missing flag')
    .action(run('init', async () => (await import('./commands/init.js')).run));

  const config = program.command('config').description('manage profiles');
  config.command('list').description('list profiles').action(run('config.list', async () => (await import('./commands/config.js')).runList));
  config.command('show [profile]').description('show a profile with secrets redacted').action(run('config.show', async () => (await import('./commands/config.js')).runShow));
  config.command('use <profile>').description('make a profile the current one').action(run('config.use', async () => (await import('./commands/config.js')).runUse));
  config.command('remove <profile>').description('delete a profile').action(run('config.remove', async () => (await import('./commands/config.js')).runRemove));
  config.command('path').description('print the config file path').action(run('config.path', async () => (await import('./commands/config.js')).runPath));
  config
    .command('set <key> <value>')
    .description("change a setting of the profile: api (v1|v2) or relay ('local', 'nim', 'nim-sg' or a URL)")
    .action(run('config.set', async () => (await import('./commands/config.js')).runSet));

  const cert = program.command('cert').description('push credentials');
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
    .option('--warn-days <days>', 'warn when the certificate expires within this many days', '30')
    .option('--voip', 'the credential must push VoIP (PushKit) to <bundle>.voip')
    .action(run('cert.check', async () => (await import('./commands/cert-check.js')).run));

  const relayOpts = (cmd: Command): Command =>
    cmd
      .option('--relay <relay>', "relay to use instead of the profile's: 'local', 'nim', 'nim-sg' or a URL")
      .option('--timeout <ms>', 'request timeout in milliseconds (default: 5000 for NIM, 10000 for APNs)')
      .addOption(new Option('--api <version>', "NIM server API version instead of the profile's").choices(['v1', 'v2']));

  const token = program.command('token').description('device tokens on the relay (as the SDK uploads them)');
  relayOpts(token.command('add <accid> <token>'))
    .description("upload a device token for an account, as the SDK's updateApnsToken: does")
    .option('--cert-name <name>', 'certificate name the token is pushed with')
    .addOption(new Option('--env <env>', 'APNs environment of the token').choices(['development', 'production']))
    .option('--custom-content-key <key>', "customContentKey (\"\" clears it)")
    .option('--voip', "a PushKit (VoIP) token, as the SDK's updatePushKitToken: uploads it")
    .action(run('token.add', async () => (await import('./commands/token.js')).add));
  relayOpts(token.command('list [accid]')).description('list uploaded tokens').action(run('token.list', async () => (await import('./commands/token.js')).list));
  relayOpts(token.command('remove <accid> [token]')).description("remove one token, or all of an account's").action(run('token.remove', async () => (await import('./commands/token.js')).remove));

  token
    .command('probe <token>')
    .description('find which APNs environment a device token belongs to, with a push that shows nothing (background, priority 5)')
    .option('--cert-name <name>', 'the certificate name to push with (default: the profile environment)')
    .addOption(new Option('--env <env>', 'environment to try first (default: the certificate)').choices(['development', 'production']))
    .option('--topic <topic>', 'apns-topic (default: the profile bundle id)')
    .option('--apns-url <url>', "'sim' for the simulator of this config dir (default: Apple)")
    .option('--apns-ca <file>', 'CA file to trust for the simulator')
    .option('--timeout <ms>', 'APNs request timeout in milliseconds (default 10000)')
    .action(run('token.probe', async () => (await import('./commands/token-probe.js')).run));

  const relay = program.command('relay').description('the local NIM-compatible relay');
  relay
    .command('serve')
    .description('run the local NIM-compatible relay (with an in-process APNs simulator by default)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'port (0 = any free port)', '0')
    .option('--data <dir>', 'state directory (default: relay-data in the config dir)')
    .option('--ephemeral', 'keep state in memory only')
    .option('--apns <target>', "'sim', 'development', 'production' or an APNs-compatible https URL", 'sim')
    .option('--apns-ca <file>', 'CA file to trust for --apns <url>')
    .option('--no-rate-limit', 'turn off the send-API limit of 100 requests per second (load tests)')
    .option('--strict-tokens', 'the in-process simulator refuses tokens it never issued (BadDeviceToken), as Apple does')
    .action(run('relay.serve', async () => (await import('./commands/relay-serve.js')).serve));
  relay
    .command('status')
    .description('show the running relay and APNs simulator of this config dir (exit 3 when none runs)')
    .option('--wait <seconds>', 'wait up to this long for a relay that is starting', '0')
    .action(run('relay.status', async () => (await import('./commands/relay-serve.js')).status));
  relayOpts(relay.command('device <accid>'))
    .description('set up a receiver as its app would: login, app state, desktop clients')
    .addOption(new Option('--login <state>', 'login state').choices(['online', 'logged-out', 'kicked']))
    .addOption(new Option('--app-state <state>', 'app state').choices(['foreground', 'background', 'killed']))
    .option('--cert-name <name>', 'apnsCername the app logs in with')
    .option('--pk-cert-name <name>', 'pkCername (PushKit certificate name) the app logs in with')
    .addOption(new Option('--desktop-online <yes|no>', 'a desktop client is online').choices(['yes', 'no']))
    .addOption(new Option('--web-online <yes|no>', 'a web client is online').choices(['yes', 'no']))
    .addOption(new Option('--push-when-desktop-online <yes|no>', 'multiport: push to mobile while desktop is online').choices(['yes', 'no']))
    .action(run('relay.device', async () => (await import('./commands/relay-device.js')).run));
  relayOpts(relay.command('friend <action> <accid> <other>')).description('add or remove a friendship (action: add | remove)').action(run('relay.friend', async () => (await import('./commands/relay-relations.js')).friend));
  relayOpts(relay.command('block <accid> <other>')).description('<accid> blacklists <other>').option('--remove', 'undo').action(run('relay.block', async () => (await import('./commands/relay-relations.js')).block));
  relayOpts(relay.command('mute <accid> <other>')).description('<accid> mutes the session with <other>').option('--remove', 'undo').action(run('relay.mute', async () => (await import('./commands/relay-relations.js')).mute));
  relayOpts(relay.command('dnd <accid> <state>'))
    .description('do-not-disturb on or off, optionally in a window that may cross midnight')
    .option('--window <HH:MM-HH:MM>', 'e.g. 22:00-07:00')
    .action(run('relay.dnd', async () => (await import('./commands/relay-relations.js')).dnd));
  relayOpts(relay.command('settings'))
    .description("show the app's console settings on the local relay, or set those given")
    .addOption(new Option('--non-friend-messages <policy>', 'whether non-friends may message each other').choices(['allowed', 'forbidden']))
    .action(run('relay.settings', async () => (await import('./commands/relay-relations.js')).settings));

  relayOpts(program.command('log'))
    .description("the local relay's push log: every push decision, its findings and the APNs result")
    .option('--to <accid>', 'only pushes to this receiver')
    .option('--from <accid>', 'only messages from this sender')
    .option('--limit <n>', 'newest entries to show', '50')
    .action(run('log', async () => (await import('./commands/log.js')).run));

  relayOpts(program.command('send'))
    .description('send a test message with push text: directly to APNs (--token) or through the relay (--to)')
    .addOption(new Option('--via <via>', 'direct (to APNs) or relay (msg/sendMsg)').choices(['direct', 'relay']))
    .option('--token <hex>', 'device token (repeatable)', collect)
    .option('--tokens-file <file>', "one token per line ('-' = stdin; blank lines and # comments ignored)")
    .option('--to <accid>', 'receiver account (through the relay)')
    .option('--from <accid>', 'sender account (through the relay)')
    .option('--text <text>', 'message text')
    .option('--push-text <text>', 'push text (apnsContent / pushcontent)')
    .option('--title <title>', 'alert title (pushTitle through the relay)')
    .option('--subtitle <subtitle>', 'alert subtitle')
    .option('--badge <n>', 'badge number')
    .option('--no-badge', 'through the relay: not counted in the badge')
    .option('--sound <sound>', "sound name, e.g. 'default'")
    .option('--payload <json|@file>', 'custom payload (merged with aps; through the relay: the NIM push payload)')
    .option('--category <id>', 'notification category')
    .option('--thread-id <id>', 'thread id')
    .option('--collapse-id <id>', 'apns-collapse-id (≤64 bytes)')
    .option('--priority <n>', 'apns-priority: 10, 5 or 1 (background pushes always 5)')
    .option('--expiry <when>', 'apns-expiration: epoch seconds, 0, or a duration such as 1h')
    .addOption(new Option('--push-type <type>', 'apns-push-type').choices(['alert', 'background', 'voip', 'complication', 'fileprovider', 'mdm', 'liveactivity', 'location', 'pushtotalk', 'widgets']))
    .option('--mutable-content', 'mutable-content: 1 (notification service extension)')
    .option('--content-available', 'content-available: 1 (background push)')
    .option('--no-push', 'through the relay: option.push=false (no push at all)')
    .option('--no-nick', 'through the relay: needPushNick=false (no "nick:" prefix)')
    .option('--force-push', 'through the relay: force push (ignores do-not-disturb and mute)')
    .option('--force-push-text <text>', 'through the relay: force push text')
    .option('--attach', 'through the relay: a custom system notification (msg/sendAttachMsg)')
    .option('--cert-name <name>', 'direct: the certificate name to send with (default: the profile environment)')
    .addOption(new Option('--env <env>', 'direct: APNs environment (default: the certificate)').choices(['development', 'production']))
    .option('--apns-url <url>', "direct: an APNs-compatible endpoint, or 'sim' for the running simulator")
    .option('--apns-ca <file>', 'direct: CA file to trust for --apns-url')
    .option('--insecure', 'direct: do not verify the TLS certificate of --apns-url')
    .option('--concurrency <n>', 'direct: requests in flight (default 100)')
    .option('--check-friend', 'through the relay: deliver only between friends (checkFriend, v2 p2p_option.check_friend)')
    .option('--force', 'direct: send even when the credential has error findings')
    .option('--dry-run', 'print the exact requests and send nothing')
    .action(run('send', async () => (await import('./commands/send.js')).run));

  program
    .command('explain <query...>')
    .description('explain a finding id, a NIM code (414), an APNs reason or status (BadDeviceToken, 410), or a pasted error text')
    .action(run('explain', async () => (await import('./commands/explain.js')).run));

  const sim = program.command('apns-sim').description('the local APNs provider-API simulator (HTTP/2 over TLS, both environments)');
  sim
    .command('serve', { isDefault: true })
    .description('run the simulator in the foreground (the default subcommand)')
    .option('--host <host>', 'address to bind', '127.0.0.1')
    .option('--port <port>', 'development endpoint port (0 = any)', '0')
    .option('--production-port <port>', 'production endpoint port (0 = any)', '0')
    .option('--auto-register', 'bind unknown tokens on their first push instead of answering BadDeviceToken')
    .action(run('apns-sim.serve', async () => (await import('./commands/apns-sim.js')).serve));
  sim
    .command('device')
    .description('mint a device token bound to a topic and environment on the running simulator')
    .option('--topic <bundle id>', "the app's bundle id (default: the profile's)")
    .addOption(new Option('--env <env>', 'environment of the token').choices(['development', 'production']).default('development'))
    .option('--token <hex>', 'register this token instead of minting one')
    .action(run('apns-sim.device', async () => (await import('./commands/apns-sim.js')).device));
  sim
    .command('unregister <token>')
    .description('make a token answer 410 (the app was uninstalled)')
    .addOption(new Option('--reason <reason>', '410 reason').choices(['Unregistered', 'ExpiredToken']).default('Unregistered'))
    .action(run('apns-sim.unregister', async () => (await import('./commands/apns-sim.js')).unregister));
  sim.command('deliveries').description('what the simulator delivered').option('--token <hex>', 'only this token').option('--limit <n>', 'at most this many', '20').action(run('apns-sim.deliveries', async () => (await import('./commands/apns-sim.js')).deliveries));
  sim.command('faults [json]').description('inject faults (429, 500, 503, GOAWAY, resets, delays) for reliability tests').option('--clear', 'remove all faults').action(run('apns-sim.faults', async () => (await import('./commands/apns-sim.js')).faults));

  const diagnose = relayOpts(program.command('diagnose'))
    .description('explain whether a push to a receiver would fire, and the one rule that blocks it')
    .option('--to <accid>', 'the receiver (facts are read from the relay unless given as flags)')
    .option('--from <accid>', 'the sender (for friend, blacklist and mute relations)')
    .option('--token <hex>', 'a device token to check (stands for the receiver\'s uploaded token)')
    .option('--cert-name <name>', 'certificate name of --token');
  for (const f of DIAGNOSE_FLAGS) diagnose.option(f.argument ? `${f.flag} ${f.argument}` : f.flag, f.description);
  diagnose.action(run('diagnose', async () => (await import('./commands/diagnose.js')).run));

  program.command('demo').description('the main job, offline: a push that fires and arrives, then every FAQ case replayed')
    .addOption(new Option('--api <version>', 'NIM server API the demo app server speaks (default v2)').choices(['v1', 'v2']))
    .action(run('demo', async () => (await import('./commands/demo.js')).run));

  relayOpts(program.command('check'))
    .description('CI smoke test: credentials and expiry horizon, push text limits, relay and auth, optional test send')
    .option('--warn-days <days>', 'fail when a certificate expires within this many days', '30')
    .option('--junit <file>', 'write a JUnit XML report (one testcase per check)')
    .option('--send-to <accid>', 'test send through the relay to this receiver')
    .option('--from <accid>', 'sender of the test send', 'nim-push-check')
    .option('--token <hex>', 'test send directly to this device token')
    .option('--cert-name <name>', 'certificate name for --token')
    .option('--apns-url <url>', "for --token: an APNs-compatible endpoint, or 'sim'")
    .option('--apns-ca <file>', 'CA file for --apns-url')
    .option('--push-text <text>', 'the push text your app sends (checked against the limits)')
    .option('--title <title>', 'the push title your app sends')
    .option('--payload <json|@file>', 'the push payload your app sends')
    .action(run('check', async () => (await import('./commands/check.js')).run));

  addExamples(program, []);
  program.addHelpText('after', `\nExamples:\n${EXAMPLES[''].map((l) => `  $ ${l}`).join('\n')}\n`);
  return program;
}

/** Every command's help ends with its examples, keyed by its path (`relay.device`, `cert.check`). */
function addExamples(cmd: Command, path: string[]): void {
  for (const sub of cmd.commands) {
    const key = [...path, sub.name()].join('.');
    const lines = EXAMPLES[key];
    if (lines?.length) sub.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
    addExamples(sub, [...path, sub.name()]);
  }
}

export { collect };
