/**
 * The FAQ cases the demo replays (DESIGN.md `demo`), as data: how to arrange the receiver, what to
 * send, and what NIM documents should happen.
 */
import type { DemoRelay } from './demo-relay.js';
import { DEMO_CERT, DEMO_EXPIRED_CERT } from './demo-credentials.js';

export interface CaseExpectation {
  verdict: 'fires' | 'blocked';
  /** The finding that explains the outcome. */
  finding: string;
  /** The code the send answers, by API version (default 200). */
  sendCode?: { v1: number; v2: number };
  /**
   * What `diagnose` concludes afterwards, when it knows more than the relay did at send time
   * (the push log's APNs answer): default the relay's verdict and the same finding.
   */
  diagnose?: { verdict: 'fires' | 'blocked'; finding: string };
  /** The code the SDK's login answers (default 200). */
  loginCode?: number;
  /** The APNs reason when the push is sent and refused. */
  apnsReason?: string;
}

export interface CaseWorld {
  relay: DemoRelay;
  sender: string;
  receiver: string;
  /** A token bound to the development environment and the app's topic. */
  devToken(): Promise<string>;
  /** A token bound to the production environment (a release build's token). */
  prodToken(): Promise<string>;
}

export interface FaqCase {
  key: string;
  title: { en: string; zh: string };
  /** Certificate name the receiver logs in with (default the demo's development one). */
  certName?: string;
  /** Changes to the receiver after the standard set-up (logged in, background, token uploaded). */
  arrange?: (w: CaseWorld) => Promise<void>;
  /** Replaces the standard token upload. */
  token?: (w: CaseWorld) => Promise<{ token: string; certName: string }>;
  /** Force push, with this force-push text. */
  force?: { content: string };
  /** Undone after the case (app-wide settings). */
  restore?: (w: CaseWorld) => Promise<void>;
  expect: CaseExpectation;
}

export const FAQ_CASES: FaqCase[] = [
  {
    key: 'foreground',
    title: { en: 'app in the foreground', zh: 'App 在前台' },
    arrange: (w) => w.relay.appState(w.receiver, 'foreground').then(() => undefined),
    expect: { verdict: 'blocked', finding: 'receiver.foreground' },
  },
  {
    key: 'logged-out',
    title: { en: 'logged out', zh: '已登出' },
    arrange: (w) => w.relay.logout(w.receiver).then(() => undefined),
    expect: { verdict: 'blocked', finding: 'receiver.logged-out' },
  },
  {
    key: 'kicked',
    title: { en: 'kicked offline', zh: '被踢下线' },
    arrange: (w) => w.relay.kick(w.receiver).then(() => undefined),
    expect: { verdict: 'blocked', finding: 'receiver.kicked' },
  },
  {
    key: 'not-friend',
    title: { en: 'not friends, console forbids non-friend messages', zh: '非好友且控制台禁止非好友消息' },
    arrange: async (w) => {
      await w.relay.unfriend(w.sender, w.receiver);
      await w.relay.nonFriendMessages('forbidden');
    },
    restore: (w) => w.relay.nonFriendMessages('allowed').then(() => undefined),
    expect: { verdict: 'blocked', finding: 'relation.not-friend', sendCode: { v1: 403, v2: 104404 } },
  },
  {
    key: 'blacklisted',
    title: { en: 'receiver blacklisted the sender', zh: '接收方把发送方拉黑' },
    arrange: (w) => w.relay.blacklist(w.receiver, w.sender).then(() => undefined),
    expect: { verdict: 'blocked', finding: 'relation.blacklisted' },
  },
  {
    key: 'dnd',
    title: { en: 'do-not-disturb on', zh: '开启免打扰' },
    arrange: (w) => w.relay.dnd(w.receiver, true).then(() => undefined),
    expect: { verdict: 'blocked', finding: 'receiver.dnd' },
  },
  {
    key: 'dnd-force-push',
    title: { en: 'do-not-disturb on, force push', zh: '开启免打扰,强制推送' },
    arrange: (w) => w.relay.dnd(w.receiver, true).then(() => undefined),
    force: { content: '紧急:发来了一条消息' },
    expect: { verdict: 'fires', finding: 'force-push.overrides' },
  },
  {
    key: 'desktop-online',
    title: { en: 'desktop client online, no mobile push while it is', zh: '桌面端在线且设置桌面在线时手机不推送' },
    arrange: (w) => w.relay.desktopOnline(w.receiver),
    expect: { verdict: 'blocked', finding: 'receiver.desktop-online' },
  },
  {
    key: 'certname-too-long',
    title: { en: 'certificate name over 32 characters', zh: '推送证书名称超过 32 个字符' },
    certName: 'this-certificate-name-is-too-long-x',
    expect: { verdict: 'blocked', finding: 'certname.too-long', loginCode: 500 },
  },
  {
    key: 'token-wrong-env',
    title: { en: 'release-build token pushed with a development certificate', zh: '生产环境 token 配开发环境证书' },
    token: async (w) => ({ token: await w.prodToken(), certName: DEMO_CERT }),
    // NIM pushes (it never knows a token's environment) and APNs refuses; diagnose then reads the
    // refusal from the push log, so it says blocked.
    expect: { verdict: 'fires', finding: 'apns.BadDeviceToken', apnsReason: 'BadDeviceToken', diagnose: { verdict: 'blocked', finding: 'apns.BadDeviceToken' } },
  },
  {
    key: 'expired-cert',
    title: { en: 'expired push certificate', zh: '推送证书已过期' },
    token: async (w) => ({ token: await w.devToken(), certName: DEMO_EXPIRED_CERT }),
    expect: { verdict: 'blocked', finding: 'cert.expired' },
  },
];
