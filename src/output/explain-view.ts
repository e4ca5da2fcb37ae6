/** `nim-push explain`: each match's cause and fix; nearest entries when nothing matched. */
import type { ExplainKind, MatchedBy } from '../core/explain.js';
import type { Severity } from '../core/finding.js';
import { say, type View } from './view.js';

export interface ExplainedEntry {
  id: string;
  kind: ExplainKind;
  matchedBy: MatchedBy;
  severity: Severity;
  message: string;
  fix: string;
}

export interface ExplainData {
  ok: boolean;
  query: string;
  matches: ExplainedEntry[];
  /** Present when nothing matched. */
  suggestions?: ExplainedEntry[];
}

const KIND: Record<ExplainKind, { en: string; zh: string }> = {
  finding: { en: 'finding', zh: '诊断项' },
  'nim-code': { en: 'NIM code', zh: '云信错误码' },
  'apns-reason': { en: 'APNs reason', zh: 'APNs 原因' },
  app: { en: 'app side', zh: 'App 端' },
};

function entry(e: ExplainedEntry, view: View): string {
  const s = view.style;
  const kind = KIND[e.kind][view.lang];
  return [`${s.severity(e.severity, e.severity)} ${s.bold(e.id)}  ${s.dim(`(${kind})`)}`, `  ${e.message}`, `  ${say(view, 'fix', '解决')}: ${e.fix}`].join('\n');
}

export function renderExplain(data: ExplainData, view: View): string {
  if (data.matches.length) return data.matches.map((e) => entry(e, view)).join('\n\n');
  const head = say(view, `Nothing in the catalogue matches "${data.query}".`, `目录中没有与“${data.query}”匹配的条目。`);
  if (!data.suggestions?.length) return `${head}\n${say(view, 'Try a finding id (cert.expired), a NIM code (414), an APNs reason (BadDeviceToken) or the error text.', '可以输入诊断项 id(cert.expired)、云信错误码(414)、APNs 原因(BadDeviceToken)或报错原文。')}`;
  return `${head} ${say(view, 'The nearest entries:', '最接近的条目:')}\n\n${data.suggestions.map((e) => entry(e, view)).join('\n\n')}`;
}
