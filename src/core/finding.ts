/** Findings: every check in every command reports through these types. */

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'en' | 'zh';

/** A finding as users see it (JSON shape fixed by DESIGN.md). */
export interface Finding {
  id: string;
  severity: Severity;
  message: string;
  fix: string;
}

export type Params = Record<string, string | number | undefined>;

/** A language-free finding produced by core logic; rendered with `describe`. */
export interface Issue {
  id: string;
  params?: Params;
  /** Overrides the catalogue severity where context changes it. */
  severity?: Severity;
}

export interface LocalText {
  message: string;
  fix: string;
}

/** One catalogue entry. Templates may reference params as `{name}`. */
export interface CatalogueEntry {
  id: string;
  severity: Severity;
  en: LocalText;
  zh: LocalText;
  /** Words a param may hold, as each language says them (`role: {receiver: {en:'receiver', zh:'接收方'}}`). */
  words?: Record<string, Record<string, { en: string; zh: string }>>;
  /** Texts people paste for this case (error messages, log lines, FAQ questions), for `explain`. */
  phrases?: readonly string[];
}

export const issue = (id: string, params?: Params, severity?: Severity): Issue =>
  severity ? { id, params, severity } : params ? { id, params } : { id };

export function fillTemplate(template: string, params: Params = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    const value = params[key];
    return value === undefined ? whole : String(value);
  });
}

export const hasErrors = (items: Array<{ severity: Severity }>): boolean =>
  items.some((f) => f.severity === 'error');

const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
export const bySeverity = <T extends { severity: Severity }>(a: T, b: T): number =>
  order[a.severity] - order[b.severity];
