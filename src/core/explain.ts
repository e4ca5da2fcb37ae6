/**
 * `explain`: whatever a support engineer pastes (a finding id, a NIM code, an APNs reason or
 * HTTP status, a NIM or APNs answer as JSON, an error text) matched against the catalogue.
 * Exact matches (id, code, reason, status, a known phrase) come first; words only when nothing
 * matched exactly; otherwise the nearest entries as suggestions.
 */
import { APNS_REASON_STATUS } from './catalogue/apns-reasons.js';
import { catalogue } from './catalogue/index.js';
import type { CatalogueEntry, Lang, Severity } from './finding.js';

export type ExplainKind = 'finding' | 'nim-code' | 'apns-reason' | 'app';
export type MatchedBy = 'id' | 'code' | 'reason' | 'status' | 'phrase' | 'words';

export interface ExplainMatch {
  id: string;
  kind: ExplainKind;
  matchedBy: MatchedBy;
}

export interface Explanation {
  query: string;
  matches: ExplainMatch[];
  /** When nothing matched: the nearest entries. */
  suggestions: ExplainMatch[];
}

export const kindOf = (id: string): ExplainKind =>
  id.startsWith('nim-code.') ? 'nim-code' : id.startsWith('apns.') ? 'apns-reason' : id.startsWith('sdk.') || id.startsWith('app.') ? 'app' : 'finding';

const ids = [...catalogue.keys()];
const byLowerId = new Map(ids.map((id) => [id.toLowerCase(), id]));
const reasonIds = new Map(Object.keys(APNS_REASON_STATUS).map((r) => [r.toLowerCase(), `apns.${r}`]));

/** Lower case, quotes out, whitespace collapsed: pasted texts come with all kinds of quoting. */
const normalize = (text: string): string => text.toLowerCase().replace(/["'`“”‘’「」]/g, '').replace(/[\s\u3000]+/g, ' ').trim();

const STOP = new Set(['the', 'and', 'for', 'with', 'was', 'not', 'this', 'that', 'from', 'are', 'has', 'have', 'but', 'its', 'error', 'code', 'http']);

/** Latin words of 3+ letters (no stop words) and CJK bigrams. */
function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  for (const w of lower.match(/[a-z][a-z0-9-]{2,}/g) ?? []) if (!STOP.has(w)) out.add(w);
  for (const run of lower.match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (run.length === 1) out.add(run);
    for (let i = 0; i + 1 < run.length; i++) out.add(run.slice(i, i + 2));
  }
  return out;
}

/** A phrase's words and numbers: all of them in the query is a match too (`登录时报 500 错误` holds `登录 500`). */
const phraseTokens = (text: string): Set<string> => new Set([...wordsOf(text), ...(text.match(/\d{3,}/g) ?? [])]);

const idWords = new Map<string, Set<string>>(ids.map((id) => [id, wordsOf(id.replace(/[.-]/g, ' ').replace(/([a-z])([A-Z])/g, '$1 $2'))]));

const entryWords = new Map<string, Set<string>>(
  [...catalogue.values()].map((e) => [e.id, wordsOf([e.id.replace(/[.-]/g, ' '), ...(e.phrases ?? []), e.en.message, e.zh.message].join(' '))]),
);

/** Numbers that could be a NIM code (3 or 6 digits) or an HTTP status, as written in the query. */
const numbersIn = (text: string): number[] => [...new Set((text.match(/(?<![\d.])\d{3}(?:\d{3})?(?![\d.])/g) ?? []).map(Number))];

/** A pasted NIM answer (`{"code":414,"desc":…}`) or APNs answer (`{"reason":"BadDeviceToken"}`). */
function fromJson(text: string): { code?: number; reason?: string; text: string } | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (!value || typeof value !== 'object') return undefined;
    const words = [value.desc, value.msg, value.message].filter((v): v is string => typeof v === 'string').join(' ');
    return { code: typeof value.code === 'number' ? value.code : undefined, reason: typeof value.reason === 'string' ? value.reason : undefined, text: words };
  } catch {
    return undefined;
  }
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const keep = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = keep;
    }
  }
  return row[b.length];
}

/** Strongest evidence first; an HTTP status alone is the weakest. */
const RANK: Record<MatchedBy, number> = { id: 0, phrase: 1, code: 2, reason: 3, status: 4, words: 5 };

export function explain(query: string): Explanation {
  const text = query.trim();
  const exact = byLowerId.get(text.toLowerCase());
  if (exact) return { query: text, matches: [{ id: exact, kind: kindOf(exact), matchedBy: 'id' }], suggestions: [] };
  const found = new Map<string, ExplainMatch>();
  const add = (id: string | undefined, matchedBy: MatchedBy) => {
    const known = id && found.get(id);
    if (id && catalogue.has(id) && (!known || RANK[matchedBy] < RANK[known.matchedBy])) found.set(id, { id, kind: kindOf(id), matchedBy });
  };
  const json = fromJson(text);
  const words = json ? json.text : text;
  if (json?.code !== undefined) add(`nim-code.${json.code}`, 'code');
  if (json?.reason) add(reasonIds.get(json.reason.toLowerCase()), 'reason');
  for (const token of text.match(/[A-Za-z]{6,}/g) ?? []) add(reasonIds.get(token.toLowerCase()), 'reason');
  const phraseText = normalize(words);
  const queryTokens = phraseTokens(phraseText);
  for (const entry of catalogue.values()) {
    if ((entry.phrases ?? []).some((p) => phraseMatches(phraseText, queryTokens, normalize(p)))) add(entry.id, 'phrase');
  }
  const byPhrase = [...found.values()].some((m) => m.matchedBy === 'phrase');
  // A named APNs reason says what its number is; "HTTP"/"APNs" say a number is a status, not a NIM code.
  const byReason = [...found.values()].some((m) => m.matchedBy === 'reason');
  const apnsContext = /\b(https?|apns)\b/i.test(text);
  for (const n of json || byReason ? [] : numbersIn(text)) {
    if (!apnsContext) add(`nim-code.${n}`, 'code');
    // A known phrase says what the number is about: an APNs status would only add noise then.
    if (!byPhrase) for (const [reason, status] of Object.entries(APNS_REASON_STATUS)) if (status === n) add(`apns.${reason}`, 'status');
  }
  if (found.size) return { query: text, matches: [...found.values()].sort((a, b) => RANK[a.matchedBy] - RANK[b.matchedBy]), suggestions: [] };

  const scored = scoreByWords(words);
  const strong = scored.filter((s) => s.score >= 0.6 && s.hits >= 2).slice(0, 5);
  if (strong.length) return { query: text, matches: strong.map((s) => ({ id: s.id, kind: kindOf(s.id), matchedBy: 'words' as const })), suggestions: [] };
  return { query: text, matches: [], suggestions: nearest(text, scored) };
}

/** The query holds the phrase (as text, or every word of it), or (for a query of some length) the phrase holds the query. */
function phraseMatches(query: string, queryTokens: Set<string>, phrase: string): boolean {
  if (query.includes(phrase) || (query.length >= 8 && phrase.includes(query))) return true;
  const tokens = phraseTokens(phrase);
  return tokens.size >= 2 && [...tokens].every((t) => queryTokens.has(t));
}

function scoreByWords(text: string): Array<{ id: string; score: number; hits: number }> {
  const q = wordsOf(text);
  if (!q.size) return [];
  const out: Array<{ id: string; score: number; hits: number }> = [];
  for (const [id, words] of entryWords) {
    let hits = 0;
    let named = 0;
    const own = idWords.get(id);
    for (const w of q) {
      if (words.has(w)) hits++;
      if (own?.has(w)) named++;
    }
    // Words of the id itself (`cert.expired` for "certificate expired") weigh more.
    if (hits) out.push({ id, score: hits / q.size + named / (2 * q.size), hits });
  }
  return out.sort((a, b) => b.score - a.score || b.hits - a.hits || a.id.localeCompare(b.id));
}

function nearest(text: string, scored: Array<{ id: string }>): ExplainMatch[] {
  const lower = text.toLowerCase();
  // An id-like query (`cert.expird`): the closest ids by spelling.
  const byName = /^[a-z0-9-]+\.[a-z0-9-]*$/i.test(text) || /^[A-Z][A-Za-z]+$/.test(text)
    ? ids.map((id) => ({ id, d: Math.min(levenshtein(lower, id.toLowerCase()), id.startsWith('apns.') ? levenshtein(lower, id.slice(5).toLowerCase()) : Infinity) }))
        .filter((x) => x.d <= Math.max(2, Math.floor(lower.length / 3)))
        .sort((a, b) => a.d - b.d)
        .map((x) => x.id)
    : [];
  const picked = [...new Set([...byName, ...scored.map((s) => s.id)])].slice(0, 3);
  return picked.map((id) => ({ id, kind: kindOf(id), matchedBy: 'words' as const }));
}

/** An entry's message and fix, with its placeholders shown as ‹name›. */
export function explainText(id: string, lang: Lang): { severity: Severity; message: string; fix: string } {
  const entry = catalogue.get(id) as CatalogueEntry;
  const show = (t: string) => t.replace(/\{(\w+)\}/g, '‹$1›');
  return { severity: entry.severity, message: show(entry[lang].message), fix: show(entry[lang].fix) };
}
