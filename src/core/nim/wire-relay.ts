/**
 * The local relay's own API (device side, push log, capabilities): what no documented NIM
 * endpoint gives. Shared by the relay that answers and the client that reads. A relay that offers
 * it says so at `nim-push/capabilities`; nothing is ever concluded from its absence.
 */
import type { ApnsEnvironment } from '../profile.js';
import type { V1Answer } from './wire-v1.js';

/** The private endpoint that announces the private API. */
export const CAPABILITIES_PATH = 'nim-push/capabilities';
export const DEVICE_API = 'device-api';
export const PUSH_LOG = 'push-log';

export interface CapabilitiesAnswer extends V1Answer {
  server?: string;
  capabilities?: string[];
}

/** One uploaded device token, as the SDK's `updateApnsToken:` (or `updatePushKitToken:`) leaves it. */
export interface DeviceToken {
  token: string;
  /** The certificate name it is pushed with (`apnsCername`, or `pkCername` for PushKit). */
  certName: string;
  /** The build's APNs environment, only when it was given or proven; NIM itself never knows it. */
  environment?: ApnsEnvironment;
  /** `pushkit`: a VoIP token from `updatePushKitToken:`; absent: an APNs (alert) token. */
  kind?: 'pushkit';
  customContentKey?: string;
  updatedAt: number;
  /** APNs answered 410 for it: the app was removed or the token rotated. */
  unregistered?: boolean;
}

export type LoginState = 'online' | 'logged-out' | 'kicked' | 'never';
export type AppState = 'foreground' | 'background' | 'killed';

export interface DndSetting {
  on: boolean;
  /** `HH:MM`; the window may cross midnight. */
  start?: string;
  end?: string;
}

/** What `device/state` tells of a receiver (the IM login token is never included). */
export interface DeviceStateUser {
  accid: string;
  login: LoginState;
  appState: AppState;
  certName?: string;
  pkCertName?: string;
  tokens: DeviceToken[];
  dnd: DndSetting;
  /** The SDK's multiport setting (`shouldPushNotificationWhenPCOnline`). */
  pushWhenDesktopOnline: boolean;
  /** `user/setDonnop`: true = no mobile push while desktop or web is online. */
  donnop: boolean;
  desktopOnline: boolean;
  webOnline: boolean;
  banned: boolean;
  chatBanned: boolean;
  friends: string[];
  blacklist: string[];
  mutelist: string[];
}

export interface DeviceStateAnswer extends V1Answer {
  user?: DeviceStateUser;
  app?: { nonFriendMessages: 'allowed' | 'forbidden' };
}

/** One APNs attempt of a push. */
export interface PushLogApns {
  token: string;
  certName?: string;
  environment?: ApnsEnvironment;
  status: 'sent' | 'failed' | 'skipped';
  apnsId?: string;
  reason?: string;
  httpStatus?: number;
}

/** One decision of the relay: what became of one message (or why the request was refused). */
export interface PushLogEntry {
  id: number;
  time: string;
  kind: 'msg' | 'attach';
  msgid?: number;
  from: string;
  to: string;
  /** `refused`: the request was answered with an error and had no effect; `in-app`: delivered over the long connection; `push`: sent to APNs; `blocked`/`none`: nothing pushed. */
  delivery: 'in-app' | 'push' | 'blocked' | 'none' | 'refused';
  /** The error code and text a refused request was answered with. */
  refused?: { code: number; desc: string };
  verdict?: 'fires' | 'blocked' | 'unknown';
  findings: Array<{ id: string; params?: Record<string, string | number | undefined>; severity?: string }>;
  text?: string;
  apns?: PushLogApns[];
  /** The APNs payload the relay built (when the push fired). */
  payload?: Record<string, unknown>;
  /** The API version the message came in by. */
  api?: 'v1' | 'v2';
}

export interface PushLogAnswer extends V1Answer {
  entries?: PushLogEntry[];
}

/** A request header asking the local relay to add its report (`push`) to a send's answer; NIM's own answers have none. */
export const PUSH_REPORT_HEADER = 'x-nim-push-report';
