/**
 * Who is online and how they got there: the clients a receiver has on the long connection, and
 * the login and logout events NIM records (`history/queryUserEvents`), with the logout reasons
 * its logout-event documentation gives (1 logged out, 2 disconnected, 3 and 4 kicked).
 */
import { CLIENT_TYPE, CLIENT_TYPE_NAME, EVENT_LOGIN, EVENT_LOGOUT, type OnlineClient, type UserEvent } from '../core/nim/wire-v1.js';
import type { UserRecord } from './state.js';

/** An iOS app holds its long connection only in the foreground. */
export const iosConnected = (user: Pick<UserRecord, 'login' | 'appState'>): boolean => user.login === 'online' && user.appState === 'foreground';

/** The newest successful login of a client type, as its login time. */
function loginTimeOf(user: UserRecord, clientType: number): number {
  const name = CLIENT_TYPE_NAME[clientType];
  for (let i = user.events.length - 1; i >= 0; i--) {
    const e = user.events[i];
    if (e.clientType === name && e.eventType === EVENT_LOGIN && e.code === 200) return e.timestamp;
  }
  return user.loginTime ?? 0;
}

export function onlineClientsOf(user: UserRecord): OnlineClient[] {
  const clients: OnlineClient[] = [];
  if (iosConnected(user)) clients.push({ clientType: CLIENT_TYPE.ios, loginTime: loginTimeOf(user, CLIENT_TYPE.ios) });
  if (user.desktopOnline) clients.push({ clientType: CLIENT_TYPE.pc, loginTime: loginTimeOf(user, CLIENT_TYPE.pc) });
  if (user.webOnline) clients.push({ clientType: CLIENT_TYPE.web, loginTime: loginTimeOf(user, CLIENT_TYPE.web) });
  return clients;
}

export interface EventSpec {
  type: 'login' | 'logout';
  clientType?: number;
  /** Login result (default 200). */
  code?: number;
  /** Logouts: 1 logged out, 2 disconnected, 3 kicked by own device, 4 kicked by policy. */
  reason?: number;
}

/** One event; timestamps of a user only grow, so two events in one request keep their order. */
export function makeEvent(user: UserRecord, nowMs: number, spec: EventSpec): UserEvent {
  const last = user.events.at(-1)?.timestamp ?? 0;
  const event: UserEvent = {
    accid: user.accid,
    timestamp: Math.max(nowMs, last + 1),
    eventType: spec.type === 'login' ? EVENT_LOGIN : EVENT_LOGOUT,
    clientType: CLIENT_TYPE_NAME[spec.clientType ?? CLIENT_TYPE.ios],
    clientIp: '127.0.0.1',
    sdkVersion: 0,
    code: spec.code ?? 200,
  };
  if (spec.type === 'logout') event.logOutReason = spec.reason ?? 1;
  return event;
}
