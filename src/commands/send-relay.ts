/** `nim-push send --via relay --to <accid>`: `msg/sendMsg` (or `sendAttachMsg`) on the relay, and what became of the push. */
import { readFile } from 'node:fs/promises';
import { catalogue, describe, describeAll } from '../core/catalogue/index.js';
import { issueForApnsResponse } from '../core/catalogue/apns-reasons.js';
import type { Finding, Issue } from '../core/finding.js';
import { buildRelaySend, type RelaySendOptions } from '../core/nim/send-form.js';
import type { CommandResult, Context } from '../context.js';
import { UnreachableError, UsageError } from '../errors.js';
import { formatFindings } from '../output/style.js';
import type { PushLogEntry } from '../relay/state.js';
import { openRelay, relayFinding, type RelayAccessOptions } from './relay-access.js';

export interface SendRelayOptions extends RelaySendOptions, RelayAccessOptions {
  /** Print the request and send nothing. */
  dryRun?: boolean;
}

export interface RelaySendResult {
  recipient: string;
  status: 'sent' | 'failed' | 'blocked';
  apnsId?: string;
  reason?: string;
  msgid?: number;
  /** What the local relay did: `push`, `in-app`, `blocked`, `none`; absent for the NIM cloud. */
  delivery?: string;
  findings: Finding[];
}

async function readPayloadArg(value: string | undefined, cwd: string): Promise<string | undefined> {
  if (value === undefined || !value.startsWith('@')) return value;
  const path = value.slice(1);
  try {
    return await readFile(path.startsWith('/') ? path : `${cwd}/${path}`, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot read the payload file ${path}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}.`, 'file.unreadable');
  }
}

const knownIssue = (item: { id: string; params?: Issue['params']; severity?: string }): Issue | undefined =>
  catalogue.has(item.id) ? { id: item.id, params: item.params, ...(item.severity ? { severity: item.severity as Issue['severity'] } : {}) } : undefined;

/** Reads the relay's account of the push (the local relay adds it to NIM's answer). */
function resultFromPush(to: string, msgid: number | undefined, push: Partial<PushLogEntry>, opts: SendRelayOptions, ctx: Context): RelaySendResult {
  const findings = describeAll((push.findings ?? []).map(knownIssue).filter((i): i is Issue => Boolean(i)), ctx.lang);
  const base = { recipient: to, msgid, delivery: push.delivery };
  if (opts.noPush) return { ...base, status: 'sent', findings };
  if (push.delivery === 'push') {
    const sent = push.apns?.find((a) => a.status === 'sent');
    if (sent) return { ...base, status: 'sent', apnsId: sent.apnsId, findings };
    const failed = push.apns?.[0];
    const apnsIssue = failed?.httpStatus ? issueForApnsResponse(failed.httpStatus, failed.reason) : undefined;
    return { ...base, status: 'failed', reason: failed?.reason, findings: [...(apnsIssue ? [describe(apnsIssue, ctx.lang)] : []), ...findings] };
  }
  return { ...base, status: 'blocked', reason: findings[0]?.id, findings };
}

export async function runSendRelay(opts: SendRelayOptions, ctx: Context): Promise<CommandResult> {
  if (!opts.to || !opts.from) throw new UsageError('send --via relay needs --to <accid> and --from <accid>.');
  const built = buildRelaySend({ ...opts, payload: await readPayloadArg(opts.payload, ctx.cwd) });
  if (!built.request) {
    const findings = describeAll(built.issues, ctx.lang);
    const result: RelaySendResult = { recipient: opts.to, status: 'failed', reason: findings[0]?.id, findings };
    return render([result], 1, opts, ctx, undefined);
  }
  const request = built.request;
  if (opts.dryRun) {
    let url: string | undefined;
    try {
      url = (await openRelay(opts, ctx)).url;
    } catch (error) {
      if (!(error instanceof UnreachableError)) throw error;
    }
    const shown = { method: 'POST', url: `${url ?? '<relay>'}/${request.path}.action`, form: request.form };
    return {
      exitCode: 0,
      data: { ok: true, via: 'relay', dryRun: true, requests: [shown] },
      human: (s) => [s.bold(`POST ${shown.url}`), ...Object.entries(request.form).map(([k, v]) => `  ${k}=${v}`)].join('\n'),
    };
  }
  const relay = await openRelay(opts, ctx);
  const res = await relay.client.call(request.path, request.form);
  let result: RelaySendResult;
  if (res.code !== 200) {
    const finding = relayFinding(res, ctx);
    result = { recipient: opts.to, status: 'failed', reason: String(res.code), findings: [finding] };
  } else {
    const msgid = (res.data as { msgid?: number } | undefined)?.msgid;
    result = res.push
      ? resultFromPush(opts.to, msgid, res.push as Partial<PushLogEntry>, opts, ctx)
      : // The NIM cloud says only that it took the message; whether a push followed is not reported.
        { recipient: opts.to, status: 'sent', msgid, findings: [] };
  }
  return render([result], result.status === 'sent' ? 0 : 1, opts, ctx, relay.url);
}

function render(results: RelaySendResult[], exitCode: 0 | 1, opts: SendRelayOptions, ctx: Context, url: string | undefined): CommandResult {
  const summary = {
    sent: results.filter((r) => r.status === 'sent').length,
    failed: results.filter((r) => r.status === 'failed').length,
    blocked: results.filter((r) => r.status === 'blocked').length,
  };
  return {
    exitCode,
    data: { ok: exitCode === 0, via: 'relay', ...(url ? { relay: url } : {}), results, summary },
    human: (s) =>
      results
        .map((r) => {
          const head =
            r.status === 'sent'
              ? s.ok(`✔ ${opts.attach ? 'notification' : 'message'} to ${r.recipient} sent${r.msgid ? ` (msgid ${r.msgid})` : ''}`) +
                (r.delivery === 'push' ? ` — pushed${r.apnsId ? `, apns-id ${r.apnsId}` : ''}` : r.delivery ? ` — ${r.delivery}` : '')
              : r.status === 'blocked'
                ? s.warn(`⚠ message to ${r.recipient} accepted, but no push: ${r.reason ?? 'blocked'}`)
                : s.error(`✖ message to ${r.recipient} failed${r.reason ? `: ${r.reason}` : ''}`);
          return [head, r.findings.length ? formatFindings(r.findings, s, ctx.lang) : ''].filter(Boolean).join('\n');
        })
        .join('\n') + `\n${s.dim(`sent ${summary.sent}, failed ${summary.failed}, blocked ${summary.blocked}`)}`,
  };
}
