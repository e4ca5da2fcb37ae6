/** Human rendering of `check`: one line per check (np-style), the findings under the ones that need them. */
import type { Finding, Lang } from '../core/finding.js';
import { formatFindings, type Style } from './style.js';

export interface CheckOutcome {
  title: string;
  group: string;
  status: 'pass' | 'fail' | 'skip';
  findings: Finding[];
  detail?: string;
  ms: number;
  unreachable?: boolean;
}

export const renderCheck = (outcomes: CheckOutcome[], summary: { passed: number; failed: number; skipped: number }, lang: Lang) => (s: Style): string => {
  const lines: string[] = [];
  for (const o of outcomes) {
    const mark = o.status === 'pass' ? s.ok('✔') : o.status === 'fail' ? s.error('✖') : s.dim('-');
    lines.push(`${mark} ${o.title}${o.detail ? s.dim(`  ${o.detail}`) : ''}`);
    if (o.findings.length) lines.push(formatFindings(o.findings, s, lang).replace(/^/gm, '    '));
  }
  const tail =
    lang === 'zh'
      ? `${summary.passed} 项通过,${summary.failed} 项失败${summary.skipped ? `,${summary.skipped} 项跳过` : ''}`
      : `${summary.passed} passed, ${summary.failed} failed${summary.skipped ? `, ${summary.skipped} skipped` : ''}`;
  lines.push('', summary.failed ? s.error(tail) : s.ok(tail));
  return lines.join('\n');
};
