/** The facts the relay knows about one message to one receiver, in the shared engine's terms. */
import { fact, factsFrom, type CertFact, type Facts, type FactValues } from '../core/diagnosis/index.js';
import type { Issue } from '../core/finding.js';
import type { PushParams } from '../core/nim/push-params.js';
import type { ApnsEnvironment } from '../core/profile.js';
import type { RelayState, UserRecord } from './state.js';

export interface RelayCertInfo {
  name: string;
  environment: ApnsEnvironment;
  /** Findings of the credential inspector for this credential, when known. */
  issues?: Issue[];
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

/** The receiver's side (and its relation to the sender) as plain values; see `receiverFacts`. */
function receiverValues(
  receiver: Omit<UserRecord, 'imToken'>,
  sender: Pick<UserRecord, 'accid' | 'blacklist'> | undefined,
  nonFriendMessages: RelayState['nonFriendMessages'],
): Partial<FactValues> {
  const values: Partial<FactValues> = {
    appState: receiver.appState,
    login: receiver.login,
    banned: receiver.banned,
    nonFriendMessages,
    dnd: receiver.dnd.on,
    dndWindow: receiver.dnd.start && receiver.dnd.end ? { start: receiver.dnd.start, end: receiver.dnd.end } : null,
    desktopOnline: receiver.desktopOnline || receiver.webOnline,
    pushWhenDesktopOnline: receiver.pushWhenDesktopOnline && !receiver.donnop,
    tokens: receiver.tokens.map((t) => ({ token: t.token, certName: t.certName || null, environment: t.environment, ...(t.unregistered ? { unregistered: true } : {}) })),
  };
  if (sender) {
    values.friends = receiver.friends.includes(sender.accid);
    values.blacklisted = receiver.blacklist.includes(sender.accid) || sender.blacklist.includes(receiver.accid);
    values.muted = receiver.mutelist.includes(sender.accid);
  }
  return values;
}

/**
 * What the relay knows of a receiver (and of its relation to the sender), in the engine's terms.
 * Shared by the relay's own push decision and by `diagnose`, so both read the state the same way.
 */
export function receiverFacts(
  receiver: Omit<UserRecord, 'imToken'>,
  sender: Pick<UserRecord, 'accid' | 'blacklist'> | undefined,
  nonFriendMessages: RelayState['nonFriendMessages'],
): Facts {
  return factsFrom(receiverValues(receiver, sender, nonFriendMessages), 'relay');
}

/** The app's certificate names as facts, built once per certificate list (the relay's never changes). */
const certFactsCache = new WeakMap<RelayCertInfo[], CertFact[]>();
function certFactsOf(certs: RelayCertInfo[]): CertFact[] {
  let facts = certFactsCache.get(certs);
  if (!facts) {
    facts = certs.map((c) => ({ name: c.name, environment: c.environment }));
    certFactsCache.set(certs, facts);
  }
  return facts;
}

/**
 * The facts of one message: the app's credentials (source `profile`), the receiver and the message
 * itself (source `relay`). The layers share no key, so they are written into one object rather
 * than built apart and merged: this runs for every message the relay handles.
 */
export function buildMessageFacts(input: MessageFactsInput): Facts {
  const { sender, receiver, push } = input;
  const values = receiverValues(receiver, sender, input.state.nonFriendMessages);
  values.at = input.at;
  values.forcePush = isForcePush(push, receiver.accid);
  values.pushEnabled = input.pushEnabled;
  values.needPushNick = push.option.needPushNick;
  values.badge = push.option.badge;
  values.pushContent = push.pushcontent ?? '';
  values.forcePushContent = push.forcePushContent ?? '';
  values.payload = input.payloadText ?? '';
  const facts = factsFrom(values, 'relay');
  const credentialIssues: Issue[] = [];
  for (const cert of input.certs) {
    if (cert.issues?.length && receiver.tokens.some((t) => t.certName === cert.name)) credentialIssues.push(...cert.issues);
  }
  facts.environment = fact(input.environment, 'profile');
  facts.certs = fact(certFactsOf(input.certs), 'profile');
  facts.credentialIssues = fact(credentialIssues, 'profile');
  return facts;
}
