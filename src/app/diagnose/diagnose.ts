/**
 * Would a push to this receiver fire, and if not, the one rule that blocks it. Facts come from
 * flags, the profile and its credentials, and the relay (documented endpoints first, the relay's
 * own device API where it has one); flags beat everything.
 */
import type { Context } from '../../context.js';
import { describe, describeAll } from '../../core/catalogue/index.js';
import { evaluate } from '../../core/diagnosis/engine.js';
import { fact, factsFrom, factsFromProfile, mergeFacts, sourceKind, type FactKey, type Facts, type FactValues } from '../../core/diagnosis/facts.js';
import { factsFromFlags, flagFor } from '../../core/diagnosis/flags.js';
import { bilingual, UsageError } from '../../core/errors.js';
import { issue, type Issue } from '../../core/finding.js';
import { accidProblem, normalizeAccid } from '../../core/nim/accid.js';
import { pickCert, type Profile } from '../../core/profile.js';
import { normalizeToken } from '../../core/token.js';
import type { DiagnosisData } from '../../output/diagnosis-view.js';
import { openRelay, relayAccessFromProfile } from '../nim-access.js';
import { findProfile } from '../profiles.js';
import { credentialFacts } from './credential-facts.js';
import { gatherRelayFacts, type RelayFacts } from './gather.js';

export interface DiagnoseOptions {
  to?: string;
  from?: string;
  /** `--token`: stands for one uploaded token. */
  token?: string;
  certName?: string;
  /** commander's options: the fact flags (`appState`, `login`, …) are read from here. */
  flags: Record<string, unknown>;
  relay?: string;
  timeout?: string;
  api?: string;
}

/** Facts no documented NIM endpoint gives: only a relay's own device API (or a flag) has them. */
const DEVICE_ONLY: readonly FactKey[] = ['appState', 'dnd', 'dndWindow', 'tokens', 'tokenEnv', 'nonFriendMessages', 'pushWhenDesktopOnline'];

const clockOf = (d: Date): string => `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;

export async function diagnose(opts: DiagnoseOptions, ctx: Context): Promise<DiagnosisData> {
  const flagFacts = factsFromFlags(opts.flags);
  const { name, profile } = findProfile(ctx);
  if (!profile && ctx.profileExplicit) {
    throw new UsageError(bilingual(`No profile '${name}'. Run \`nim-push init --profile ${name}\`, or leave --profile out to diagnose from flags alone.`, `没有名为 '${name}' 的配置。请运行 \`nim-push init --profile ${name}\`,或去掉 --profile 仅用参数诊断。`), 'config.no-profile', { profile: name });
  }
  const notes: Issue[] = [];
  const to = opts.to === undefined ? undefined : opts.to.trim();
  const from = opts.from === undefined ? undefined : opts.from.trim();
  const accounts = accountFormatFacts(to, from);
  const tokenFacts = tokenFlagFacts(opts.token, opts.certName, flagFacts, profile, notes);
  const base = mergeFacts(profile ? factsFromProfile(profile) : {}, tokenFacts, flagFacts, accounts);

  let relay: RelayFacts | undefined;
  const receiverValid = to !== undefined && accounts.receiverAccount === undefined;
  if (receiverValid && evaluate(base, { to, from }).missing.length > 0) {
    if (!profile) throw new UsageError(bilingual('No profile to reach the relay with. Give the facts as flags (see --help), or run `nim-push init`.', '没有可用于连接中转服务的配置。请用参数给出事实(见 --help),或运行 `nim-push init`。'), 'config.no-profile');
    const open = await openRelay(relayAccessFromProfile(ctx, { relay: opts.relay, timeout: opts.timeout, api: opts.api }, profile), ctx);
    const given = new Set(Object.entries(base).filter(([, f]) => f && sourceKind(f.source) === 'flag').map(([k]) => k as FactKey));
    const senderValid = from !== undefined && accounts.senderAccount === undefined;
    relay = await gatherRelayFacts(open, { to: normalizeAccid(to), ...(senderValid ? { from: normalizeAccid(from) } : {}), nowMs: ctx.now().getTime() }, given, ctx);
    notes.push(...relay.issues);
  }

  let facts = mergeFacts(base, relay?.facts ?? {}, flagFacts, accounts);
  facts = mergeFacts(facts, await credentialFacts(facts, profile, ctx));
  // A DND window needs a send time: without --at, the question is "would it fire now".
  if (facts.dndWindow?.value && !facts.at) facts = { ...facts, at: fact(clockOf(ctx.now()), 'default') };

  const evaluation = evaluate(facts, { to, from });
  const missingDeviceFacts = evaluation.missing.filter((m) => DEVICE_ONLY.includes(m.fact));
  if (relay && !relay.deviceApi && missingDeviceFacts.length) {
    notes.push(issue('relay.documented-only', { url: relay.url, flags: [...new Set(missingDeviceFacts.map((m) => m.flag))].join(' ') }));
  }
  if (evaluation.missing.some((m) => m.fact === 'tokenEnv')) notes.push(tokenEnvHint(facts));
  const findings = describeAll([...evaluation.issues, ...notes], ctx.lang);
  return {
    ok: evaluation.verdict === 'fires',
    verdict: evaluation.verdict,
    ...(to !== undefined ? { to } : {}),
    ...(evaluation.blocking ? { blocking: describe(evaluation.blocking, ctx.lang) } : {}),
    findings,
    missing: evaluation.missing,
    facts: evaluation.facts,
    ...(relay ? { relay: relay.url, requests: relay.requests } : {}),
  };
}

/** An id that cannot be an account is known without asking anyone. */
function accountFormatFacts(to: string | undefined, from: string | undefined): Facts {
  const values: Partial<FactValues> = {};
  if (to !== undefined && accidProblem(to)) values.receiverAccount = 'invalid';
  if (from !== undefined && accidProblem(from)) values.senderAccount = 'invalid';
  return factsFrom(values, 'flag');
}

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

/** Which environment a token belongs to is a question `token probe` answers. */
function tokenEnvHint(facts: Facts): Issue {
  const token = facts.tokens?.value.find((t) => t.token && !t.environment)?.token;
  return issue('token.env-unknown', { token: token ?? '<token>', flag: flagFor('tokenEnv') });
}
