/** Human output of a direct send: one line per token, the finding that explains a failure, a summary, a TTY progress line. */
import type { Context } from '../context.js';
import type { Lang } from '../core/finding.js';
import type { ApnsRequest } from '../core/apns/request.js';
import { previewToken } from '../core/token.js';
import type { JsonResult, SendDirectData } from '../commands/send-direct.js';
import { formatFindings, type Style } from './style.js';

function renderResult(r: JsonResult, s: Style, lang: Lang): string {
  const who = previewToken(r.recipient);
  if (r.status === 'sent') {
    const unique = r.apnsUniqueId ? s.dim(` unique-id ${r.apnsUniqueId}`) : '';
    return `${s.ok('✔')} ${who}  sent  ${s.dim(`apns-id ${r.apnsId ?? '-'}`)}${unique}`;
  }
  const why = r.reason ? `${r.httpStatus ?? ''} ${r.reason}`.trim() : lang === 'zh' ? '未发送' : 'not sent';
  const details = r.findings.length ? `\n${indent(formatFindings(r.findings, s, lang))}` : '';
  return `${s.error('✖')} ${who}  ${r.status}  ${why}${details}`;
}

const indent = (text: string): string => text.split('\n').map((l) => `    ${l}`).join('\n');

function renderRequest(r: ApnsRequest & { recipient: string }): string {
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`);
  return [`${r.method} ${r.path}`, ...headers, '', JSON.stringify(r.payload)].join('\n');
}

/** Human output: one line per token (with the finding that explains a failure), then a summary. */
export function renderSendDirect(data: SendDirectData, s: Style, lang: Lang): string {
  const parts: string[] = [];
  if (data.findings?.length) parts.push(formatFindings(data.findings, s, lang));
  if (data.requests) parts.push(...data.requests.map(renderRequest));
  parts.push(...data.results.map((r) => renderResult(r, s, lang)));
  const { sent, failed, blocked, wouldSend } = data.summary;
  const omitted = data.omitted ? data.omitted.sent + data.omitted.failed : 0;
  const more = omitted ? (lang === 'zh' ? `(另有 ${omitted} 条结果未列出)` : ` (${omitted} more results not listed)`) : '';
  if (data.dryRun) {
    const listed = data.requests?.length ?? 0;
    const hidden = (wouldSend ?? 0) - listed;
    const extra = hidden > 0 ? (lang === 'zh' ? `(另有 ${hidden} 个请求未列出)` : ` (${hidden} more not listed)`) : '';
    parts.push(lang === 'zh' ? `演练:将发送 ${wouldSend} 个请求${extra},${blocked} 个未通过本地检查;未发送任何内容。` : `Dry run: ${wouldSend} request(s) would be sent${extra}, ${blocked} blocked by local checks; nothing was sent.`);
  } else {
    const line = lang === 'zh' ? `已发送 ${sent},失败 ${failed},拦截 ${blocked}${more}` : `Sent ${sent}, failed ${failed}, blocked ${blocked}${more}.`;
    parts.push(failed || blocked ? s.error(line) : s.ok(line));
  }
  return parts.join('\n');
}

/** A one-line progress counter on a TTY stderr, redrawn at most every 100 ms. */
export function startProgress(ctx: Context, stream: NodeJS.WritableStream | undefined, summary: () => { sent: number; failed: number }) {
  if (!stream || !ctx.stderrIsTTY || ctx.json) return { update: () => undefined, stop: () => undefined };
  const started = Date.now();
  let last = 0;
  const draw = () => {
    const { sent, failed } = summary();
    const rate = Math.round(((sent + failed) * 1000) / Math.max(1, Date.now() - started));
    stream.write(`\r\x1b[2K${lang(ctx, `sending… sent ${sent} · failed ${failed} · ${rate}/s`, `发送中… 已发送 ${sent} · 失败 ${failed} · ${rate}/秒`)}`);
  };
  return {
    update: () => {
      if (Date.now() - last < 100) return;
      last = Date.now();
      draw();
    },
    stop: () => {
      if (last) stream.write('\r\x1b[2K');
    },
  };
}

const lang = (ctx: Context, en: string, zh: string): string => (ctx.lang === 'zh' ? zh : en);
