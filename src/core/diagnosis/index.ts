/** The diagnosis engine's public API. */
export { evaluate, type Evaluation, type EvaluateOptions, type MissingFact, type Verdict } from './engine.js';
export {
  fact,
  factsFrom,
  factsFromProfile,
  mergeFacts,
  valuesOf,
  withDefaults,
  MESSAGE_DEFAULTS,
  type AppState,
  type CertFact,
  type DndWindow,
  type Fact,
  type FactKey,
  type Facts,
  type FactSource,
  type FactValues,
  type LoginState,
  type NonFriendPolicy,
  type TokenFact,
} from './facts.js';
export { DIAGNOSE_FLAGS, FlagValueError, factsFromFlags, flagFor, type FactFlag } from './flags.js';
export { formatWindow, isInWindow, parseClock, parseWindow } from './clock.js';
export { rules, PRECEDENCE } from './rules.js';
export { NIM_PAYLOAD_MAX, PUSH_CONTENT_MAX } from './message-rules.js';
export type { Parties, Rule, RuleGroup, RuleResult } from './rule.js';
