/** Medians, ratios and the printed table. */

export function median(values) {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return NaN;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

export const ratio = (a, b) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? a / b : NaN);

/**
 * The median of per-round ratios: each round runs both contenders back to back, so pairing them
 * cancels most of what the machine was doing at that moment (a ratio of medians does not).
 */
export const pairedRatio = (as, bs) => median(as.map((a, i) => ratio(a, bs[i])));

/** A target check: `value op limit`, PASS/FAIL, or SKIP when a side could not be measured. */
export function verdict(value, op, limit) {
  if (!Number.isFinite(value)) return 'SKIP';
  const ok = op === '>=' ? value >= limit : value <= limit;
  return ok ? 'PASS' : 'FAIL';
}

export function fmt(value, digits = 0) {
  if (value === undefined || value === null) return '-';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return 'n/a';
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A plain-text table: `rows` are arrays of cells, the first row is the header. */
export function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  const line = (r) => r.map((c, i) => (i === 0 ? String(c ?? '').padEnd(widths[i]) : String(c ?? '').padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
