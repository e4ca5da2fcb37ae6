/**
 * The SDK's session on the long connection, as JSON endpoints: login (with `apnsCername`),
 * logout, kick, the app moving between foreground and background, desktop and web clients.
 * Each change is recorded as NIM records it, as login and logout events.
 */
import { CLIENT_TYPE } from '../core/nim/wire-v1.js';
import type { AppState } from '../core/nim/wire-relay.js';
import { certNameLength } from '../core/credentials/cert-name.js';
import { NIM_LIMITS } from '../core/nim/limits.js';
import { LOGOUT_REASON } from '../core/nim/wire-v1.js';
import { bool, fail, ok, requireUser, str, type Handler, type HandlerContext } from './handler.js';
import { iosConnected, makeEvent, type EventSpec } from './presence.js';
import type { UserRecord } from './state.js';

const APP_STATES: readonly AppState[] = ['foreground', 'background', 'killed'];

const record = (ctx: HandlerContext, user: UserRecord, spec: EventSpec) =>
  ctx.store.commit({ op: 'event', accid: user.accid, event: makeEvent(user, ctx.nowMs, spec) });

const login: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const user = got.user;
  const certName = str(ctx.params, 'certName');
  const pkCertName = str(ctx.params, 'pkCertName');
  const appState = (str(ctx.params, 'appState') ?? 'foreground') as AppState;
  if (!APP_STATES.includes(appState)) return fail(414, 'appState must be foreground, background or killed');
  // A refused login changes nothing but the record of the attempt, as NIM's login events show it.
  const refuse = async (code: number, desc: string) => {
    await record(ctx, user, { type: 'login', code });
    return fail(code, desc);
  };
  // The guide: a certificate name over 32 characters makes login fail with error 500.
  for (const name of [certName, pkCertName]) {
    if (name !== undefined && certNameLength(name) > NIM_LIMITS.certName) return refuse(500, 'certificate name longer than 32 characters: login failed');
  }
  const imToken = str(ctx.params, 'token');
  if (imToken !== undefined && user.imToken && imToken !== user.imToken) return refuse(302, 'wrong user or password');
  if (user.banned) return refuse(422, `${user.accid} is banned and cannot log in`);
  const patch: Partial<UserRecord> = { login: 'online', appState, loginTime: ctx.nowMs };
  if (certName !== undefined) patch.certName = certName;
  if (pkCertName !== undefined) patch.pkCertName = pkCertName;
  if (appState === 'foreground') patch.badge = 0;
  await ctx.store.commit({ op: 'user.patch', accid: user.accid, patch });
  await record(ctx, user, { type: 'login' });
  // Logged in, then sent to the background: the long connection drops, the login stays.
  if (appState !== 'foreground') await record(ctx, user, { type: 'logout', reason: LOGOUT_REASON.disconnected });
  return ok();
};

function loginChange(state: 'logged-out' | 'kicked', reason: number): Handler {
  return async (ctx) => {
    const got = requireUser(ctx, 'accid');
    if ('error' in got) return got.error;
    await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { login: state } });
    await record(ctx, got.user, { type: 'logout', reason });
    return ok();
  };
}

const setAppState: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const user = got.user;
  const appState = str(ctx.params, 'appState') as AppState | undefined;
  if (!appState || !APP_STATES.includes(appState)) return fail(414, 'appState must be foreground, background or killed');
  const wasConnected = iosConnected(user);
  await ctx.store.commit({ op: 'user.patch', accid: user.accid, patch: appState === 'foreground' ? { appState, badge: 0 } : { appState } });
  const connected = iosConnected(user);
  // The SDK logs in again on its own when the app comes back; leaving drops the connection.
  if (connected && !wasConnected) await record(ctx, user, { type: 'login' });
  if (wasConnected && !connected) await record(ctx, user, { type: 'logout', reason: LOGOUT_REASON.disconnected });
  return ok();
};

const setClientOnline: Handler = async (ctx) => {
  const got = requireUser(ctx, 'accid');
  if ('error' in got) return got.error;
  const client = str(ctx.params, 'client') ?? 'desktop';
  if (client !== 'desktop' && client !== 'web') return fail(414, 'client must be desktop or web');
  const online = bool(ctx.params, 'online');
  if (online === undefined || online === null) return fail(414, 'online must be true or false');
  const field = client === 'web' ? 'webOnline' : 'desktopOnline';
  if (got.user[field] === online) return ok();
  await ctx.store.commit({ op: 'user.patch', accid: got.user.accid, patch: { [field]: online } });
  const clientType = client === 'web' ? CLIENT_TYPE.web : CLIENT_TYPE.pc;
  await record(ctx, got.user, online ? { type: 'login', clientType } : { type: 'logout', clientType, reason: LOGOUT_REASON.loggedOut });
  return ok();
};

export const loginRoutes: Record<string, Handler> = {
  'device/login': login,
  'device/logout': loginChange('logged-out', LOGOUT_REASON.loggedOut),
  'device/kick': loginChange('kicked', LOGOUT_REASON.kickedByOwnDevice),
  'device/appState': setAppState,
  'device/clientOnline': setClientOnline,
};
