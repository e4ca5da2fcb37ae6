/**
 * The relay's own JSON endpoints for what the SDK keeps on the device and the console keeps for
 * the app: token uploads, do-not-disturb, the multiport setting, session mute, the console's
 * non-friend setting, the push log, and the capability announcement. No documented NIM endpoint
 * gives these, so a client reads them only from a relay that announces them.
 */
import { parseClock } from '../core/diagnosis/clock.js';
import { NIM_LIMITS } from '../core/nim/limits.js';
import { CAPABILITIES_PATH, DEVICE_API, PUSH_LOG, type DeviceStateUser, type DeviceToken } from '../core/nim/wire-relay.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { normalizeToken } from '../core/token.js';
import { loginRoutes } from './device-login.js';
import { bool, fail, ok, requireUser, str, type Handler } from './handler.js';
import type { UserRecord } from './state.js';

const ENVIRONMENTS: readonly ApnsEnvironment[] = ['development', 'production'];

/**
 * The SDK's `updateApnsToken:` (or, with `kind: pushkit`, `updatePushKitToken:`). The SDK sends
 * no environment: one is recorded only when the caller knows it (`token add --env`).
 */
const uploadToken: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const normalized = normalizeToken(str(ctx.params, 'token') ?? '');
  if (!normalized.token) return fail(414, `token is not an APNs device token (${normalized.issues.map((i) => i.id).join(', ')})`);
  if (normalized.token.length > 200) return fail(405, 'token longer than 200 characters');
  const kind = str(ctx.params, 'kind');
  if (kind !== undefined && kind !== 'apns' && kind !== 'pushkit') return fail(414, 'kind must be apns or pushkit');
  const pushkit = kind === 'pushkit';
  const certName = str(ctx.params, 'certName') ?? (pushkit ? got.user.pkCertName : got.user.certName) ?? '';
  if (certName.length > 64) return fail(405, 'certName longer than 64 characters');
  const envText = str(ctx.params, 'environment');
  if (envText !== undefined && !ENVIRONMENTS.includes(envText as ApnsEnvironment)) return fail(414, 'environment must be development or production');
  const previous = got.user.tokens.find((t) => t.token === normalized.token);
  // As in updateApnsToken:customContentKey: nil (absent) keeps the key, "" clears it.
  const keyParam = ctx.params.customContentKey;
  let customContentKey = previous?.customContentKey;
  if (typeof keyParam === 'string') customContentKey = keyParam === '' ? undefined : keyParam;
  else if (keyParam !== undefined && keyParam !== null) return fail(414, 'customContentKey must be a string');
  if (customContentKey && customContentKey.length > NIM_LIMITS.customContentKey) return fail(405, 'customContentKey too long');
  const token: DeviceToken = { token: normalized.token, certName, updatedAt: ctx.nowMs };
  if (envText) token.environment = envText as ApnsEnvironment;
  if (pushkit) token.kind = 'pushkit';
  if (customContentKey) token.customContentKey = customContentKey;
  await ctx.store.commit({ op: 'token.put', accid: got.user.accid, token });
  return ok({ token, normalized: normalized.issues.map((i) => i.id) });
};

const removeToken: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const raw = str(ctx.params, 'token');
  const token = raw ? (normalizeToken(raw).token ?? raw) : undefined;
  if (token && !got.user.tokens.some((t) => t.token === token)) return fail(404, 'no such token for this account');
  const removed = token ? 1 : got.user.tokens.length;
  await ctx.store.commit({ op: 'token.remove', accid: got.user.accid, token });
  return ok({ removed });
};

const listTokens: Handler = (ctx) => {
  const accid = str(ctx.params, 'accid');
  if (accid) {
    const got = requireUser(ctx, 'accid');
    if ('error' in got) return got.error;
    return ok({ tokens: { [got.user.accid]: got.user.tokens } });
  }
  const tokens: Record<string, DeviceToken[]> = {};
  for (const user of Object.values(ctx.state.users)) if (user.tokens.length) tokens[user.accid] = user.tokens;
  return ok({ tokens });
};

const setDnd: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const on = bool(ctx.params, 'on');
  if (on === undefined || on === null) return fail(414, 'on must be true or false');
  const start = str(ctx.params, 'start');
  const end = str(ctx.params, 'end');
  if ((start === undefined) !== (end === undefined)) return fail(414, 'start and end go together');
  if (start !== undefined && (parseClock(start) === undefined || parseClock(end ?? '') === undefined)) return fail(414, 'start and end must be HH:MM');
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { dnd: start ? { on, start, end } : { on } } });
  return ok();
};

const setMultiport: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const value = bool(ctx.params, 'pushWhenDesktopOnline');
  if (value === undefined || value === null) return fail(414, 'pushWhenDesktopOnline must be true or false');
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { pushWhenDesktopOnline: value } });
  return ok();
};

const muteSession: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const target = requireUser(ctx, 'target');
  if ('error' in target) return target.error;
  const muted = bool(ctx.params, 'muted');
  if (muted === undefined || muted === null) return fail(414, 'muted must be true or false');
  await ctx.store.commit({ op: 'relation.set', accid: got.user.accid, target: target.user.accid, list: 'mutelist', value: muted });
  return ok();
};

export function deviceStateOf(user: UserRecord): DeviceStateUser {
  const { accid, login, appState, certName, pkCertName, tokens, dnd, pushWhenDesktopOnline, donnop, desktopOnline, webOnline, banned, chatBanned, friends, blacklist, mutelist } = user;
  return { accid, login, appState, certName, pkCertName, tokens, dnd, pushWhenDesktopOnline, donnop, desktopOnline, webOnline, banned, chatBanned, friends, blacklist, mutelist };
}

/** What the device and the console know of a user; the IM login token is left out. */
const userState: Handler = (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  return ok({ user: deviceStateOf(got.user), app: { nonFriendMessages: ctx.state.nonFriendMessages } });
};

const pushLog: Handler = (ctx) => {
  const to = str(ctx.params, 'to')?.toLowerCase();
  const from = str(ctx.params, 'from')?.toLowerCase();
  const limitText = str(ctx.params, 'limit');
  // 0 or anything but a count is the default, as a limit of nothing would list nothing.
  const limit = limitText && /^[1-9]\d{0,5}$/.test(limitText) ? Number(limitText) : 100;
  return ok({ entries: ctx.state.pushLog.newest(limit, (e) => (!to || e.to === to) && (!from || e.from === from)) });
};

/** Sets the console's non-friend setting when given; answers the settings either way. */
const appSettings: Handler = async (ctx) => {
  const policy = str(ctx.params, 'nonFriendMessages');
  if (policy !== undefined && policy !== 'allowed' && policy !== 'forbidden') return fail(414, 'nonFriendMessages must be allowed or forbidden');
  if (policy) await ctx.store.commit({ op: 'app.set', nonFriendMessages: policy });
  return ok({ nonFriendMessages: ctx.state.nonFriendMessages });
};

const capabilities: Handler = () => ok({ server: 'nim-push relay', capabilities: [DEVICE_API, PUSH_LOG] });

export const deviceRoutes: Record<string, Handler> = {
  ...loginRoutes,
  'device/updateApnsToken': uploadToken,
  'device/removeApnsToken': removeToken,
  'device/listApnsTokens': listTokens,
  'device/setDnd': setDnd,
  'device/setMultiportConfig': setMultiport,
  'device/muteSession': muteSession,
  'device/state': userState,
  'pushlog/list': pushLog,
  'app/settings': appSettings,
  [CAPABILITIES_PATH]: capabilities,
};

/** Routes that only read: they may also be called with GET and query parameters. */
export const READ_ROUTES: ReadonlySet<string> = new Set(['device/state', 'pushlog/list', 'device/listApnsTokens', CAPABILITIES_PATH]);
