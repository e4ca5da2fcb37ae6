/**
 * The one place that decides whether a push fires. `diagnose`, `send`, `demo` and the local
 * relay's push decision all call `evaluate`; it is pure and cheap enough to run per message.
 */
import type { Issue } from '../finding.js';
import { assessTokens } from './delivery-rules.js';
import { withDefaults, type FactKey, type Facts, type TokenFact } from './facts.js';
import { flagFor } from './flags.js';
import { isMissing, type Parties, type Rule, type RuleGroup, type RuleOptions } from './rule.js';
import { rules as allRules } from './rules.js';

export type Verdict = 'fires' | 'blocked' | 'unknown';

export interface MissingFact {
  fact: FactKey;
  /** The flag that supplies it, e.g. `--app-state`. */
  flag: string;
}

export interface EvaluateOptions {
  /** Receiver and sender accids, used in finding texts. */
  to?: string;
  from?: string;
  /** Run only these rule groups (e.g. a direct send has no receiver or relation facts). */
  groups?: readonly RuleGroup[];
  /** Decide as the NIM server does (see RuleOptions.asServer); default false, as diagnose does. */
  asServer?: boolean;
}

const AS_DIAGNOSE: RuleOptions = Object.freeze({ asServer: false });
const AS_SERVER: RuleOptions = Object.freeze({ asServer: true });

export interface Evaluation {
  verdict: Verdict;
  /** The first error in precedence order; present exactly when the verdict is `blocked`. */
  blocking?: Issue;
  /** Every issue, each with its severity: the blocking one first, the rest in precedence order. */
  issues: Issue[];
  /** Facts some rule needed and did not have, each once, in precedence order. */
  missing: MissingFact[];
  /** The facts used, with message-option defaults filled in (source `default`). */
  facts: Facts;
  /** The tokens the push goes to when it fires; empty otherwise. */
  deliverTo: TokenFact[];
}

function runRule(rule: Rule, facts: Facts, parties: Parties, options: RuleOptions, issues: Issue[], missing: Set<FactKey>): void {
  const result = rule.evaluate(facts, parties, options);
  if (result === null) return;
  if (isMissing(result)) {
    for (const key of result.missing) missing.add(key);
    return;
  }
  for (const item of Array.isArray(result) ? result : [result]) {
    issues.push(item.severity ? item : { ...item, severity: rule.severity });
  }
}

/**
 * Runs every rule. Blocked when any error fires (whatever else is unknown); unknown when none
 * fires but a needed fact is missing; fires otherwise.
 */
export function evaluate(input: Facts, options: EvaluateOptions = {}): Evaluation {
  const facts = withDefaults(input);
  const parties: Parties = { to: options.to ?? 'receiver', from: options.from ?? 'sender' };
  const groups = options.groups;
  const ruleOptions = options.asServer ? AS_SERVER : AS_DIAGNOSE;
  const issues: Issue[] = [];
  const missingKeys = new Set<FactKey>();
  // An index loop: the relay runs this per message, and for…of here allocated an iterator result per rule.
  for (let i = 0; i < allRules.length; i++) {
    const rule = allRules[i];
    if (!groups || groups.includes(rule.group)) runRule(rule, facts, parties, ruleOptions, issues, missingKeys);
  }
  const blocking = issues.find((i) => i.severity === 'error');
  const missing = missingKeys.size ? [...missingKeys].map((fact) => ({ fact, flag: flagFor(fact) })) : [];
  const verdict: Verdict = blocking ? 'blocked' : missing.length ? 'unknown' : 'fires';
  return {
    verdict,
    ...(blocking ? { blocking } : {}),
    issues: blocking ? [blocking, ...issues.filter((i) => i !== blocking)] : issues,
    missing,
    facts,
    deliverTo: verdict === 'fires' ? assessTokens(facts, parties, ruleOptions).usable : [],
  };
}
