/** `diagnose`: its JSON document and its human rendering, the verdict and the blocking finding first. */
import type { MissingFact, Verdict } from '../core/diagnosis/engine.js';
import type { CertFact, Facts, LastPush, TokenFact } from '../core/diagnosis/facts.js';
import type { Finding } from '../core/finding.js';
import { formatFinding, formatFindings } from './style.js';
import { say, type View } from './view.js';

export interface DiagnosisData {
  ok: boolean;
  verdict: Verdict;
  to?: string;
  blocking?: Finding;
  findings: Finding[];
  missing: MissingFact[];
  facts: Facts;
  /** The relay asked, when one was. */
  relay?: string;
  /** The requests made to it, each with its trace id (quote it to NetEase). */
  requests?: Array<{ endpoint: string; traceId?: string; code?: number }>;
}

const HEAD: Record<'en' | 'zh', Record<Verdict, string>> = {
  en: { fires: '✔ fires — the push is sent', blocked: '✖ blocked — no push', unknown: '? unknown — not enough facts to decide' },
  zh: { fires: '✔ 会推送 — 离线推送会发出', blocked: '✖ 不会推送', unknown: '? 无法判断 — 缺少必要信息' },
};

const shortToken = (t: string | undefined) => `${String(t ?? '?').slice(0, 8)}…`;

function factText(key: string, value: unknown): string {
  if (key === 'tokens' && Array.isArray(value)) {
    return (value as TokenFact[]).map((t) => `${shortToken(t.token)}(${t.certName ?? 'no cert name'}, ${t.environment ?? '?'}${t.unregistered ? ', unregistered' : ''})`).join(' ') || 'none';
  }
  if (key === 'lastPushes' && Array.isArray(value)) {
    return (value as LastPush[]).map((l) => `${shortToken(l.token)} ${l.status}${l.reason ? ` ${l.reason}` : ''}${l.environment ? ` (${l.environment})` : ''}`).join(' ') || 'none';
  }
  if (key === 'certs' && Array.isArray(value)) return (value as CertFact[]).map((c) => `${c.name}(${c.environment ?? '?'})`).join(' ');
  if (key === 'dndWindow') return value ? `${(value as { start: string }).start}-${(value as { end: string }).end}` : 'all day';
  return typeof value === 'string' && value.length > 40 ? `${value.slice(0, 37)}…` : JSON.stringify(value);
}

export function formatFacts(facts: Facts): string {
  return Object.entries(facts)
    .filter(([key]) => key !== 'credentialIssues')
    .map(([key, f]) => `  ${key.padEnd(22)} ${factText(key, f?.value)}  (${f?.source})`)
    .join('\n');
}

export function renderDiagnosis(data: DiagnosisData, view: View): string {
  const s = view.style;
  const head = HEAD[view.lang][data.verdict];
  const who = data.to ? say(view, `to ${data.to}: `, `接收方 ${data.to}: `) : '';
  const styled = data.verdict === 'fires' ? s.ok(who + head) : data.verdict === 'blocked' ? s.error(who + head) : s.warn(who + head);
  const lines = [s.bold(styled)];
  if (data.blocking) lines.push(formatFinding(data.blocking, s, view.lang));
  if (data.verdict === 'unknown' && data.missing.length) {
    lines.push(say(view, 'Missing facts (give them with):', '缺少的信息(用参数补充):'));
    for (const m of data.missing) lines.push(`  ${m.fact.padEnd(22)} ${m.flag}`);
  }
  const rest = data.findings.filter((f) => !(data.blocking && f.id === data.blocking.id && f.message === data.blocking.message));
  if (rest.length) lines.push(s.dim(say(view, 'Other findings:', '其他发现:')), formatFindings(rest, s, view.lang));
  if (view.verbose || data.verdict !== 'fires') lines.push(s.dim(say(view, 'Facts used (source):', '使用的信息(来源):')), s.dim(formatFacts(data.facts)));
  if (view.verbose && data.requests?.length) {
    lines.push(s.dim(say(view, `Requests to ${data.relay} (trace id):`, `对 ${data.relay} 的请求(trace id):`)));
    for (const r of data.requests) lines.push(s.dim(`  ${r.endpoint.padEnd(44)} ${r.traceId ?? '-'}  ${r.code ?? say(view, 'no answer', '无应答')}`));
  }
  return lines.join('\n');
}
