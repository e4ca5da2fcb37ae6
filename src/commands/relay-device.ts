/** `nim-push relay device <accid>`: set up a receiver as its app and SDK would (login, app state, desktop). */
import type { CommandResult, Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { UserRecord } from '../relay/state.js';
import { ensureAccount, expectOk, openRelay, requireLocalRelay, type RelayAccessOptions } from './relay-access.js';

export interface RelayDeviceOptions extends RelayAccessOptions {
  accid: string;
  login?: 'online' | 'logged-out' | 'kicked';
  appState?: 'foreground' | 'background' | 'killed';
  /** The `apnsCername` the app logs in with (over 32 characters fails with 500, as the guide says). */
  certName?: string;
  desktopOnline?: boolean;
  webOnline?: boolean;
  pushWhenDesktopOnline?: boolean;
}

const LOGINS = ['online', 'logged-out', 'kicked'];
const APP_STATES = ['foreground', 'background', 'killed'];

export async function runRelayDevice(opts: RelayDeviceOptions, ctx: Context): Promise<CommandResult> {
  if (opts.login !== undefined && !LOGINS.includes(opts.login)) throw new UsageError(`--login must be one of ${LOGINS.join(', ')}.`);
  if (opts.appState !== undefined && !APP_STATES.includes(opts.appState)) throw new UsageError(`--app-state must be one of ${APP_STATES.join(', ')}.`);
  const relay = await openRelay(opts, ctx);
  requireLocalRelay(relay, 'relay device', ctx);
  const { client } = relay;
  await ensureAccount(client, opts.accid, ctx);
  const accid = opts.accid;
  if (opts.login === 'online' || (opts.login === undefined && opts.certName !== undefined)) {
    const body: Record<string, unknown> = { accid, appState: opts.appState ?? 'background' };
    if (opts.certName !== undefined) body.certName = opts.certName;
    expectOk(await client.callJson('device/login', body), ctx);
  } else if (opts.login === 'logged-out') {
    expectOk(await client.callJson('device/logout', { accid }), ctx);
  } else if (opts.login === 'kicked') {
    expectOk(await client.callJson('device/kick', { accid }), ctx);
  }
  if (opts.appState !== undefined && opts.login !== 'online' && opts.certName === undefined) {
    expectOk(await client.callJson('device/appState', { accid, appState: opts.appState }), ctx);
  }
  if (opts.desktopOnline !== undefined) expectOk(await client.callJson('device/clientOnline', { accid, client: 'desktop', online: opts.desktopOnline }), ctx);
  if (opts.webOnline !== undefined) expectOk(await client.callJson('device/clientOnline', { accid, client: 'web', online: opts.webOnline }), ctx);
  if (opts.pushWhenDesktopOnline !== undefined) {
    expectOk(await client.callJson('device/setMultiportConfig', { accid, pushWhenDesktopOnline: opts.pushWhenDesktopOnline }), ctx);
  }
  const state = expectOk(await client.callJson('device/state', { accid }), ctx);
  const user = state.user as Omit<UserRecord, 'imToken'>;
  return {
    exitCode: 0,
    data: { ok: true, relay: relay.url, user },
    human: (s) => describeUser(user, s.bold),
  };
}

/** A receiver's state in a few lines. */
export function describeUser(user: Omit<UserRecord, 'imToken'>, bold: (t: string) => string = (t) => t): string {
  const dnd = user.dnd.on ? `on${user.dnd.start ? ` ${user.dnd.start}-${user.dnd.end}` : ' (all day)'}` : 'off';
  return [
    `${bold(user.accid)}  login=${user.login}  app=${user.appState}  cert-name=${user.certName ?? '(none)'}${user.banned ? '  BANNED' : ''}`,
    `  tokens=${user.tokens.length}  dnd=${dnd}  desktop=${user.desktopOnline ? 'online' : 'offline'}${user.webOnline ? ' web=online' : ''}  push-when-desktop-online=${user.pushWhenDesktopOnline && !user.donnop ? 'yes' : 'no'}`,
    `  friends=[${user.friends.join(', ')}]  blacklist=[${user.blacklist.join(', ')}]  muted=[${user.mutelist.join(', ')}]`,
  ].join('\n');
}
