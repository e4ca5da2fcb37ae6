/** `nim-push relay friend|block|mute|dnd`: relations and settings of receivers on the relay. */
import { parseWindow } from '../core/diagnosis/index.js';
import type { CommandResult, Context } from '../context.js';
import { UsageError } from '../errors.js';
import { ensureAccount, expectOk, openRelay, requireLocalRelay, type OpenRelay, type RelayAccessOptions } from './relay-access.js';

export interface RelayPairOptions extends RelayAccessOptions {
  a: string;
  b: string;
  /** Undo (unfriend, unblock, unmute). */
  remove?: boolean;
}

async function prepare(opts: RelayPairOptions, ctx: Context): Promise<OpenRelay> {
  if (!opts.a || !opts.b) throw new UsageError('Name two accounts: <accid> <other accid>.');
  const relay = await openRelay(opts, ctx);
  // Only the local relay gets accounts made on demand; on the NIM cloud that would create real users.
  if (relay.kind !== 'nim') for (const accid of [opts.a, opts.b]) await ensureAccount(relay.client, accid, ctx);
  return relay;
}

const done = (relay: OpenRelay, data: Record<string, unknown>, line: string): CommandResult => ({
  exitCode: 0,
  data: { ok: true, relay: relay.url, ...data },
  human: (s) => s.ok(`✔ ${line}`),
});

/** `relay friend add|remove a b`: `friend/add` (type 1, both sides) or `friend/delete`. */
export async function runRelayFriend(opts: RelayPairOptions & { action?: 'add' | 'remove' }, ctx: Context): Promise<CommandResult> {
  const remove = opts.remove ?? opts.action === 'remove';
  if (opts.action !== undefined && opts.action !== 'add' && opts.action !== 'remove') throw new UsageError('relay friend takes add or remove.');
  const relay = await prepare(opts, ctx);
  expectOk(await relay.client.call(remove ? 'friend/delete' : 'friend/add', remove ? { accid: opts.a, faccid: opts.b } : { accid: opts.a, faccid: opts.b, type: '1' }), ctx);
  return done(relay, { accid: opts.a, faccid: opts.b, friends: !remove }, remove ? `${opts.a} and ${opts.b} are no longer friends` : `${opts.a} and ${opts.b} are friends`);
}

async function setRelation(opts: RelayPairOptions, ctx: Context, relationType: '1' | '2'): Promise<OpenRelay> {
  const relay = await prepare(opts, ctx);
  expectOk(await relay.client.call('user/setSpecialRelation', { accid: opts.a, targetAcc: opts.b, relationType, value: opts.remove ? '0' : '1' }), ctx);
  return relay;
}

/** `relay block a b`: a puts b on its blacklist (`setSpecialRelation` type 1). */
export async function runRelayBlock(opts: RelayPairOptions, ctx: Context): Promise<CommandResult> {
  const relay = await setRelation(opts, ctx, '1');
  return done(relay, { accid: opts.a, target: opts.b, blacklisted: !opts.remove }, opts.remove ? `${opts.a} unblocked ${opts.b}` : `${opts.a} blacklisted ${opts.b}`);
}

/** `relay mute a b`: a mutes the session with b, so b's messages are not pushed to a (type 2). */
export async function runRelayMute(opts: RelayPairOptions, ctx: Context): Promise<CommandResult> {
  const relay = await setRelation(opts, ctx, '2');
  return done(relay, { accid: opts.a, target: opts.b, muted: !opts.remove }, opts.remove ? `${opts.a} unmuted ${opts.b}` : `${opts.a} muted ${opts.b}`);
}

export interface RelayDndOptions extends RelayAccessOptions {
  accid: string;
  state: 'on' | 'off';
  /** `22:00-07:00`; without it DND covers the whole day. */
  window?: string;
}

/** `relay dnd <accid> on|off [--window 22:00-07:00]`: the SDK's NIMPushNotificationSetting. */
export async function runRelayDnd(opts: RelayDndOptions, ctx: Context): Promise<CommandResult> {
  if (opts.state !== 'on' && opts.state !== 'off') throw new UsageError('relay dnd takes on or off.');
  const window = opts.window !== undefined ? parseWindow(opts.window) : undefined;
  if (opts.window !== undefined && !window) throw new UsageError(`--window must look like 22:00-07:00, got '${opts.window}'.`);
  const relay = await openRelay(opts, ctx);
  requireLocalRelay(relay, 'relay dnd', ctx);
  await ensureAccount(relay.client, opts.accid, ctx);
  const body: Record<string, unknown> = { accid: opts.accid, on: opts.state === 'on' };
  if (window) Object.assign(body, window);
  expectOk(await relay.client.callJson('device/setDnd', body), ctx);
  const text = opts.state === 'on' ? `DND on for ${opts.accid}${window ? ` ${window.start}-${window.end}` : ' (all day)'}` : `DND off for ${opts.accid}`;
  return done(relay, { accid: opts.accid, dnd: { on: opts.state === 'on', ...(window ?? {}) } }, text);
}
