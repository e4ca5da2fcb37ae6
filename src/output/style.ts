/** Colour for human output. Colour is decided once (flag, NO_COLOR, TTY) and passed in. */
import { Chalk, type ChalkInstance } from 'chalk';
import type { Finding, Severity } from '../core/finding.js';

export interface Style {
  color: boolean;
  ok(text: string): string;
  error(text: string): string;
  warn(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  severity(sev: Severity, text: string): string;
}

export function createStyle(color: boolean): Style {
  const c: ChalkInstance = new Chalk({ level: color ? 1 : 0 });
  return {
    color,
    ok: (t) => c.green(t),
    error: (t) => c.red(t),
    warn: (t) => c.yellow(t),
    dim: (t) => c.dim(t),
    bold: (t) => c.bold(t),
    severity: (sev, t) => (sev === 'error' ? c.red(t) : sev === 'warning' ? c.yellow(t) : c.cyan(t)),
  };
}

const marks: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** Renders a finding as two or three lines: mark, id and message, then the fix. */
export function formatFinding(f: Finding, s: Style, lang: 'en' | 'zh' = 'en'): string {
  const head = `${s.severity(f.severity, `${marks[f.severity]} ${f.id}`)}  ${f.message}`;
  if (!f.fix) return head;
  return `${head}\n    ${s.dim(lang === 'zh' ? '修复:' : 'fix:')} ${f.fix}`;
}

export const formatFindings = (items: Finding[], s: Style, lang: 'en' | 'zh' = 'en'): string =>
  items.map((f) => formatFinding(f, s, lang)).join('\n');
