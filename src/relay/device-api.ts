/**
 * Device-side operations the NIM SDK performs over its long connection, as JSON endpoints with
 * the same auth: login/logout/kick, app state, APNs token upload, DND, multiport, session mute.
 */
import { parseClock } from '../core/diagnosis/index.js';
import { NIM_LIMITS } from '../core/nim/limits.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { normalizeToken } from '../core/token.js';
import { bool, fail, ok, requireUser, str, type Handler } from './handler.js';
import { PUSH_LOG_MAX, type AppState, type DeviceToken, type UserRecord } from './state.js';
import { certNameLength } from '../core/credentials/cert-name.js';

const APP_STATES: readonly AppState[] = ['foreground', 'background', 'killed'];
const ENVIRONMENTS: readonly ApnsEnvironment[] = ['development', 'production'];

export interface DeviceApiOptions {
  /** The environment of a certificate name, to default a token's environment. */
  environmentOf: (certName: string) => ApnsEnvironment | undefined;
  defaultEnvironment: ApnsEnvironment;
}

const login: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const certName = str(ctx.params, 'certName');
  // The guide: a certificate name over 32 characters makes login fail with error 500.
  if (certName !== undefined && certNameLength(certName) > NIM_LIMITS.certName) return fail(500, 'apnsCername longer than 32 characters: login failed');
  const appState = (str(ctx.params, 'appState') ?? 'foreground') as AppState;
  if (!APP_STATES.includes(appState)) return fail(414, 'appState must be foreground, background or killed');
  const imToken = str(ctx.params, 'token');
  if (imToken !== undefined && got.user.imToken && imToken !== got.user.imToken) return fail(302, 'wrong user or password');
  if (got.user.banned) return fail(422, `${got.user.accid} is banned and cannot log in`);
  const patch: Partial<UserRecord> = { login: 'online', appState, loginTime: ctx.nowMs };
  if (certName !== undefined) patch.certName = certName;
  if (appState === 'foreground') patch.badge = 0;
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch });
  return ok();
};

function loginChange(state: 'logged-out' | 'kicked'): Handler {
  return async (ctx) => {
    const got = requireUser(ctx, 'accid');
    if ('error' in got) return got.error;
    await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { login: state } });
    return ok();
  };
}

const setAppState: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const appState = str(ctx.params, 'appState') as AppState | undefined;
  if (!appState || !APP_STATES.includes(appState)) return fail(414, 'appState must be foreground, background or killed');
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: appState === 'foreground' ? { appState, badge: 0 } : { appState } });
  return ok();
};

function uploadToken(opts: DeviceApiOptions): Handler {
  return async (ctx) => {
    const got = requireUser(ctx, 'accid');
    if ('error' in got) return got.error;
    const normalized = normalizeToken(str(ctx.params, 'token') ?? '');
    if (!normalized.token) return fail(414, `token is not an APNs device token (${normalized.issues.map((i) => i.id).join(', ')})`);
    if (normalized.token.length > 200) return fail(405, 'token longer than 200 characters');
    const certName = str(ctx.params, 'certName') ?? got.user.certName ?? '';
    if (certName.length > 64) return fail(405, 'certName longer than 64 characters');
    const envText = str(ctx.params, 'environment');
    if (envText !== undefined && !ENVIRONMENTS.includes(envText as ApnsEnvironment)) return fail(414, 'environment must be development or production');
    const environment = (envText as ApnsEnvironment | undefined) ?? opts.environmentOf(certName) ?? opts.defaultEnvironment;
    const previous = got.user.tokens.find((t) => t.token === normalized.token);
    // As in updateApnsToken:customContentKey: nil (absent) keeps the key, "" clears it.
    const keyParam = ctx.params.customContentKey;
    let customContentKey = previous?.customContentKey;
    if (typeof keyParam === 'string') customContentKey = keyParam === '' ? undefined : keyParam;
    else if (keyParam !== undefined && keyParam !== null) return fail(414, 'customContentKey must be a string');
    if (customContentKey && customContentKey.length > NIM_LIMITS.customContentKey) return fail(405, 'customContentKey too long');
    const token: DeviceToken = { token: normalized.token, certName, environment, updatedAt: ctx.nowMs };
    if (customContentKey) token.customContentKey = customContentKey;
    await ctx.store.commit({ op: 'token.put', accid: got.user.accid, token });
    return ok({ token, normalized: normalized.issues.map((i) => i.id) });
  };
}

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

function userFlag(param: string, field: 'pushWhenDesktopOnline' | 'desktopOnline' | 'webOnline'): Handler {
  return async (ctx) => {
    const got = requireUser(ctx, 'accid');
    if ('error' in got) return got.error;
    const value = bool(ctx.params, param);
    if (value === undefined || value === null) return fail(414, `${param} must be true or false`);
    await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { [field]: value } });
    return ok();
  };
}

const setClientOnline: Handler = async (ctx) => {
  const client = str(ctx.params, 'client') ?? 'desktop';
  if (client !== 'desktop' && client !== 'web') return fail(414, 'client must be desktop or web');
  return userFlag('online', client === 'web' ? 'webOnline' : 'desktopOnline')(ctx);
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

/** Everything the relay knows about a user, for `diagnose`; the IM login token is left out. */
const userState: Handler = (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const { imToken: _secret, ...user } = got.user;
  return ok({ user, app: { nonFriendMessages: ctx.state.nonFriendMessages } });
};

const pushLog: Handler = (ctx) => {
  const to = str(ctx.params, 'to')?.toLowerCase();
  const from = str(ctx.params, 'from')?.toLowerCase();
  const limitText = str(ctx.params, 'limit');
  const limit = limitText && /^\d{1,6}$/.test(limitText) ? Number(limitText) : 100;
  // The log is trimmed in batches and may briefly hold more than its cap: list only the newest PUSH_LOG_MAX.
  const entries = ctx.state.pushLog.slice(-PUSH_LOG_MAX).filter((e) => (!to || e.to === to) && (!from || e.from === from));
  return ok({ entries: entries.slice(-limit) });
};

const appSettings: Handler = async (ctx) => {
  const policy = str(ctx.params, 'nonFriendMessages');
  if (policy !== 'allowed' && policy !== 'forbidden') return fail(414, 'nonFriendMessages must be allowed or forbidden');
  await ctx.store.commit({ op: 'app.set', nonFriendMessages: policy });
  return ok();
};

export function deviceRoutes(opts: DeviceApiOptions): Record<string, Handler> {
  return {
    'device/login': login,
    'device/logout': loginChange('logged-out'),
    'device/kick': loginChange('kicked'),
    'device/appState': setAppState,
    'device/updateApnsToken': uploadToken(opts),
    'device/removeApnsToken': removeToken,
    'device/listApnsTokens': listTokens,
    'device/setDnd': setDnd,
    'device/setMultiportConfig': userFlag('pushWhenDesktopOnline', 'pushWhenDesktopOnline'),
    'device/muteSession': muteSession,
    'device/clientOnline': setClientOnline,
    'device/state': userState,
    'pushlog/list': pushLog,
    'app/settings': appSettings,
  };
}
