/** A direct send: its JSON document, one line per token with the finding that explains a failure, a summary, a TTY progress line. */
import type { ApnsRequest } from '../core/apns/request.js';
import type { Finding } from '../core/finding.js';
import { previewToken } from '../core/token.js';
import { formatFindings } from './style.js';
import { say, type View } from './view.js';

export interface DirectJsonResult {
  recipient: string;
  status: 'sent' | 'failed' | 'blocked';
  apnsId: string | null;
  apnsUniqueId?: string;
  httpStatus?: number;
  reason: string | null;
  findings: Finding[];
}

/** The JSON document (DESIGN.md `send`), plus `requests` for --dry-run. */
export interface SendDirectData {
  ok: boolean;
  via: 'direct';
  dryRun?: true;
  requests?: Array<ApnsRequest & { recipient: string }>;
  results: DirectJsonResult[];
  summary: { sent: number; failed: number; blocked: number; wouldSend?: number };
  /** Message-level warnings and infos (e.g. message.silent), reported once. */
  findings?: Finding[];
  /** Results counted in the summary but left out of `results` (very large runs). */
  omitted?: { sent: number; failed: number };
}

const indent = (text: string): string => text.split('\n').map((l) => `    ${l}`).join('\n');

function renderResult(r: DirectJsonResult, view: View): string {
  const s = view.style;
  const who = previewToken(r.recipient);
  if (r.status === 'sent') {
    const unique = r.apnsUniqueId ? s.dim(` unique-id ${r.apnsUniqueId}`) : '';
    // The status words are the documented result values: the same in every language.
    return `${s.ok('✔')} ${who}  sent  ${s.dim(`apns-id ${r.apnsId ?? '-'}`)}${unique}`;
  }
  const why = r.reason ? `${r.httpStatus ?? ''} ${r.reason}`.trim() : say(view, 'not sent', '未发送');
  const details = r.findings.length ? `\n${indent(formatFindings(r.findings, s, view.lang))}` : '';
  return `${s.error('✖')} ${who}  ${r.status}  ${why}${details}`;
}

function renderRequest(r: ApnsRequest & { recipient: string }): string {
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`);
  return [`${r.method} ${r.path}`, ...headers, '', JSON.stringify(r.payload)].join('\n');
}

export function renderSendDirect(data: SendDirectData, view: View): string {
  const s = view.style;
  const parts: string[] = [];
  if (data.findings?.length) parts.push(formatFindings(data.findings, s, view.lang));
  if (data.requests) parts.push(...data.requests.map(renderRequest));
  parts.push(...data.results.map((r) => renderResult(r, view)));
  const { sent, failed, blocked, wouldSend } = data.summary;
  const omitted = data.omitted ? data.omitted.sent + data.omitted.failed : 0;
  const more = omitted ? say(view, ` (${omitted} more results not listed)`, `(另有 ${omitted} 条结果未列出)`) : '';
  if (data.dryRun) {
    const hidden = (wouldSend ?? 0) - (data.requests?.length ?? 0);
    const extra = hidden > 0 ? say(view, ` (${hidden} more not listed)`, `(另有 ${hidden} 个请求未列出)`) : '';
    parts.push(say(view, `Dry run: ${wouldSend} request(s) would be sent${extra}, ${blocked} blocked by local checks; nothing was sent.`, `演练:将发送 ${wouldSend} 个请求${extra},${blocked} 个未通过本地检查;未发送任何内容。`));
  } else {
    const line = say(view, `Sent ${sent}, failed ${failed}, blocked ${blocked}${more}.`, `已发送 ${sent},失败 ${failed},拦截 ${blocked}${more}`);
    parts.push(failed || blocked ? s.error(line) : s.ok(line));
  }
  return parts.join('\n');
}

/** A one-line progress counter on a terminal, redrawn at most every 100 ms; `stop` clears it. */
export function progressLine(stream: NodeJS.WritableStream, lang: 'en' | 'zh') {
  const started = Date.now();
  let last = 0;
  return {
    update(summary: { sent: number; failed: number }): void {
      if (Date.now() - last < 100) return;
      last = Date.now();
      const rate = Math.round(((summary.sent + summary.failed) * 1000) / Math.max(1, Date.now() - started));
      stream.write(`\r\x1b[2K${lang === 'zh' ? `发送中… 已发送 ${summary.sent} · 失败 ${summary.failed} · ${rate}/秒` : `sending… sent ${summary.sent} · failed ${summary.failed} · ${rate}/s`}`);
    },
    stop(): void {
      if (last) stream.write('\r\x1b[2K');
    },
  };
}
