/**
 * Setting up receivers on a relay from the terminal: the device side (login, app state, desktop
 * clients) through the relay's own API, relations (friends, blacklist, mute) through the
 * documented endpoints of the profile's API version, DND and the console's non-friend setting.
 */
import type { Context } from '../context.js';
import { parseWindow } from '../core/diagnosis/clock.js';
import { bilingual, UsageError } from '../core/errors.js';
import type { DeviceStateUser } from '../core/nim/wire-relay.js';
import type { RelayActionData, RelayDeviceData, RelaySettingsData } from '../output/relay-view.js';
import { ensureAccount, expectOk, openRelay, requireDeviceApi, type OpenRelay, type RelayAccessOptions } from './nim-access.js';

export interface RelayDeviceOptions extends RelayAccessOptions {
  accid: string;
  login?: 'online' | 'logged-out' | 'kicked';
  appState?: 'foreground' | 'background' | 'killed';
  /** The `apnsCername` the app logs in with (over 32 characters fails with 500, as the guide says). */
  certName?: string;
  /** The `pkCername` the app logs in with. */
  pkCertName?: string;
  desktopOnline?: boolean;
  webOnline?: boolean;
  pushWhenDesktopOnline?: boolean;
}

async function device(relay: OpenRelay, path: string, body: Record<string, unknown>, ctx: Context): Promise<Record<string, unknown>> {
  const call = await relay.client.private(path, body);
  return expectOk(call.answer, ctx, call);
}

export async function relayDevice(opts: RelayDeviceOptions, ctx: Context): Promise<RelayDeviceData> {
  const relay = await openRelay(opts, ctx);
  await requireDeviceApi(relay, 'relay device');
  await ensureAccount(relay, opts.accid, ctx);
  const accid = opts.accid;
  const logsIn = opts.login === 'online' || (opts.login === undefined && (opts.certName !== undefined || opts.pkCertName !== undefined));
  if (logsIn) {
    const body: Record<string, unknown> = { accid, appState: opts.appState ?? 'background' };
    if (opts.certName !== undefined) body.certName = opts.certName;
    if (opts.pkCertName !== undefined) body.pkCertName = opts.pkCertName;
    await device(relay, 'device/login', body, ctx);
  } else if (opts.login === 'logged-out') await device(relay, 'device/logout', { accid }, ctx);
  else if (opts.login === 'kicked') await device(relay, 'device/kick', { accid }, ctx);
  if (opts.appState !== undefined && !logsIn) await device(relay, 'device/appState', { accid, appState: opts.appState }, ctx);
  if (opts.desktopOnline !== undefined) await device(relay, 'device/clientOnline', { accid, client: 'desktop', online: opts.desktopOnline }, ctx);
  if (opts.webOnline !== undefined) await device(relay, 'device/clientOnline', { accid, client: 'web', online: opts.webOnline }, ctx);
  if (opts.pushWhenDesktopOnline !== undefined) await device(relay, 'device/setMultiportConfig', { accid, pushWhenDesktopOnline: opts.pushWhenDesktopOnline }, ctx);
  const state = await device(relay, 'device/state', { accid }, ctx);
  return { ok: true, relay: relay.url, user: state.user as DeviceStateUser };
}

export interface RelayPairOptions extends RelayAccessOptions {
  a: string;
  b: string;
  /** Undo (unfriend, unblock, unmute). */
  remove?: boolean;
}

async function preparePair(opts: RelayPairOptions, ctx: Context): Promise<OpenRelay> {
  if (!opts.a || !opts.b) throw new UsageError(bilingual('Name two accounts: <accid> <other accid>.', '请给出两个账号:<accid> <另一个 accid>。'));
  const relay = await openRelay(opts, ctx);
  // Accounts are made on demand only where the relay is ours; on the NIM cloud that would create real users.
  if (relay.kind !== 'cloud') for (const accid of [opts.a, opts.b]) await ensureAccount(relay, accid, ctx);
  return relay;
}

/** One documented call of the relay's API version; throws the relay's refusal as a finding. */
async function documented(relay: OpenRelay, v1: [path: string, form: Record<string, string>], v2: [method: 'POST' | 'DELETE', path: string, query?: Record<string, string>, body?: unknown], ctx: Context): Promise<void> {
  if (relay.api === 'v2') {
    const call = await relay.client.v2(v2[0], v2[1], { query: v2[2], body: v2[3] });
    expectOk({ code: Number(call.answer.code), desc: String(call.answer.msg ?? '') }, ctx, call);
    return;
  }
  const call = await relay.client.v1(v1[0], v1[1]);
  expectOk(call.answer, ctx, call);
}

/** `relay friend add|remove a b`: both sides become (or stop being) friends. */
export async function relayFriend(opts: RelayPairOptions, ctx: Context): Promise<RelayActionData> {
  const relay = await preparePair(opts, ctx);
  const seg = encodeURIComponent;
  if (opts.remove) {
    await documented(relay, ['friend/delete', { accid: opts.a, faccid: opts.b }], ['DELETE', `/im/v2/friends/${seg(opts.a)}`, { friend_account_id: opts.b }], ctx);
  } else {
    await documented(relay, ['friend/add', { accid: opts.a, faccid: opts.b, type: '1' }], ['POST', '/im/v2.1/friends', undefined, { account_id: opts.a, friend_account_id: opts.b, type: 1 }], ctx);
  }
  return { ok: true, relay: relay.url, action: opts.remove ? 'unfriend' : 'friend', accid: opts.a, other: opts.b };
}

/** `relay block|mute a b`: a blacklists (or mutes the session with) b, or undoes it. */
export async function relayRelation(opts: RelayPairOptions, kind: 'block' | 'mute', ctx: Context): Promise<RelayActionData> {
  const relay = await preparePair(opts, ctx);
  const list = kind === 'block' ? 'block_contacts' : 'mute_contacts';
  const v1: [string, Record<string, string>] = ['user/setSpecialRelation', { accid: opts.a, targetAcc: opts.b, relationType: kind === 'block' ? '1' : '2', value: opts.remove ? '0' : '1' }];
  const v2: [method: 'POST' | 'DELETE', path: string, query?: Record<string, string>, body?: unknown] = opts.remove
    ? ['DELETE', `/im/v2/${list}/${encodeURIComponent(opts.a)}`, { contact_account_id: opts.b }]
    : ['POST', `/im/v2/${list}`, undefined, { account_id: opts.a, contact_account_id: opts.b }];
  await documented(relay, v1, v2, ctx);
  return { ok: true, relay: relay.url, action: `${opts.remove ? 'un' : ''}${kind}` as RelayActionData['action'], accid: opts.a, other: opts.b };
}

export interface RelayDndOptions extends RelayAccessOptions {
  accid: string;
  state: 'on' | 'off';
  /** `22:00-07:00`; without it DND covers the whole day. */
  window?: string;
}

/** `relay dnd <accid> on|off [--window]`: the SDK's NIMPushNotificationSetting, kept on the device. */
export async function relayDnd(opts: RelayDndOptions, ctx: Context): Promise<RelayActionData> {
  const window = opts.window !== undefined ? parseWindow(opts.window) : undefined;
  if (opts.window !== undefined && !window) throw new UsageError(bilingual(`--window must look like 22:00-07:00, got '${opts.window}'.`, `--window 的格式应为 22:00-07:00,收到 '${opts.window}'。`));
  const relay = await openRelay(opts, ctx);
  await requireDeviceApi(relay, 'relay dnd');
  await ensureAccount(relay, opts.accid, ctx);
  await device(relay, 'device/setDnd', { accid: opts.accid, on: opts.state === 'on', ...(window ?? {}) }, ctx);
  return { ok: true, relay: relay.url, action: opts.state === 'on' ? 'dnd-on' : 'dnd-off', accid: opts.accid, ...(window ? { window: `${window.start}-${window.end}` } : {}) };
}

/** `relay settings`: shows the console settings the local relay stands in for, and sets those given. */
export async function relaySettings(opts: RelayAccessOptions & { nonFriendMessages?: 'allowed' | 'forbidden' }, ctx: Context): Promise<RelaySettingsData> {
  const relay = await openRelay(opts, ctx);
  await requireDeviceApi(relay, 'relay settings');
  const answer = await device(relay, 'app/settings', opts.nonFriendMessages ? { nonFriendMessages: opts.nonFriendMessages } : {}, ctx);
  return { ok: true, relay: relay.url, nonFriendMessages: answer.nonFriendMessages as 'allowed' | 'forbidden', changed: opts.nonFriendMessages !== undefined };
}
