/** `check`: its JSON document and rendering, one line per check (np-style), the findings under those that need them. */
import type { Finding } from '../core/finding.js';
import { formatFindings } from './style.js';
import { say, type View } from './view.js';

export interface CheckOutcome {
  title: string;
  group: string;
  status: 'pass' | 'fail' | 'skip';
  findings: Finding[];
  detail?: string;
  ms: number;
  /** The check failed because a service could not be reached (not part of the JSON). */
  unreachable?: boolean;
}

export interface CheckData {
  ok: boolean;
  profile: string;
  checks: CheckOutcome[];
  summary: { passed: number; failed: number; skipped: number };
  junit?: string;
}

/** Exit 0 when every check passed, 3 when only unreachable services failed, else 1. */
export function checkExitCode(data: CheckData): 0 | 1 | 3 {
  const failed = data.checks.filter((c) => c.status === 'fail');
  if (!failed.length) return 0;
  return failed.every((c) => c.unreachable) ? 3 : 1;
}

/** The document as `--json` prints it. */
export const checkJson = (data: CheckData): CheckData => ({ ...data, checks: data.checks.map(({ unreachable: _u, ...c }) => c) });

export function renderCheck(data: CheckData, view: View): string {
  const s = view.style;
  const lines: string[] = [];
  for (const c of data.checks) {
    const mark = c.status === 'pass' ? s.ok('✔') : c.status === 'fail' ? s.error('✖') : s.dim('-');
    lines.push(`${mark} ${c.title}${c.detail ? s.dim(`  ${c.detail}`) : ''}`);
    if (c.findings.length) lines.push(formatFindings(c.findings, s, view.lang).replace(/^/gm, '    '));
  }
  const { passed, failed, skipped } = data.summary;
  const tail = say(view, `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`, `${passed} 项通过,${failed} 项失败${skipped ? `,${skipped} 项跳过` : ''}`);
  lines.push('', failed ? s.error(tail) : s.ok(tail));
  return lines.join('\n');
}
