/**
 * Reading commander's loosely typed option values into typed options, in one place: every
 * command refuses a bad value the same way, exit 2 naming the flag and what it takes.
 */
import { bilingual, UsageError } from '../core/errors.js';
import type { ApnsEnvironment } from '../core/profile.js';

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** A repeatable flag's values. */
export const list = (v: unknown): string[] | undefined => (Array.isArray(v) ? (v as string[]) : typeof v === 'string' ? [v] : undefined);

export const flagError = (flag: string, en: string, zh: string, value: unknown): UsageError =>
  new UsageError(bilingual(`${flag} ${en} (got ${JSON.stringify(String(value))}).`, `${flag} ${zh}(收到 ${JSON.stringify(String(value))})。`), 'usage', { flag });

/** A whole number in a range (or one of `allowed`). */
export function int(v: unknown, flag: string, range: { min?: number; max?: number; allowed?: readonly number[] } = {}): number | undefined {
  if (v === undefined) return undefined;
  const text = String(v).trim();
  const n = /^-?\d+$/.test(text) ? Number(text) : NaN;
  if (range.allowed) {
    if (!range.allowed.includes(n)) throw flagError(flag, `must be one of ${range.allowed.join(', ')}`, `只能是 ${range.allowed.join('、')} 之一`, v);
    return n;
  }
  const min = range.min ?? 0;
  const max = range.max ?? Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const span = range.max === undefined ? `≥ ${min}` : `${min}–${max}`;
    throw flagError(flag, `takes a whole number ${span}`, `需要 ${span} 的整数`, v);
  }
  return n;
}

export function oneOf<T extends string>(v: unknown, flag: string, values: readonly T[]): T | undefined {
  if (v === undefined) return undefined;
  if ((values as readonly unknown[]).includes(v)) return v as T;
  throw flagError(flag, `must be one of ${values.join(', ')}`, `只能是 ${values.join('、')} 之一`, v);
}

export const ENVIRONMENTS = ['development', 'production'] as const;
export const environment = (v: unknown, flag = '--env'): ApnsEnvironment | undefined => oneOf(v, flag, ENVIRONMENTS);

export function yesNo(v: unknown, flag: string): boolean | undefined {
  if (v === undefined) return undefined;
  if (v === true || v === 'yes') return true;
  if (v === 'no') return false;
  throw flagError(flag, 'takes yes or no', '只能是 yes 或 no', v);
}

export const port = (v: unknown, flag: string): number => int(v ?? '0', flag, { min: 0, max: 65535 }) ?? 0;

/** Seconds or milliseconds given as a positive number (decimals allowed). */
export function positive(v: unknown, flag: string, unit: { en: string; zh: string }): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0 || String(v).trim() === '') throw flagError(flag, `takes ${unit.en}`, `需要${unit.zh}`, v);
  return n;
}

/** The options every command that talks to NIM shares: `--relay`, `--timeout`, `--api`. */
export const relayOptions = (opts: Record<string, unknown>): { relay?: string; timeout?: string; api?: string } => ({
  relay: str(opts.relay),
  timeout: str(opts.timeout),
  api: str(opts.api),
});
