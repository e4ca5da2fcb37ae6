/** `--expiry` values: epoch seconds, 0 (deliver now or never), or a duration from now. */

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/**
 * Accepts `0`, epoch seconds (`1767225600`) or a duration such as `30s`, `10m`, `1h`, `7d`;
 * returns the `apns-expiration` value in epoch seconds, or undefined when the text is none of these.
 */
export function parseExpiry(value: string, now: Date): number | undefined {
  const text = value.trim();
  const duration = /^(\d+)([smhd])$/.exec(text);
  if (duration) return Math.floor(now.getTime() / 1000) + Number(duration[1]) * UNIT_SECONDS[duration[2]];
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return Number(text);
  return undefined;
}
