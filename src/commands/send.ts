/**
 * `nim-push send`: direct (tokens → APNs) or through NIM (accid → a message). Every option either
 * goes into the request of the route chosen or is refused (exit 2) naming it: nothing is dropped.
 */
import type { CommandResult, CommandRunner, Context } from '../context.js';
import { bilingual, UsageError } from '../core/errors.js';
import { environment, int, list, relayOptions, str } from './options.js';

export type Via = 'direct' | 'relay';

/** `--via` wins; else tokens mean direct and `--to` means relay. */
export function chooseVia(opts: Record<string, unknown>): Via {
  const via = str(opts.via);
  if (via === 'direct' || via === 'relay') return via;
  const direct = Boolean(list(opts.token)?.length || opts.tokensFile !== undefined);
  const relay = opts.to !== undefined;
  if (direct && relay) throw new UsageError(bilingual('Give either --token/--tokens-file (direct to APNs) or --to (through the relay), or choose with --via.', '请只给出 --token/--tokens-file(直接发给 APNs)或 --to(经中转服务)之一,或用 --via 指定。'));
  if (relay) return 'relay';
  if (direct) return 'direct';
  throw new UsageError(bilingual('Nothing to send to: give --token <hex> or --tokens-file <file|-> (direct to APNs), or --to <accid> (through the relay).', '没有发送对象:请给出 --token <十六进制> 或 --tokens-file <文件|->(直接发给 APNs),或 --to <accid>(经中转服务)。'));
}

/** Options one route has no place for, with what to do instead. */
const DIRECT_ONLY: Array<[key: string, flag: string]> = [
  ['subtitle', '--subtitle'], ['collapseId', '--collapse-id'], ['priority', '--priority'], ['expiry', '--expiry'], ['pushType', '--push-type'],
  ['certName', '--cert-name'], ['env', '--env'], ['apnsUrl', '--apns-url'], ['apnsCa', '--apns-ca'], ['insecure', '--insecure'],
  ['concurrency', '--concurrency'], ['force', '--force'], ['tokensFile', '--tokens-file'], ['token', '--token'],
];
const RELAY_ONLY: Array<[key: string, flag: string, given: (v: unknown) => boolean]> = [
  ['from', '--from', (v) => v !== undefined], ['to', '--to', (v) => v !== undefined], ['push', '--no-push', (v) => v === false], ['nick', '--no-nick', (v) => v === false],
  ['badge', '--no-badge', (v) => v === false], ['forcePush', '--force-push', (v) => v === true], ['forcePushText', '--force-push-text', (v) => v !== undefined],
  ['attach', '--attach', (v) => v === true], ['checkFriend', '--check-friend', (v) => v === true], ['api', '--api', (v) => v !== undefined], ['relay', '--relay', (v) => v !== undefined],
];

function refuseOthers(opts: Record<string, unknown>, via: Via): void {
  const stray = via === 'relay'
    ? DIRECT_ONLY.filter(([key]) => opts[key] !== undefined && opts[key] !== false).map(([, flag]) => flag)
    : RELAY_ONLY.filter(([key, , given]) => given(opts[key])).map(([, flag]) => flag);
  if (!stray.length) return;
  const list = stray.join(', ');
  throw new UsageError(
    via === 'relay'
      ? bilingual(`${list}: NIM has no place for ${stray.length > 1 ? 'these' : 'this'} in a message (APNs headers and the credential are NIM's to choose). Send directly with --token to set ${stray.length > 1 ? 'them' : 'it'}.`, `${list}:云信消息中没有对应的字段(APNs 请求头和证书由云信决定)。如需设置,请用 --token 直接发送。`)
      : bilingual(`${list} only ${stray.length > 1 ? 'apply' : 'applies'} to a message through NIM (--to); a direct send has no sender or NIM options.`, `${list} 只适用于经云信发送的消息(--to);直接发送没有发送方和云信选项。`),
    'usage',
    { flags: stray },
  );
}

const badgeNumber = (v: unknown): number | undefined => (v === undefined || v === false ? undefined : int(v, '--badge', { min: 0, max: 99_999 }));

export const run: CommandRunner = async (_args, opts, ctx) => {
  const via = chooseVia(opts);
  refuseOthers(opts, via);
  return via === 'relay' ? sendThroughNim(opts, ctx) : sendDirect(opts, ctx);
};

/** Each route loads only its own stack: a direct send never loads undici, a send through NIM never node-apn. */
async function sendDirect(opts: Record<string, unknown>, ctx: Context): Promise<CommandResult> {
  const [{ prepareDirect }, { runSendDirect }] = await Promise.all([import('../app/send-prepare.js'), import('./send-direct.js')]);
  const voip = str(opts.pushType) === 'voip';
  const prepared = await prepareDirect({ certName: str(opts.certName), env: environment(opts.env), apnsUrl: str(opts.apnsUrl), apnsCa: str(opts.apnsCa), force: opts.force === true, dryRun: opts.dryRun === true, voip }, ctx);
  return runSendDirect(
    {
      ...prepared,
      tokens: list(opts.token),
      tokensFile: str(opts.tokensFile),
      text: str(opts.text),
      pushText: str(opts.pushText),
      title: str(opts.title),
      subtitle: str(opts.subtitle),
      badge: badgeNumber(opts.badge),
      sound: str(opts.sound),
      payload: str(opts.payload),
      category: str(opts.category),
      threadId: str(opts.threadId),
      collapseId: str(opts.collapseId),
      priority: str(opts.priority),
      expiry: str(opts.expiry),
      pushType: str(opts.pushType),
      mutableContent: opts.mutableContent === true,
      contentAvailable: opts.contentAvailable === true,
      insecure: opts.insecure === true,
      concurrency: int(opts.concurrency, '--concurrency', { min: 1, max: 10_000 }),
      requestTimeoutMs: int(opts.timeout, '--timeout', { min: 1, max: 600_000 }),
      dryRun: opts.dryRun === true,
    },
    ctx,
  );
}

async function sendThroughNim(opts: Record<string, unknown>, ctx: Context): Promise<CommandResult> {
  const [{ relayAccessFromProfile }, { runSendRelay }] = await Promise.all([import('../app/nim-access.js'), import('./send-relay.js')]);
  const from = str(opts.from);
  if (!from) throw new UsageError(bilingual('send --to needs --from <accid> (the sender: an account that exists, e.g. made with user/create).', 'send --to 需要 --from <accid>(发送方:必须是已存在的账号,例如用 user/create 创建)。'));
  const data = await runSendRelay(
    {
      ...relayAccessFromProfile(ctx, relayOptions(opts)),
      from,
      to: str(opts.to) as string,
      text: str(opts.text),
      pushText: str(opts.pushText),
      title: str(opts.title),
      payload: str(opts.payload),
      sound: str(opts.sound),
      badge: badgeNumber(opts.badge),
      category: str(opts.category),
      threadId: str(opts.threadId),
      mutableContent: opts.mutableContent === true,
      contentAvailable: opts.contentAvailable === true,
      noPush: opts.push === false,
      noNick: opts.nick === false,
      noBadge: opts.badge === false,
      forcePush: opts.forcePush === true,
      forcePushText: str(opts.forcePushText),
      checkFriend: opts.checkFriend === true,
      attach: opts.attach === true,
      dryRun: opts.dryRun === true,
    },
    ctx,
  );
  return data;
}
