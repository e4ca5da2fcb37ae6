/**
 * Gathers a receiver's facts from a relay through the endpoints NetEase documents (v1 or v2),
 * plus the relay's own device API when it announces one. Only an answer with code 200 gives a
 * fact; an unknown API, an error code or a timeout leaves the facts unknown and says so.
 */
import type { Context } from '../../context.js';
import { bilingual, UnreachableError } from '../../core/errors.js';
import { mergeFacts, type FactKey, type Facts } from '../../core/diagnosis/facts.js';
import { flagFor } from '../../core/diagnosis/flags.js';
import { issue, type Issue } from '../../core/finding.js';
import { deviceStateProbe, pushLogProbe } from '../../core/nim/facts-relay.js';
import { friendListProbe, friendProbe, onlineStatusProbe, receiverRelationsProbe, senderRelationsProbe, uinfosProbe, userEventsProbe } from '../../core/nim/facts-v1.js';
import { friendV2Probe, onlineStatusV2Probe, receiverAccountV2Probe, senderAccountV2Probe } from '../../core/nim/facts-v2.js';
import type { DiagnoseQuery, Probe, ProbeReading } from '../../core/nim/probe.js';
import type { OpenRelay } from '../nim-access.js';
import { ask, type Asked, type AskedRecord } from './ask.js';
import { contactFacts, friendListV2Facts } from './paged.js';

export interface RelayFacts {
  facts: Facts;
  issues: Issue[];
  url: string;
  /** Every request made, with its trace id, for --verbose and --json. */
  requests: AskedRecord[];
  deviceApi: boolean;
}

/** A probe's outcome: what it read, or the finding for why it could not. */
type Outcome = { reading: ProbeReading } | { failed: Issue; asked: Asked };

const failedIssue = (probe: Pick<Probe, 'endpoint' | 'supplies'>, asked: Extract<Asked, { ok: false }>, given: Set<FactKey>): Issue => {
  const facts = probe.supplies.filter((k) => !given.has(k));
  return issue('relay.query-failed', { endpoint: probe.endpoint, reason: asked.reason, facts: facts.join(', '), flags: [...new Set(facts.map(flagFor))].join(' '), traceId: asked.traceId ?? '-' }, 'warning');
};

async function run(relay: OpenRelay, probe: Probe, q: DiagnoseQuery, given: Set<FactKey>, log: AskedRecord[]): Promise<Outcome> {
  const asked = await ask(relay, probe.request(q), probe.endpoint, log);
  if (asked.ok) return { reading: probe.read(asked.answer, q) };
  return { failed: failedIssue(probe, asked, given), asked };
}

/** A probe with a fallback for when it gives no answer to read (a 404 is never read as "no"). */
async function runWithFallback(relay: OpenRelay, q: DiagnoseQuery, given: Set<FactKey>, log: AskedRecord[], first: Probe, fallback: (r: OpenRelay) => Promise<Outcome>): Promise<Outcome> {
  const outcome = await run(relay, first, q, given, log);
  if ('reading' in outcome && Object.keys(outcome.reading.facts).length) return outcome;
  return fallback(relay);
}

const skip = (probe: Pick<Probe, 'supplies'>, given: Set<FactKey>): boolean => probe.supplies.every((k) => given.has(k));

/** The documented probes of an API version, in the order their facts merge (later wins). */
function documented(relay: OpenRelay, q: DiagnoseQuery, given: Set<FactKey>, log: AskedRecord[]): Array<Promise<Outcome> | undefined> {
  const probe = (p: Probe) => (skip(p, given) ? undefined : run(relay, p, q, given, log));
  const withSender = <T>(make: () => T): T | undefined => (q.from ? make() : undefined);
  if (relay.api === 'v2') {
    return [
      probe(receiverAccountV2Probe),
      withSender(() => probe(senderAccountV2Probe)),
      // v2 has no login history: v1's, over the same host and auth.
      probe(userEventsProbe),
      probe(onlineStatusV2Probe),
      withSender(() => (skip(friendV2Probe, given) ? undefined : runWithFallback(relay, q, given, log, friendV2Probe, (r) => friendListV2Facts(r, q, given, log)))),
      withSender(() => (given.has('blacklisted') && given.has('muted') ? undefined : contactFacts(relay, q, 'receiver', given, log))),
      withSender(() => (given.has('blacklisted') ? undefined : contactFacts(relay, q, 'sender', given, log))),
    ];
  }
  return [
    probe(uinfosProbe),
    probe(userEventsProbe),
    probe(onlineStatusProbe),
    withSender(() => (skip(friendProbe, given) ? undefined : runWithFallback(relay, q, given, log, friendProbe, (r) => run(r, friendListProbe, q, given, log)))),
    withSender(() => probe(receiverRelationsProbe)),
    withSender(() => probe(senderRelationsProbe)),
  ];
}

export async function gatherRelayFacts(relay: OpenRelay, q: DiagnoseQuery, given: Set<FactKey>, ctx: Context): Promise<RelayFacts> {
  const requests: AskedRecord[] = [];
  const pending = documented(relay, q, given, requests);
  const deviceApi = await relay.deviceApi().catch((error: unknown) => {
    if (error instanceof UnreachableError) return false;
    throw error;
  });
  if (deviceApi) {
    for (const p of [deviceStateProbe, pushLogProbe]) pending.push(skip(p, given) ? undefined : run(relay, p, q, given, requests));
  }
  const outcomes = (await Promise.all(pending)).filter((o): o is Outcome => o !== undefined);
  const failures = outcomes.filter((o): o is Extract<Outcome, { failed: Issue }> => 'failed' in o);
  // Nothing answered at all: the relay is down, which is exit 3 as everywhere.
  const dead = failures.find((f) => !f.asked.ok && f.asked.unreachable);
  if (outcomes.length > 0 && failures.length === outcomes.length && dead && !dead.asked.ok && dead.asked.unreachable) throw unreachable(dead.asked.unreachable, ctx);
  const facts = mergeFacts(...outcomes.map((o) => ('reading' in o ? o.reading.facts : {})));
  const issues = outcomes.flatMap((o) => ('reading' in o ? o.reading.issues : [o.failed]));
  const withoutV2 = noV2(relay, outcomes);
  if (withoutV2) issues.unshift(withoutV2);
  // A signature refused because this clock is off: said once, first.
  const skew = failures.map((f) => (f.asked.ok ? undefined : f.asked.skew)).find(Boolean);
  if (skew) issues.unshift(skew);
  return { facts, issues, url: relay.url, requests, deviceApi };
}

/** Not one v2 call was understood and each met an unknown path (404): the server has no v2. */
function noV2(relay: OpenRelay, outcomes: Outcome[]): Issue | undefined {
  if (relay.api !== 'v2') return undefined;
  const v2 = (endpoint: unknown) => String(endpoint).includes('/im/');
  const failed = outcomes.flatMap((o) => ('failed' in o && v2(o.failed.params?.endpoint) ? [o.failed] : []));
  const read = outcomes.some((o) => 'reading' in o && Object.values(o.reading.facts).some((f) => v2(f?.source)));
  if (!failed.length || read || !failed.every((f) => /\b404\b/.test(String(f.params?.reason)))) return undefined;
  return issue('relay.no-v2', { url: relay.url, reason: String(failed[0].params?.reason) });
}

/** A dead relay is exit 3; the message adds how to diagnose without one. */
function unreachable(error: UnreachableError, ctx: Context): UnreachableError {
  const hint = bilingual("Or give the receiver's facts as flags to diagnose without a relay (see `nim-push diagnose --help`).", '也可以不连中转服务,直接用参数给出接收方的状态(见 `nim-push diagnose --help`)。');
  return new UnreachableError({ en: `${error.message} ${hint.en}`, zh: `${error.localized(ctx.lang)} ${hint.zh}` }, error.code, error.details);
}
