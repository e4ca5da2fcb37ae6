/** The facts the relay knows about one message to one receiver, in the shared engine's terms. */
import { factsFrom, mergeFacts, type Facts, type FactValues } from '../core/diagnosis/index.js';
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

/**
 * What the relay knows of a receiver (and of its relation to the sender), in the engine's terms.
 * Shared by the relay's own push decision and by `diagnose`, so both read the state the same way.
 */
export function receiverFacts(
  receiver: Omit<UserRecord, 'imToken'>,
  sender: Pick<UserRecord, 'accid' | 'blacklist'> | undefined,
  nonFriendMessages: RelayState['nonFriendMessages'],
): Facts {
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
  return factsFrom(values, 'relay');
}

export function buildMessageFacts(input: MessageFactsInput): Facts {
  const { sender, receiver, push } = input;
  const usedCerts = new Set(receiver.tokens.map((t) => t.certName));
  const credentialIssues = input.certs.filter((c) => usedCerts.has(c.name)).flatMap((c) => c.issues ?? []);
  const messageFacts = factsFrom(
    {
      at: input.at,
      forcePush: isForcePush(push, receiver.accid),
      pushEnabled: input.pushEnabled,
      needPushNick: push.option.needPushNick,
      badge: push.option.badge,
      pushContent: push.pushcontent ?? '',
      forcePushContent: push.forcePushContent ?? '',
      payload: input.payloadText ?? '',
    },
    'relay',
  );
  const appFacts = factsFrom(
    {
      environment: input.environment,
      certs: input.certs.map((c) => ({ name: c.name, environment: c.environment })),
      credentialIssues,
    },
    'profile',
  );
  return mergeFacts(appFacts, receiverFacts(receiver, sender, input.state.nonFriendMessages), messageFacts);
}
