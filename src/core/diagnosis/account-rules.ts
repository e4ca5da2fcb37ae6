/**
 * Rules about the two accounts: an id that cannot be an account, an account that does not exist,
 * a sender that may not send. NIM refuses such a message outright, so these come before every
 * rule that would read the missing account's state (an unknown account is not "logged out").
 * They block only on a known-bad fact: an account whose state is unknown is not asked for.
 */
import { issue, type Issue } from '../finding.js';
import type { AccountState, Facts } from './facts.js';
import type { Parties, Rule } from './rule.js';

function accountIssues(f: Facts, p: Parties, state: Exclude<AccountState, 'exists'>, id: string): Issue[] | null {
  const found: Issue[] = [];
  if (f.receiverAccount?.value === state) found.push(issue(id, { role: 'receiver', accid: p.to }));
  if (f.senderAccount?.value === state) found.push(issue(id, { role: 'sender', accid: p.from }));
  return found.length ? found : null;
}

export const accountInvalidRule: Rule = {
  id: 'account.invalid',
  group: 'account',
  severity: 'error',
  needs: ['receiverAccount', 'senderAccount'],
  evaluate: (f, p) => accountIssues(f, p, 'invalid', 'account.invalid'),
};

export const accountNotFoundRule: Rule = {
  id: 'account.not-found',
  group: 'account',
  severity: 'error',
  needs: ['receiverAccount', 'senderAccount'],
  evaluate: (f, p) => accountIssues(f, p, 'not-found', 'account.not-found'),
};

export const senderBannedRule: Rule = {
  id: 'sender.banned',
  group: 'account',
  severity: 'error',
  needs: ['senderBanned'],
  evaluate: (f, p) => (f.senderBanned?.value ? issue('sender.banned', { from: p.from }) : null),
};

export const senderChatBannedRule: Rule = {
  id: 'sender.chat-banned',
  group: 'account',
  severity: 'error',
  needs: ['senderChatBanned'],
  evaluate: (f, p) => (f.senderChatBanned?.value ? issue('sender.chat-banned', { from: p.from }) : null),
};
