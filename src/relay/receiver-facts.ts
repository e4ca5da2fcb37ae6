/**
 * The facts the relay has about one message to one receiver, in the shared engine's terms. The
 * relay decides as the NIM server does: it knows accounts, sessions, relations and settings, but
 * never which APNs environment a token belongs to (the SDK uploads none), so tokens go to the
 * engine without one and APNs has the last word.
 */
import { fact, factsFrom, type CertFact, type Facts, type FactValues } from '../core/diagnosis/facts.js';
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
 * otherwise). Written into one object rather than merged from layers: this runs per message.
 */
export function buildMessageFacts(input: MessageFactsInput): Facts {
  const { sender, receiver, push } = input;
  const values: Partial<FactValues> = {
    receiverAccount: 'exists',
    senderAccount: 'exists',
    senderBanned: false,
    senderChatBanned: false,
    appState: receiver.appState,
    iosOnline: iosConnected(receiver),
    login: receiver.login,
    banned: receiver.banned,
    nonFriendMessages: input.state.nonFriendMessages,
    dnd: receiver.dnd.on,
    dndWindow: receiver.dnd.start && receiver.dnd.end ? { start: receiver.dnd.start, end: receiver.dnd.end } : null,
    desktopOnline: receiver.desktopOnline || receiver.webOnline,
    pushWhenDesktopOnline: receiver.pushWhenDesktopOnline && !receiver.donnop,
    // Alert pushes go to APNs tokens; PushKit tokens take VoIP pushes only.
    tokens: receiver.tokens.filter((t) => t.kind !== 'pushkit').map((t) => ({ token: t.token, certName: t.certName || null, ...(t.unregistered ? { unregistered: true } : {}) })),
    pushkitTokens: receiver.tokens.filter((t) => t.kind === 'pushkit').map((t) => ({ token: t.token, certName: t.certName || null })),
    friends: receiver.friends.includes(sender.accid),
    blacklisted: receiver.blacklist.includes(sender.accid) || sender.blacklist.includes(receiver.accid),
    muted: receiver.mutelist.includes(sender.accid),
    at: input.at,
    forcePush: isForcePush(push, receiver.accid),
    pushEnabled: input.pushEnabled,
    needPushNick: push.option.needPushNick,
    badge: push.option.badge,
    pushContent: push.pushcontent ?? '',
    forcePushContent: push.forcePushContent ?? '',
    payload: input.payloadText ?? '',
  };
  const facts = factsFrom(values, 'relay');
  const credentialIssues: Issue[] = [];
  for (const cert of input.certs) {
    // The credentials message pushes use: those of the APNs tokens.
    if (cert.issues?.length && receiver.tokens.some((t) => t.kind !== 'pushkit' && t.certName === cert.name)) credentialIssues.push(...cert.issues);
  }
  facts.environment = fact(input.environment, 'profile');
  facts.certs = fact(certFactsOf(input.certs), 'profile');
  facts.credentialIssues = fact(credentialIssues, 'profile');
  return facts;
}
