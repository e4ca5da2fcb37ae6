/** `send --to` (through NIM): its JSON document and its human rendering. */
import type { Finding } from '../core/finding.js';
import { formatFindings } from './style.js';
import { say, type View } from './view.js';

export interface RelaySendResult {
  recipient: string;
  status: 'sent' | 'failed' | 'blocked';
  apnsId?: string;
  reason?: string;
  /** v1 `msgid`. */
  msgid?: number;
  /** v2 `message_server_id`. */
  messageServerId?: number;
  /** What the local relay did: `push`, `in-app`, `blocked`, `none`; absent for the NIM cloud. */
  delivery?: string;
  /** The request's trace id, to quote to NetEase. */
  traceId?: string;
  findings: Finding[];
}

export interface SendNimData {
  ok: boolean;
  via: 'relay';
  api: 'v1' | 'v2';
  relay?: string;
  results: RelaySendResult[];
  summary: { sent: number; failed: number; blocked: number };
  /** Warnings and infos about the message (the payload lint). */
  findings?: Finding[];
  /** The APNs payload NIM builds from this message (the relay's own function). */
  preview?: { text: string; payload: Record<string, unknown> };
}

export interface SendNimDryRun {
  ok: true;
  via: 'relay';
  api: 'v1' | 'v2';
  dryRun: true;
  /** Nothing was sent: no results. */
  results: RelaySendResult[];
  summary: { sent: 0; failed: 0; blocked: 0 };
  requests: Array<{ method: string; url: string; form?: Record<string, string>; body?: unknown }>;
  preview?: { text: string; payload: Record<string, unknown> };
  findings?: Finding[];
}

export function renderSendNim(data: SendNimData, view: View): string {
  const s = view.style;
  const lines: string[] = [];
  if (data.findings?.length) lines.push(formatFindings(data.findings, s, view.lang));
  for (const r of data.results) {
    const id = r.msgid ?? r.messageServerId;
    const trace = view.verbose && r.traceId ? s.dim(`  trace id ${r.traceId}`) : '';
    let head: string;
    if (r.status === 'sent') {
      const pushed = r.delivery === 'push' ? say(view, ` — pushed${r.apnsId ? `, apns-id ${r.apnsId}` : ''}`, ` — 已推送${r.apnsId ? `,apns-id ${r.apnsId}` : ''}`) : r.delivery ? ` — ${r.delivery}` : '';
      head = s.ok(say(view, `✔ message to ${r.recipient} sent${id ? ` (msgid ${id})` : ''}`, `✔ 发给 ${r.recipient} 的消息已发送${id ? `(msgid ${id})` : ''}`)) + pushed;
    } else if (r.status === 'blocked') {
      head = s.warn(say(view, `⚠ message to ${r.recipient}: no push (${r.reason ?? 'blocked'})`, `⚠ 发给 ${r.recipient} 的消息:不会推送(${r.reason ?? '已拦截'})`));
    } else {
      head = s.error(say(view, `✖ message to ${r.recipient} failed${r.reason ? `: ${r.reason}` : ''}`, `✖ 发给 ${r.recipient} 的消息失败${r.reason ? `:${r.reason}` : ''}`));
    }
    lines.push(head + trace);
    if (r.findings.length) lines.push(formatFindings(r.findings, s, view.lang));
  }
  const { sent, failed, blocked } = data.summary;
  lines.push(s.dim(say(view, `sent ${sent}, failed ${failed}, blocked ${blocked}`, `已发送 ${sent},失败 ${failed},拦截 ${blocked}`)));
  return lines.join('\n');
}

export function renderSendNimDryRun(data: SendNimDryRun, view: View): string {
  const s = view.style;
  const lines: string[] = [];
  if (data.findings?.length) lines.push(formatFindings(data.findings, s, view.lang));
  for (const r of data.requests) {
    lines.push(s.bold(`${r.method} ${r.url}`));
    if (r.form) lines.push(...Object.entries(r.form).map(([k, v]) => `  ${k}=${v}`));
    if (r.body !== undefined) lines.push(JSON.stringify(r.body, null, 2).replace(/^/gm, '  '));
  }
  if (data.preview) {
    lines.push(s.dim(say(view, 'NIM would push (APNs payload; the sender shown by its accid, the badge as if this were the only unread message):', '云信将推送(APNs payload;发送方以 accid 显示,角标按仅此一条未读计算):')));
    lines.push(`  ${JSON.stringify(data.preview.payload)}`);
  }
  lines.push(s.dim(say(view, 'Dry run: nothing was sent.', '演练:未发送任何内容。')));
  return lines.join('\n');
}
