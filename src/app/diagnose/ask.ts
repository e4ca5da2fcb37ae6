/** One request of a probe, and what came back: an answer to read (code 200), or why there is none. */
import { UnreachableError } from '../../core/errors.js';
import type { Issue } from '../../core/finding.js';
import type { NimRequest } from '../../core/nim/probe.js';
import { signatureSkew, type OpenRelay } from '../nim-access.js';

export interface AskedRecord {
  endpoint: string;
  traceId?: string;
  code?: number;
}

export type Asked =
  | { ok: true; answer: unknown; traceId: string }
  | { ok: false; reason: string; traceId?: string; unreachable?: UnreachableError; skew?: Issue };

export async function ask(relay: OpenRelay, request: NimRequest, endpoint: string, log: AskedRecord[]): Promise<Asked> {
  try {
    const call =
      request.api === 'v1'
        ? await relay.client.v1(request.path, request.form)
        : request.api === 'v2'
          ? await relay.client.v2(request.method, request.path, { query: request.query, body: request.body })
          : await relay.client.private(request.path, request.body);
    const answer = call.answer as { code?: unknown; desc?: unknown; msg?: unknown };
    log.push({ endpoint, traceId: call.traceId, code: typeof answer.code === 'number' ? answer.code : undefined });
    if (call.nim && answer.code === 200) return { ok: true, answer: call.answer, traceId: call.traceId };
    const text = typeof answer.desc === 'string' && answer.desc ? answer.desc : typeof answer.msg === 'string' ? answer.msg : '';
    const reason = call.nim ? `code ${String(answer.code)}${text ? `: ${text}` : ''}` : `HTTP ${call.httpStatus}, not a NIM answer`;
    const skew = call.nim ? signatureSkew({ code: Number(answer.code), desc: text }, call) : undefined;
    return { ok: false, reason, traceId: call.traceId, ...(skew ? { skew } : {}) };
  } catch (error) {
    if (!(error instanceof UnreachableError)) throw error;
    const traceId = typeof error.details?.traceId === 'string' ? error.details.traceId : undefined;
    log.push({ endpoint, traceId });
    const finding = (error.details?.findings as Array<{ message?: string }> | undefined)?.[0];
    return { ok: false, reason: finding?.message ?? error.message, traceId, unreachable: error };
  }
}
