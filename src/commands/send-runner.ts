/** `nim-push send`: chooses direct (tokens → APNs) or relay (accid → msg/sendMsg) and maps the flags. */
import type { CommandRunner } from '../command-loaders.js';
import type { CommandResult, Context } from '../context.js';
import { evaluate, factsFrom } from '../core/diagnosis/index.js';
import { pickCert } from '../core/profile.js';
import { checkCredentialFile } from '../adapters/credential-check.js';
import { loadProfile } from '../adapters/profile-resolver.js';
import { relayAccessFromProfile } from '../adapters/relay-access-profile.js';
import { resolveApnsTarget } from '../adapters/apns-target.js';
import { CheckFailedError, UsageError } from '../errors.js';
import { runSendDirect } from './send-direct.js';
import { runSendRelay } from './send-relay.js';
import { str } from './option-values.js';

const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : undefined);

export type Via = 'direct' | 'relay';

/** `--via` wins; else tokens mean direct and `--to` means relay. */
export function chooseVia(opts: Record<string, unknown>): Via {
  const via = str(opts.via);
  if (via === 'direct' || via === 'relay') return via;
  const direct = Boolean(list(opts.token)?.length || opts.tokensFile !== undefined);
  const relay = opts.to !== undefined;
  if (direct && relay) throw new UsageError('Give either --token/--tokens-file (direct to APNs) or --to (through the relay), or choose with --via.');
  if (relay) return 'relay';
  if (direct) return 'direct';
  throw new UsageError('Nothing to send to: give --token <hex> or --tokens-file <file|-> (direct to APNs), or --to <accid> (through the relay).');
}

const badge = (v: unknown): number | undefined => {
  if (v === undefined || v === false) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError('--badge takes a whole number ≥ 0.');
  return n;
};

export const run: CommandRunner = async (_args, opts, ctx) =>
  chooseVia(opts) === 'relay' ? sendRelay(opts, ctx) : ((await sendDirect(opts, ctx)) as unknown as CommandResult);

async function sendDirect(opts: Record<string, unknown>, ctx: Context) {
  const { profile } = loadProfile(ctx);
  const envFlag = str(opts.env) as 'development' | 'production' | undefined;
  const cert = pickCert(profile, { name: str(opts.certName), environment: envFlag });
  if (!cert) throw new UsageError(str(opts.certName) ? `The profile has no certificate named '${opts.certName}'.` : 'The profile has no credential. Run `nim-push init --add-cert`.', 'certname.unknown');
  const environment = envFlag ?? cert.environment;
  const check = await checkCredentialFile({ ...cert, environment }, { bundleId: profile.bundleId, env: ctx.env, lang: ctx.lang, now: ctx.now() });
  // The same engine as diagnose and the relay decides whether the credential stops the push.
  const decision = evaluate(factsFrom({ credentialIssues: check.issues }, 'credential'), { groups: ['credential'] });
  if (!check.material || (decision.verdict === 'blocked' && opts.force !== true && opts.dryRun !== true)) {
    throw new CheckFailedError(
      'credential.rejected',
      `Certificate '${cert.name}' cannot be used for a ${environment} push${check.material ? ' (use --force to try anyway and see what APNs answers)' : ''}.`,
      { findings: check.findings },
    );
  }
  const target = await resolveApnsTarget(str(opts.apnsUrl), str(opts.apnsCa), environment, ctx);
  const concurrency = opts.concurrency === undefined ? undefined : Number(opts.concurrency);
  return runSendDirect(
    {
      tokens: list(opts.token),
      tokensFile: str(opts.tokensFile),
      material: check.material,
      environment,
      bundleId: profile.bundleId,
      text: str(opts.text),
      pushText: str(opts.pushText),
      title: str(opts.title),
      subtitle: str(opts.subtitle),
      badge: badge(opts.badge),
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
      ...target,
      insecure: opts.insecure === true,
      ...(concurrency !== undefined ? { concurrency } : {}),
      dryRun: opts.dryRun === true,
      progressStream: process.stderr,
    },
    ctx,
  );
}

async function sendRelay(opts: Record<string, unknown>, ctx: Context) {
  const from = str(opts.from);
  if (!from) throw new UsageError('send --to needs --from <accid> (the sender).');
  return runSendRelay(
    {
      ...relayAccessFromProfile(ctx, opts),
      from,
      to: str(opts.to) as string,
      text: str(opts.text),
      pushText: str(opts.pushText),
      title: str(opts.title),
      payload: str(opts.payload),
      sound: str(opts.sound),
      noPush: opts.push === false,
      noNick: opts.nick === false,
      noBadge: opts.badge === false,
      forcePush: opts.forcePush === true,
      forcePushText: str(opts.forcePushText),
      attach: opts.attach === true,
      dryRun: opts.dryRun === true,
    },
    ctx,
  );
}
