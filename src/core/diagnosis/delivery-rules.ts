/**
 * Rules about where the push goes: the receiver's tokens, their certificate names and
 * environments, and the credential behind them. A push fires when at least one token can take
 * it, so a bad token is an error only when no other token is usable (or may be).
 */
import { issue, type Issue } from '../finding.js';
import { catalogue } from '../catalogue/index.js';
import { CERT_NAME_MAX } from '../profile.js';
import type { FactKey, Facts, TokenFact } from './facts.js';
import { missing, type Parties, type Rule } from './rule.js';

interface TokenAssessment {
  /** undefined when the receiver's tokens are not known at all. */
  tokens?: TokenFact[];
  problems: Issue[];
  usable: TokenFact[];
  /** Facts that would settle the tokens whose fate is open; empty once a token is usable. */
  pending: FactKey[];
}

const shortenToken = (t: TokenFact): string => (t.token ? (t.token.length > 12 ? `${t.token.slice(0, 8)}…` : t.token) : '--token-env');

/** `--token-env` replays a ticket: it sets the environment of every token, or stands for one. */
function effectiveTokens(f: Facts): TokenFact[] | undefined {
  const tokens = f.tokens?.value;
  const env = f.tokenEnv?.value;
  if (!env) return tokens;
  return tokens?.length ? tokens.map((t) => ({ ...t, environment: env })) : [{ environment: env }];
}

/** Adds the token's problems; returns true when it can take the push. Only a token with no problem can leave facts pending. */
function checkToken(t: TokenFact, f: Facts, p: Parties, problems: Issue[], pending: Set<FactKey>): boolean {
  const before = problems.length;
  const token = shortenToken(t);
  if (t.unregistered) problems.push(issue('token.unregistered', { to: p.to, token }));
  if (t.certName === null || t.certName === '') problems.push(issue('certname.missing', { to: p.to, token }));
  else if (t.certName !== undefined && t.certName.length > CERT_NAME_MAX) {
    problems.push(issue('certname.too-long', { certName: t.certName, length: t.certName.length, max: CERT_NAME_MAX }));
  } else if (t.certName !== undefined && f.certs && !f.certs.value.some((c) => c.name === t.certName)) {
    problems.push(issue('certname.unknown', { certName: t.certName, to: p.to }));
  }
  const target = f.certs?.value.find((c) => c.name === t.certName)?.environment ?? f.environment?.value;
  const open: FactKey | undefined = t.environment === undefined ? 'tokenEnv' : target === undefined ? 'environment' : undefined;
  if (!open && t.environment !== target) {
    problems.push(issue('token.env-mismatch', { to: p.to, token, tokenEnv: t.environment, environment: target, certName: t.certName ?? undefined }));
  }
  if (problems.length > before) return false;
  if (open) pending.add(open);
  return !open;
}

/** Shared by the token and certname rules; cached per facts object since the relay runs it per message. */
const cache = new WeakMap<Facts, { parties: Parties; result: TokenAssessment }>();

export function assessTokens(f: Facts, p: Parties): TokenAssessment {
  const cached = cache.get(f);
  if (cached && cached.parties === p) return cached.result;
  const tokens = effectiveTokens(f);
  const problems: Issue[] = [];
  const pending = new Set<FactKey>();
  const usable = (tokens ?? []).filter((t) => checkToken(t, f, p, problems, pending));
  // A problem stops the push only when no token is left that does (or might) take it.
  const severity = usable.length || pending.size ? 'warning' : 'error';
  const result: TokenAssessment = {
    tokens,
    problems: problems.map((i) => ({ ...i, severity })),
    usable,
    pending: usable.length ? [] : [...pending],
  };
  cache.set(f, { parties: p, result });
  return result;
}

export const notUploadedRule: Rule = {
  id: 'token.not-uploaded',
  group: 'token',
  severity: 'error',
  needs: ['tokens', 'tokenEnv'],
  evaluate: (f, p) => {
    const { tokens } = assessTokens(f, p);
    if (!tokens) return missing('tokens');
    return tokens.length ? null : issue('token.not-uploaded', { to: p.to });
  },
};

function tokenProblemRule(id: string, group: 'token' | 'certname', needs: FactKey[], reportsPending = false): Rule {
  return {
    id,
    group,
    severity: 'error',
    needs,
    evaluate: (f, p) => {
      const a = assessTokens(f, p);
      const found = a.problems.filter((i) => i.id === id);
      if (found.length) return found;
      return reportsPending && a.pending.length ? missing(...a.pending) : null;
    },
  };
}

export const unregisteredRule = tokenProblemRule('token.unregistered', 'token', ['tokens']);
export const envMismatchRule = tokenProblemRule('token.env-mismatch', 'token', ['tokens', 'tokenEnv', 'environment', 'certs'], true);
export const certNameMissingRule = tokenProblemRule('certname.missing', 'certname', ['tokens']);
export const certNameTooLongRule = tokenProblemRule('certname.too-long', 'certname', ['tokens']);
export const certNameUnknownRule = tokenProblemRule('certname.unknown', 'certname', ['tokens', 'certs']);

/** Findings of the credential inspector (expired, wrong environment, …), merged as they are. */
export const credentialRule: Rule = {
  id: 'credential',
  group: 'credential',
  severity: 'error',
  needs: ['credentialIssues'],
  evaluate: (f) => {
    const items = f.credentialIssues?.value ?? [];
    if (!items.length) return null;
    // Severity decides the verdict, so resolve it here rather than at render time.
    return items.map((i) => (i.severity ? i : { ...i, severity: catalogue.get(i.id)?.severity ?? 'error' }));
  },
};
