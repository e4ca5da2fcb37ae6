/**
 * The facts the relay has about one message to one receiver, in the shared engine's terms. The
 * relay decides as the NIM server does: it knows accounts, sessions, relations and settings, but
 * never which APNs environment a token belongs to (the SDK uploads none), so tokens go to the
 * engine without one and APNs has the last word.
 */
import { defaultFact, fact, type CertFact, type Facts } from '../core/diagnosis/facts.js';
import type { Issue } from '../core/finding.js';
import type { PushParams } from '../core/nim/push-params.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { iosConnected } from './presence.js';
import type { RelayState, UserRecord } from './state.js';

export interface RelayCertInfo {
  name: string;
  environment: ApnsEnvironment;
  /** Findings of the credential inspector for this credential, when known. */
  issues?: Issue[];
  /** A PushKit certificate name (pkCername). */
  voip?: boolean;
}

export interface MessageFactsInput {
  state: RelayState;
  sender: UserRecord;
  receiver: UserRecord;
  push: PushParams;
  /** false for a custom system notification without push text: NIM pushes nothing then. */
  pushEnabled: boolean;
  payloadText?: string;
  certs: RelayCertInfo[];
  environment: ApnsEnvironment;
  /** Local `HH:MM` at the relay, compared with DND windows. */
  at: string;
}

export const localClock = (nowMs: number): string => {
  const d = new Date(nowMs);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

export function isForcePush(push: PushParams, receiver: string): boolean {
  return push.forcePushAll || push.forcePushList.map((a) => a.toLowerCase()).includes(receiver);
}

/** The app's certificate names as facts, built once per certificate list (the relay's never changes). */
const certFactsCache = new WeakMap<RelayCertInfo[], CertFact[]>();
function certFactsOf(certs: RelayCertInfo[]): CertFact[] {
  let facts = certFactsCache.get(certs);
  if (!facts) {
    facts = certs.map((c) => ({ name: c.name, environment: c.environment, ...(c.voip ? { voip: true } : {}) }));
    certFactsCache.set(certs, facts);
  }
  return facts;
}

/**
 * The facts of one message. Both accounts exist and the sender may send (the request was refused
 * otherwise). Written as one object literal, the message defaults first in the engine's order:
 * this runs per message, and such an object is used by the engine as it is (see `withDefaults`),
 * with fast property access, where a layered merge would copy it key by key.
 */
export function buildMessageFacts(input: MessageFactsInput): Facts {
  const { sender, receiver, push } = input;
  const relay = <T>(value: T) => fact(value, 'relay');
  const credentialIssues: Issue[] = [];
  for (const cert of input.certs) {
    // The credentials message pushes use: those of the APNs tokens.
    if (cert.issues?.length && receiver.tokens.some((t) => t.kind !== 'pushkit' && t.certName === cert.name)) credentialIssues.push(...cert.issues);
  }
  return {
    pushEnabled: relay(input.pushEnabled),
    needPushNick: relay(push.option.needPushNick),
    badge: relay(push.option.badge),
    forcePush: relay(isForcePush(push, receiver.accid)),
    // The relay does not read a silent push's flag from the payload: NIM's default.
    contentAvailable: defaultFact('contentAvailable'),
    receiverAccount: relay('exists' as const),
    senderAccount: relay('exists' as const),
    senderBanned: relay(false),
    senderChatBanned: relay(false),
    appState: relay(receiver.appState),
    iosOnline: relay(iosConnected(receiver)),
    login: relay(receiver.login),
    banned: relay(receiver.banned),
    nonFriendMessages: relay(input.state.nonFriendMessages),
    dnd: relay(receiver.dnd.on),
    dndWindow: relay(receiver.dnd.start && receiver.dnd.end ? { start: receiver.dnd.start, end: receiver.dnd.end } : null),
    desktopOnline: relay(receiver.desktopOnline || receiver.webOnline),
    pushWhenDesktopOnline: relay(receiver.pushWhenDesktopOnline && !receiver.donnop),
    // Alert pushes go to APNs tokens; PushKit tokens take VoIP pushes only.
    tokens: relay(receiver.tokens.filter((t) => t.kind !== 'pushkit').map((t) => ({ token: t.token, certName: t.certName || null, ...(t.unregistered ? { unregistered: true } : {}) }))),
    pushkitTokens: relay(receiver.tokens.filter((t) => t.kind === 'pushkit').map((t) => ({ token: t.token, certName: t.certName || null }))),
    friends: relay(receiver.friends.includes(sender.accid)),
    blacklisted: relay(receiver.blacklist.includes(sender.accid) || sender.blacklist.includes(receiver.accid)),
    muted: relay(receiver.mutelist.includes(sender.accid)),
    at: relay(input.at),
    pushContent: relay(push.pushcontent ?? ''),
    forcePushContent: relay(push.forcePushContent ?? ''),
    payload: relay(input.payloadText ?? ''),
    environment: fact(input.environment, 'profile'),
    certs: fact(certFactsOf(input.certs), 'profile'),
    credentialIssues: fact(credentialIssues, 'profile'),
  };
}
