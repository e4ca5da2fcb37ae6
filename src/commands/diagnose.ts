/** `nim-push diagnose`: would a push to this receiver fire, and if not, the one rule that blocks it. */
import type { CommandRunner } from '../command-loaders.js';
import type { Context } from '../context.js';
import { describe, describeAll } from '../core/catalogue/index.js';
import {
  evaluate,
  fact,
  factsFrom,
  factsFromFlags,
  factsFromProfile,
  mergeFacts,
  type Evaluation,
  type Facts,
} from '../core/diagnosis/index.js';
import type { Issue } from '../core/finding.js';
import { normalizeToken } from '../core/token.js';
import { pickCert, type Profile } from '../core/profile.js';
import { openConfigStore } from '../adapters/config-store.js';
import { resolveProfileName } from '../adapters/profile-resolver.js';
import { relayAccessFromProfile } from '../adapters/relay-access-profile.js';
import { inspectCertEntry } from '../adapters/credential-files.js';
import { gatherRelayFacts } from '../adapters/relay-facts.js';
import { UsageError } from '../errors.js';
import { renderDiagnosis, type DiagnosisData } from '../output/diagnosis-view.js';
import { str } from './option-values.js';

const nowClock = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export const run: CommandRunner = async (_args, opts, ctx) => {
  const to = str(opts.to);
  const from = str(opts.from);
  const flagFacts = factsFromFlags(opts);
  const store = openConfigStore(ctx.configDir);
  const profile = store.getProfile(resolveProfileName(ctx, store));
  const notes: Issue[] = [];

  const tokenFacts = tokenFlagFacts(str(opts.token), str(opts.certName), flagFacts, profile, notes);
  const base = mergeFacts(profile ? factsFromProfile(profile) : {}, tokenFacts, flagFacts);

  // Every fact given: a ticket replays with no relay at all.
  let relayFacts: Facts = {};
  let relayUrl: string | undefined;
  if (evaluate(base, { to, from }).missing.length > 0 && to) {
    if (!profile) throw new UsageError(`No profile to reach the relay with. Give the facts as flags (see --help), or run \`nim-push init\`.`, 'config.no-profile');
    const gathered = await gatherRelayFacts(relayAccessFromProfile(ctx, opts, profile), to, from, ctx);
    relayFacts = gathered.facts;
    relayUrl = gathered.url;
    notes.push(...gathered.issues);
  }

  let facts = mergeFacts(base, relayFacts, flagFacts);
  facts = mergeFacts(facts, await credentialFacts(facts, profile, ctx));
  // A DND window needs a send time: without --at, the question is "would it fire now".
  if (facts.dndWindow?.value && !facts.at) facts = { ...facts, at: fact(nowClock(ctx.now()), 'default') };

  const evaluation = evaluate(facts, { to, from });
  return toResult(evaluation, notes, relayUrl, ctx, to);
};

/** `--token` stands for one uploaded token; its certificate name is `--cert-name` or the profile's. */
function tokenFlagFacts(raw: string | undefined, certName: string | undefined, flags: Facts, profile: Profile | undefined, notes: Issue[]): Facts {
  if (raw === undefined) return {};
  const normalized = normalizeToken(raw);
  notes.push(...normalized.issues);
  if (!normalized.token) return {};
  const env = flags.tokenEnv?.value;
  const cert = certName ?? (profile ? pickCert(profile, { environment: flags.environment?.value })?.name : undefined);
  return factsFrom({ tokens: [{ token: normalized.token, certName: cert ?? null, ...(env ? { environment: env } : {}) }] }, 'flag');
}

/** The inspector's findings for the credentials the receiver's tokens are pushed with. */
async function credentialFacts(facts: Facts, profile: Profile | undefined, ctx: Context): Promise<Facts> {
  if (!profile) return {};
  const names = new Set((facts.tokens?.value ?? []).map((t) => t.certName).filter((n): n is string => Boolean(n)));
  if (names.size === 0) {
    const fallback = pickCert(profile, { environment: facts.environment?.value });
    if (fallback) names.add(fallback.name);
  }
  const issues: Issue[] = [];
  for (const cert of profile.certs.filter((c) => names.has(c.name))) {
    try {
      const report = await inspectCertEntry(cert, { env: ctx.env, bundleId: profile.bundleId, now: ctx.now() });
      issues.push(...report.issues.filter((i) => !i.id.startsWith('certname.')));
    } catch (error) {
      // An unreadable credential file is itself the finding: the relay could not push with it.
      if (error instanceof UsageError && error.code === 'file.unreadable') issues.push({ id: 'p12.unreadable', params: { detail: error.message }, severity: 'error' });
      else throw error;
    }
  }
  return issues.length ? { credentialIssues: fact(issues, 'credential') } : {};
}

function toResult(evaluation: Evaluation, notes: Issue[], relayUrl: string | undefined, ctx: Context, to: string | undefined) {
  const findings = describeAll([...evaluation.issues, ...notes], ctx.lang);
  const data: DiagnosisData = {
    ok: evaluation.verdict === 'fires',
    verdict: evaluation.verdict,
    ...(to ? { to } : {}),
    ...(evaluation.blocking ? { blocking: describe(evaluation.blocking, ctx.lang) } : {}),
    findings,
    missing: evaluation.missing,
    facts: evaluation.facts,
    ...(relayUrl ? { relay: relayUrl } : {}),
  };
  return { exitCode: evaluation.verdict === 'fires' ? (0 as const) : (1 as const), data, human: renderDiagnosis(data, ctx.lang, ctx.verbose) };
}
