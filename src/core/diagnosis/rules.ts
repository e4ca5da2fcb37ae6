/**
 * The rule table, in precedence order: the order in which the NIM server meets each check on
 * the way from `sendMsg` to APNs. The first error in this order is the blocking finding.
 */
import {
  blacklistRule,
  bannedRule,
  desktopOnlineRule,
  dndRule,
  foregroundRule,
  kickedRule,
  loggedOutRule,
  mutedRule,
  notFriendRule,
  notLoggedInRule,
} from './receiver-rules.js';
import { nimPayloadRule, pushContentRule, pushDisabledRule, silentRule } from './message-rules.js';
import { pushkitOnlyRule, pushkitUnderApnsCertRule } from './voip-rules.js';
import {
  apnsUnderPushkitRule,
  certNameMissingRule,
  certNameTooLongRule,
  certNameUnknownRule,
  credentialRule,
  envMismatchRule,
  notUploadedRule,
  pushLogRule,
  unregisteredRule,
} from './delivery-rules.js';
import { accountInvalidRule, accountNotFoundRule, senderBannedRule, senderChatBannedRule } from './account-rules.js';
import type { Rule } from './rule.js';

export const rules: readonly Rule[] = Object.freeze([
  // sendMsg validates its parameters first: an over-long one is refused (405) before anything else.
  pushContentRule,
  nimPayloadRule,
  // The accounts: an id that is no account, no such account, then a sender that may not send.
  accountInvalidRule,
  accountNotFoundRule,
  senderBannedRule,
  senderChatBannedRule,
  // The message asked for no push.
  pushDisabledRule,
  // The receiver's account: banned, then not logged in / logged out / kicked.
  bannedRule,
  notLoggedInRule,
  loggedOutRule,
  kickedRule,
  // Online on the long connection: delivered in-app, so there is no offline push.
  foregroundRule,
  // Relations decide whether the message is delivered at all.
  blacklistRule,
  notFriendRule,
  // The receiver's push settings: multiport, DND, then session mute.
  desktopOnlineRule,
  dndRule,
  mutedRule,
  // Where the push goes: tokens, then their certificate names, then the credential.
  notUploadedRule,
  pushkitOnlyRule,
  unregisteredRule,
  envMismatchRule,
  pushLogRule,
  certNameMissingRule,
  certNameTooLongRule,
  certNameUnknownRule,
  apnsUnderPushkitRule,
  credentialRule,
  // Calls: a PushKit token the call invitations cannot reach (messages are not affected).
  pushkitUnderApnsCertRule,
  // A silent push fires; this only notes that nothing is shown.
  silentRule,
]);

/** The catalogue ids in precedence order (the credential rule passes through other ids). */
export const PRECEDENCE: readonly string[] = Object.freeze(rules.map((r) => r.id));
