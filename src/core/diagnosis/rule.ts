/** The shape of one diagnosis rule: a small pure function over the facts. */
import type { Issue, Severity } from '../finding.js';
import type { FactKey, Facts } from './facts.js';

export type RuleGroup = 'message' | 'account' | 'receiver' | 'relation' | 'token' | 'certname' | 'credential';

/** Who the message goes between; used in finding texts. */
export interface Parties {
  to: string;
  from: string;
}

/** How the decision is taken. */
export interface RuleOptions {
  /**
   * Decide as the NIM server does. It never knows which APNs environment a token belongs to (the
   * SDK uploads none), so an unknown token environment does not hold its push back: APNs decides.
   */
  asServer: boolean;
}

/** What a rule can say: nothing (null), one or more issues, or which facts it lacks. */
export type RuleResult = Issue | Issue[] | null | { missing: FactKey[] };

export interface Rule {
  /** The catalogue id the rule emits (the credential rule passes other ids through). */
  id: string;
  group: RuleGroup;
  /** Severity stamped on issues that carry none. */
  severity: Severity;
  /** Every fact the rule may read; it reports the ones it actually lacked. */
  needs: readonly FactKey[];
  evaluate(facts: Facts, parties: Parties, options: RuleOptions): RuleResult;
}

export const missing = (...keys: FactKey[]): { missing: FactKey[] } => ({ missing: keys });

export const isMissing = (result: RuleResult): result is { missing: FactKey[] } =>
  result !== null && !Array.isArray(result) && 'missing' in result;

