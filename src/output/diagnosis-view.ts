/** Human rendering of a diagnosis: the verdict and the blocking finding first. */
import type { Evaluation, Facts } from '../core/diagnosis/index.js';
import type { CertFact, TokenFact } from '../core/diagnosis/facts.js';
import type { Finding, Lang } from '../core/finding.js';
import { formatFinding, formatFindings, type Style } from './style.js';

export interface DiagnosisData {
  [key: string]: unknown;
  ok: boolean;
  verdict: Evaluation['verdict'];
  to?: string;
  blocking?: Finding;
  findings: Finding[];
  missing: Evaluation['missing'];
  facts: Facts;
  relay?: string;
}

const HEAD: Record<Lang, Record<Evaluation['verdict'], string>> = {
  en: { fires: '✔ fires — the push is sent', blocked: '✖ blocked — no push', unknown: '? unknown — not enough facts to decide' },
  zh: { fires: '✔ 会推送 — 离线推送会发出', blocked: '✖ 不会推送', unknown: '? 无法判断 — 缺少必要信息' },
};

export function formatFacts(facts: Facts): string {
  return Object.entries(facts)
    .filter(([key]) => key !== 'credentialIssues')
    .map(([key, f]) => {
      const value = f?.value;
      const text =
        key === 'tokens' && Array.isArray(value)
          ? (value as TokenFact[]).map((t) => `${String(t.token ?? '?').slice(0, 8)}…(${t.certName ?? 'no cert name'}, ${t.environment ?? '?'}${t.unregistered ? ', unregistered' : ''})`).join(' ') || 'none'
          : key === 'certs' && Array.isArray(value)
            ? (value as CertFact[]).map((c) => `${c.name}(${c.environment ?? '?'})`).join(' ')
            : key === 'dndWindow'
              ? value ? `${(value as { start: string }).start}-${(value as { end: string }).end}` : 'all day'
              : typeof value === 'string' && value.length > 40 ? `${value.slice(0, 37)}…` : JSON.stringify(value);
      return `  ${key.padEnd(22)} ${text}  (${f?.source})`;
    })
    .join('\n');
}

export const renderDiagnosis = (data: DiagnosisData, lang: Lang, verbose: boolean) => (s: Style): string => {
  const head = HEAD[lang][data.verdict];
  const who = data.to ? (lang === 'zh' ? `接收方 ${data.to}: ` : `to ${data.to}: `) : '';
  const styled = data.verdict === 'fires' ? s.ok(who + head) : data.verdict === 'blocked' ? s.error(who + head) : s.warn(who + head);
  const lines = [s.bold(styled)];
  if (data.blocking) lines.push(formatFinding(data.blocking, s, lang));
  if (data.verdict === 'unknown' && data.missing.length) {
    lines.push(lang === 'zh' ? '缺少的信息(用参数补充):' : 'Missing facts (give them with):');
    for (const m of data.missing) lines.push(`  ${m.fact.padEnd(22)} ${m.flag}`);
  }
  const rest = data.findings.filter((f) => f !== data.blocking && !(data.blocking && f.id === data.blocking.id && f.message === data.blocking.message));
  if (rest.length) lines.push(s.dim(lang === 'zh' ? '其他发现:' : 'Other findings:'), formatFindings(rest, s, lang));
  if (verbose || data.verdict !== 'fires') lines.push(s.dim(lang === 'zh' ? '使用的信息(来源):' : 'Facts used (source):'), s.dim(formatFacts(data.facts)));
  return lines.join('\n');
};
