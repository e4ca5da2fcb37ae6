/**
 * `send --to`: a message through NIM (`msg/sendMsg` or `msg/sendAttachMsg` over v1, the v2
 * conversation message or custom notification), and what became of the push where the relay says.
 */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { catalogue, describe, describeAll } from '../core/catalogue/index.js';
import { issueForApnsResponse } from '../core/catalogue/apns-reasons.js';
import { bilingual, UnreachableError, UsageError } from '../core/errors.js';
import { issue, type Issue } from '../core/finding.js';
import { issueForResponse } from '../core/nim/codes.js';
import { buildRelaySend } from '../core/nim/send-form.js';
import type { NimSendOptions } from '../core/nim/send-options.js';
import { buildSendV2 } from '../core/nim/send-v2.js';
import type { PushLogEntry } from '../core/nim/wire-relay.js';
import { readInputFile } from '../adapters/files.js';
import type { RelaySendResult, SendNimData, SendNimDryRun } from '../output/send-nim-view.js';
import { openRelay, signatureSkew, type RelayAccessOptions } from './nim-access.js';

export interface SendNimOptions extends NimSendOptions, RelayAccessOptions {
  /** Print the request and send nothing. */
  dryRun?: boolean;
}

async function readPayloadArg(value: string | undefined, cwd: string): Promise<string | undefined> {
  if (value === undefined || !value.startsWith('@')) return value;
  return (await readInputFile(resolve(cwd, value.slice(1)), { en: 'the --payload file', zh: '--payload 文件' })).toString('utf8');
}

const knownIssue = (item: { id: string; params?: Issue['params']; severity?: string }): Issue | undefined =>
  catalogue.has(item.id) ? { id: item.id, params: item.params, ...(item.severity ? { severity: item.severity as Issue['severity'] } : {}) } : undefined;

/** Reads the relay's account of the push (the local relay adds it to NIM's answer). */
function resultFromPush(base: Omit<RelaySendResult, 'status' | 'findings'>, push: Partial<PushLogEntry>, noPush: boolean | undefined, ctx: Context): RelaySendResult {
  const findings = describeAll((push.findings ?? []).map(knownIssue).filter((i): i is Issue => Boolean(i)), ctx.lang);
  const withDelivery = { ...base, delivery: push.delivery };
  if (noPush) return { ...withDelivery, status: 'sent', findings };
  if (push.delivery === 'push') {
    const sent = push.apns?.find((a) => a.status === 'sent');
    if (sent) return { ...withDelivery, status: 'sent', apnsId: sent.apnsId, findings };
    const failed = push.apns?.[0];
    const apnsIssue = failed?.httpStatus ? issueForApnsResponse(failed.httpStatus, failed.reason) : undefined;
    return { ...withDelivery, status: 'failed', reason: failed?.reason, findings: [...(apnsIssue ? [describe(apnsIssue, ctx.lang)] : []), ...findings] };
  }
  return { ...withDelivery, status: 'blocked', reason: findings[0]?.id, findings };
}

const summarize = (results: RelaySendResult[]) => ({
  sent: results.filter((r) => r.status === 'sent').length,
  failed: results.filter((r) => r.status === 'failed').length,
  blocked: results.filter((r) => r.status === 'blocked').length,
});

export async function sendNim(opts: SendNimOptions, ctx: Context): Promise<SendNimData | SendNimDryRun> {
  if (!opts.to || !opts.from) throw new UsageError(bilingual('send --to needs --to <accid> and --from <accid> (the sender, an existing account).', 'send --to 需要 --to <accid> 和 --from <accid>(发送方,须为已存在的账号)。'));
  const api = opts.api ?? 'v1';
  const options = { ...opts, payload: await readPayloadArg(opts.payload, ctx.cwd) };
  const built = api === 'v2' ? buildSendV2(options) : buildRelaySend(options);
  const notes = describeAll(built.issues.filter((i) => built.request || (i.severity ?? catalogue.get(i.id)?.severity) !== 'error'), ctx.lang);
  const preview = built.preview;
  if (!built.request) {
    // A local check stopped it: nothing was sent.
    const findings = describeAll(built.issues, ctx.lang);
    const result: RelaySendResult = { recipient: opts.to, status: 'blocked', reason: findings.find((f) => f.severity === 'error')?.id ?? findings[0]?.id, findings };
    return { ok: false, via: 'relay', api, results: [result], summary: summarize([result]), ...(preview ? { preview } : {}) };
  }
  if (opts.dryRun) {
    let url: string | undefined;
    try {
      url = (await openRelay(opts, ctx)).url;
    } catch (error) {
      if (!(error instanceof UnreachableError)) throw error;
    }
    const base = (url ?? '<relay>').replace(/\/+$/, '');
    const request = 'form' in built.request
      ? { method: 'POST', url: `${base}/${built.request.path}.action`, form: built.request.form }
      : { method: built.request.method, url: `${base}${built.request.path}`, body: built.request.body };
    return { ok: true, via: 'relay', api, dryRun: true, requests: [request], results: [], summary: { sent: 0, failed: 0, blocked: 0 }, ...(preview ? { preview } : {}), ...(notes.length ? { findings: notes } : {}) };
  }
  const relay = await openRelay(opts, ctx);
  const request = built.request;
  const call = 'form' in request ? await relay.client.v1(request.path, request.form) : await relay.client.v2(request.method, request.path, { body: request.body });
  const answer = call.answer as { code: number; desc?: string; msg?: string; data?: Record<string, unknown>; push?: Partial<PushLogEntry> };
  let result: RelaySendResult;
  if (answer.code !== 200) {
    // A server without v2 answers its paths as unknown: say so, rather than "object not found".
    const noV2 = api === 'v2' && (answer.code === 404 || (!call.nim && call.httpStatus === 404));
    const found = noV2 ? issue('relay.no-v2', { url: relay.url, reason: call.nim ? `code 404: ${answer.desc ?? answer.msg ?? ''}`.trim() : `HTTP ${call.httpStatus}` }) : issueForResponse({ code: answer.code, desc: answer.desc ?? answer.msg });
    const skew = signatureSkew({ code: answer.code, desc: answer.desc ?? answer.msg }, call);
    const findings = [...(skew ? [describe(skew, ctx.lang)] : []), describe(found, ctx.lang)];
    result = { recipient: opts.to, status: 'failed', reason: String(answer.code), traceId: call.traceId, findings };
  } else {
    const ids = api === 'v2' ? { messageServerId: Number(answer.data?.message_server_id) || undefined } : { msgid: Number(answer.data?.msgid) || undefined };
    const base = { recipient: opts.to, traceId: call.traceId, ...ids };
    result = answer.push
      ? resultFromPush(base, answer.push, opts.noPush, ctx)
      : // The NIM cloud says only that it took the message; whether a push followed is not reported.
        { ...base, status: 'sent', findings: [] };
  }
  const results = [result];
  return { ok: result.status === 'sent', via: 'relay', api, relay: relay.url, results, summary: summarize(results), ...(notes.length ? { findings: notes } : {}), ...(preview ? { preview } : {}) };
}
