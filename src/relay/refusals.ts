/**
 * A refused send changes nothing: no message id, no delivery, no push. It only leaves an entry in
 * the push log that says what was refused and why, so `nim-push log` can answer "where did my
 * message go".
 */
import { issueForResponse } from '../core/nim/codes.js';
import type { Issue } from '../core/finding.js';
import type { PushLogEntry } from '../core/nim/wire-relay.js';
import { fail, type HandlerContext, type Reply } from './handler.js';
import type { Parties, Refusal } from './send-checks.js';

export interface RefusalRecord {
  kind: PushLogEntry['kind'];
  api: 'v1' | 'v2';
  /** The request's fields, to name the accounts when no check did. */
  form?: Record<string, unknown>;
  reply: Reply;
  refusal?: Refusal;
  parties?: Partial<Parties>;
}

export const v1Refusal = (r: Refusal): Reply => fail(r.v1, r.desc);

const text = (value: unknown): string => (typeof value === 'string' ? value.toLowerCase().slice(0, 64) : '');

/** The push-log entry of a refused request. */
export function refusalEntry(id: number, nowMs: number, record: RefusalRecord): PushLogEntry {
  const parties = record.refusal?.parties ?? record.parties ?? {};
  const from = parties.from ?? text(record.form?.from ?? record.form?.sender_id);
  const to = parties.to ?? text(record.form?.to ?? record.form?.receiver_id);
  const desc = typeof record.reply.desc === 'string' ? record.reply.desc : typeof record.reply.msg === 'string' ? record.reply.msg : '';
  const finding: Issue = record.refusal?.issue ?? issueForResponse({ code: record.reply.code, desc });
  return {
    id,
    time: new Date(nowMs).toISOString(),
    kind: record.kind,
    from,
    to,
    delivery: 'refused',
    refused: { code: record.reply.code, desc },
    findings: [{ id: finding.id, params: finding.params, severity: 'error' }],
    api: record.api,
  };
}

/** Logs the refusal and returns the reply to send. */
export async function logRefusal(ctx: Pick<HandlerContext, 'store' | 'state' | 'nowMs'>, record: RefusalRecord): Promise<Reply> {
  const id = ctx.state.nextLogId;
  ctx.state.nextLogId += 1;
  await ctx.store.commit({ op: 'push.log', entry: refusalEntry(id, ctx.nowMs, record) });
  return record.reply;
}

/** `{ push }` for an answer when the caller asked for the report (see HandlerContext.report), else nothing. */
export const pushReport = (ctx: Pick<HandlerContext, 'report'>, entry: PushLogEntry): { push?: ReturnType<typeof pushSummary> } =>
  ctx.report ? { push: pushSummary(entry) } : {};

/** What nim-push adds to an accepted send's answer: what the relay did with it. */
export const pushSummary = (entry: PushLogEntry) => ({
  delivery: entry.delivery,
  verdict: entry.verdict,
  findings: entry.findings,
  apns: entry.apns,
  ...(entry.payload ? { payload: entry.payload } : {}),
});
