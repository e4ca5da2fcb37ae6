/**
 * Rules about where the push goes: the receiver's tokens, their certificate names and
 * environments, and the credential behind them. A push fires when at least one token can take
 * it, so a bad token is an error only when no other token is usable (or may be).
 */
import { issue, type Issue } from '../finding.js';
import { catalogue } from '../catalogue/index.js';
import { issueForApnsResponse } from '../catalogue/apns-reasons.js';
import { CERT_NAME_MAX } from '../profile.js';
import type { FactKey, Facts, TokenFact } from './facts.js';
import { missing, type Parties, type Rule, type RuleOptions } from './rule.js';

/** APNs answers that will come again for this token with this credential: the last push proves the next fails. */
const REPEATING_REFUSALS: ReadonlySet<string> = new Set([
  'BadDeviceToken',
  'DeviceTokenNotForTopic',
  'TopicDisallowed',
  'BadCertificate',
  'BadCertificateEnvironment',
  'InvalidProviderToken',
  'BadEnvironmentKeyIdInToken',
  'BadEnvironmentKeyInToken',
  'Forbidden',
]);

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

const lastPushOf = (t: TokenFact, f: Facts) => (t.token ? f.lastPushes?.value.find((l) => l.token === t.token) : undefined);

/** The token's environment as known: given, or proven by a push APNs accepted. */
function knownEnvironment(t: TokenFact, f: Facts): TokenFact['environment'] {
  if (t.environment) return t.environment;
  const last = lastPushOf(t, f);
  return last?.status === 'sent' ? last.environment : undefined;
}

/** Adds the token's problems; returns true when it can take the push. Only a token with no problem can leave facts pending. */
function checkToken(t: TokenFact, f: Facts, p: Parties, o: RuleOptions, problems: Issue[], pending: Set<FactKey>): boolean {
  const before = problems.length;
  const token = shortenToken(t);
  if (t.unregistered) problems.push(issue('token.unregistered', { to: p.to, token }));
  const last = lastPushOf(t, f);
  if (last?.status === 'failed' && last.reason && REPEATING_REFUSALS.has(last.reason)) {
    problems.push({ ...issueForApnsResponse(last.httpStatus ?? 400, last.reason), params: { status: last.httpStatus ?? 400, reason: last.reason, token, at: last.at } });
  }
  if (t.certName === null || t.certName === '') problems.push(issue('certname.missing', { to: p.to, token }));
  else if (t.certName !== undefined && t.certName.length > CERT_NAME_MAX) {
    problems.push(issue('certname.too-long', { certName: t.certName, length: t.certName.length, max: CERT_NAME_MAX }));
  } else if (t.certName !== undefined && f.certs && !f.certs.value.some((c) => c.name === t.certName)) {
    problems.push(issue('certname.unknown', { certName: t.certName, to: p.to }));
  } else if (t.certName && f.certs?.value.some((c) => c.name === t.certName && c.voip)) {
    // The SDK uploaded the APNs token with the PushKit name: pushes to it go to <bundle>.voip.
    problems.push(issue('token.apns-under-pushkit-cert', { to: p.to, certName: t.certName }));
  }
  const target = f.certs?.value.find((c) => c.name === t.certName)?.environment ?? f.environment?.value;
  const env = knownEnvironment(t, f);
  // The server pushes a token of unknown environment and lets APNs decide; diagnose asks for it.
  const open: FactKey | undefined = env === undefined ? (o.asServer ? undefined : 'tokenEnv') : target === undefined ? 'environment' : undefined;
  if (!open && env !== undefined && target !== undefined && env !== target) {
    problems.push(issue('token.env-mismatch', { to: p.to, token, tokenEnv: env, environment: target, certName: t.certName ?? undefined }));
  }
  if (problems.length > before) return false;
  if (open) pending.add(open);
  return !open;
}

/** Shared by the token and certname rules; cached per facts object since the relay runs it per message. */
const cache = new WeakMap<Facts, { parties: Parties; options: RuleOptions; result: TokenAssessment }>();

export function assessTokens(f: Facts, p: Parties, o: RuleOptions): TokenAssessment {
  const cached = cache.get(f);
  if (cached && cached.parties === p && cached.options === o) return cached.result;
  const tokens = effectiveTokens(f);
  const problems: Issue[] = [];
  const pending = new Set<FactKey>();
  const usable = (tokens ?? []).filter((t) => checkToken(t, f, p, o, problems, pending));
  // A problem stops the push only when no token is left that does (or might) take it.
  const severity = usable.length || pending.size ? 'warning' : 'error';
  const result: TokenAssessment = {
    tokens,
    problems: problems.map((i) => ({ ...i, severity })),
    usable,
    pending: usable.length ? [] : [...pending],
  };
  cache.set(f, { parties: p, options: o, result });
  return result;
}

export const notUploadedRule: Rule = {
  id: 'token.not-uploaded',
  group: 'token',
  severity: 'error',
  needs: ['tokens', 'tokenEnv'],
  evaluate: (f, p, o) => {
    const { tokens } = assessTokens(f, p, o);
    if (!tokens) return missing('tokens');
    // Only a PushKit token: its own finding (token.pushkit-alert) says why the message has nowhere to go.
    return tokens.length || f.pushkitTokens?.value.length ? null : issue('token.not-uploaded', { to: p.to });
  },
};

function tokenProblemRule(id: string, group: 'token' | 'certname', needs: FactKey[], reportsPending = false, matches = (found: string) => found === id): Rule {
  return {
    id,
    group,
    severity: 'error',
    needs,
    evaluate: (f, p, o) => {
      const a = assessTokens(f, p, o);
      const found = a.problems.filter((i) => matches(i.id));
      if (found.length) return found;
      return reportsPending && a.pending.length ? missing(...a.pending) : null;
    },
  };
}

export const unregisteredRule = tokenProblemRule('token.unregistered', 'token', ['tokens']);
export const envMismatchRule = tokenProblemRule('token.env-mismatch', 'token', ['tokens', 'tokenEnv', 'environment', 'certs'], true);
/** The push log's last APNs answer for a token refused it in a way that repeats (`apns.<Reason>`). */
export const pushLogRule = tokenProblemRule('push-log', 'token', ['tokens', 'lastPushes'], false, (found) => found.startsWith('apns.'));
export const certNameMissingRule = tokenProblemRule('certname.missing', 'certname', ['tokens']);
export const certNameTooLongRule = tokenProblemRule('certname.too-long', 'certname', ['tokens']);
export const certNameUnknownRule = tokenProblemRule('certname.unknown', 'certname', ['tokens', 'certs']);
export const apnsUnderPushkitRule = tokenProblemRule('token.apns-under-pushkit-cert', 'certname', ['tokens', 'certs']);

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
