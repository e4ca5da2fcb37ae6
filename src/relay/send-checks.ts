/**
 * Who may send to whom, checked before a message is taken: both accounts exist, the sender is
 * neither disabled nor muted, and (when required) the two are friends. Shared by v1 and v2,
 * which answer the same refusal with their own codes.
 */
import { issue, type Issue } from '../core/finding.js';
import { ACCID_MAX } from '../core/nim/accid.js';
import { str, type HandlerContext } from './handler.js';
import type { UserRecord } from './state.js';

export interface Parties {
  from: string;
  to: string;
}

/** Why a send is refused, with the code each API version answers and the finding the push log keeps. */
export interface Refusal {
  v1: number;
  v2: number;
  desc: string;
  issue: Issue;
  parties: Partial<Parties>;
}

export interface PartyRules {
  /** The request asked for friends only (`checkFriend`, v2 `p2p_option.check_friend`). */
  checkFriend: boolean;
  /** Custom notifications do not follow the console's non-friend setting. */
  ignoreNonFriendPolicy?: boolean;
  /** Field names of the two accounts (v1 `from`/`to`; v2 passes them in directly). */
  fromField?: string;
  toField?: string;
  from?: string;
  to?: string;
}

const param = (v1: number, v2: number, desc: string, parties: Partial<Parties>): Refusal => ({ v1, v2, desc, parties, issue: issue('relay.error', { code: v1, desc, kind: 'parameter' }) });

export function checkParties(ctx: HandlerContext, rules: PartyRules): { sender: UserRecord; receiver: UserRecord } | { refusal: Refusal } {
  const fromField = rules.fromField ?? 'from';
  const toField = rules.toField ?? 'to';
  const from = (rules.from ?? str(ctx.params, fromField) ?? '').toLowerCase();
  const to = (rules.to ?? str(ctx.params, toField) ?? '').toLowerCase();
  const parties = { from, to };
  for (const [field, accid] of [[fromField, from], [toField, to]] as const) {
    if (!accid) return { refusal: param(414, 414, `${field} is missing`, parties) };
    if (accid.length > ACCID_MAX) return { refusal: param(405, 414, `${field} longer than ${ACCID_MAX} characters`, parties) };
  }
  const sender = ctx.state.users[from];
  const receiver = ctx.state.users[to];
  for (const [role, accid, user] of [['sender', from, sender], ['receiver', to, receiver]] as const) {
    if (!user) return { refusal: { v1: 404, v2: 102404, desc: `${accid} does not exist`, parties, issue: issue('account.not-found', { role, accid }) } };
  }
  if (sender.banned) return { refusal: { v1: 301, v2: 102422, desc: `${from} is banned`, parties, issue: issue('sender.banned', { from }) } };
  if (sender.mute || sender.chatBanned) return { refusal: { v1: 403, v2: 102421, desc: `${from} is muted and may not send`, parties, issue: issue('sender.chat-banned', { from }) } };
  const friends = receiver.friends.includes(from);
  if (!friends && (rules.checkFriend || (!rules.ignoreNonFriendPolicy && ctx.state.nonFriendMessages === 'forbidden'))) {
    return { refusal: { v1: 403, v2: 104404, desc: `${from} and ${to} are not friends and non-friend messages are forbidden`, parties, issue: issue('relation.not-friend', { to, from }) } };
  }
  return { sender, receiver };
}
