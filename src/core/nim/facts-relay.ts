/**
 * What only the local relay's own API tells (no documented NIM endpoint gives it): background or
 * killed, the do-not-disturb setting on the device, the uploaded tokens, the console's non-friend
 * setting, the multiport push setting, and the push log's last APNs answer per token.
 * Asked only of a relay that announces the API at `nim-push/capabilities`.
 */
import { factsFrom, type FactValues, type LastPush, type TokenFact } from '../diagnosis/facts.js';
import { reading, type NimRequest, type Probe } from './probe.js';
import { CAPABILITIES_PATH, DEVICE_API, type CapabilitiesAnswer, type DeviceStateAnswer, type DeviceToken, type PushLogAnswer } from './wire-relay.js';

export const capabilitiesRequest: NimRequest = { api: 'private', path: CAPABILITIES_PATH, body: {} };

/** True only when the relay answered 200 and lists the device API. */
export const offersDeviceApi = (answer: unknown): boolean => {
  const a = answer as CapabilitiesAnswer | undefined;
  return a?.code === 200 && Array.isArray(a.capabilities) && a.capabilities.includes(DEVICE_API);
};

const tokenFact = (t: DeviceToken): TokenFact => ({
  token: t.token,
  certName: t.certName || null,
  ...(t.environment ? { environment: t.environment } : {}),
  ...(t.unregistered ? { unregistered: true } : {}),
});

/** `device/state`: the facts the device and the console hold. */
export const deviceStateProbe: Probe = {
  endpoint: 'device/state',
  supplies: ['appState', 'dnd', 'dndWindow', 'tokens', 'pushkitTokens', 'pushWhenDesktopOnline', 'nonFriendMessages'],
  request: (q) => ({ api: 'private', path: 'device/state', body: { accid: q.to } }),
  read: (answer) => {
    const a = answer as DeviceStateAnswer;
    const user = a.user;
    if (!user || typeof user !== 'object') return reading({});
    const values: Partial<FactValues> = {
      appState: user.appState,
      dnd: user.dnd?.on === true,
      dndWindow: user.dnd?.start && user.dnd.end ? { start: user.dnd.start, end: user.dnd.end } : null,
      tokens: (user.tokens ?? []).filter((t) => t.kind !== 'pushkit').map(tokenFact),
      pushkitTokens: (user.tokens ?? []).filter((t) => t.kind === 'pushkit').map(tokenFact),
      pushWhenDesktopOnline: user.pushWhenDesktopOnline !== false && user.donnop !== true,
    };
    if (a.app?.nonFriendMessages) values.nonFriendMessages = a.app.nonFriendMessages;
    return reading(factsFrom(values, 'relay:device/state'));
  },
};

/** `pushlog/list`: the newest APNs answer for each token pushed to the receiver. */
export const pushLogProbe: Probe = {
  endpoint: 'pushlog/list',
  supplies: ['lastPushes'],
  request: (q) => ({ api: 'private', path: 'pushlog/list', body: { to: q.to, limit: '200' } }),
  read: (answer) => {
    const entries = (answer as PushLogAnswer).entries;
    if (!Array.isArray(entries)) return reading({});
    const newest = new Map<string, LastPush>();
    // Entries come oldest first: a later answer for the same token replaces an earlier one.
    for (const entry of entries) {
      for (const a of entry?.apns ?? []) {
        if (a.status !== 'sent' && a.status !== 'failed') continue;
        newest.set(a.token, {
          token: a.token,
          status: a.status,
          ...(a.environment ? { environment: a.environment } : {}),
          ...(a.httpStatus ? { httpStatus: a.httpStatus } : {}),
          ...(a.reason ? { reason: a.reason } : {}),
          at: entry.time,
        });
      }
    }
    return reading(factsFrom({ lastPushes: [...newest.values()] }, 'relay:pushlog/list'));
  },
};
