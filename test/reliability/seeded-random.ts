/** A seedable generator and input makers shared by the reliability tests: same seed, same inputs. */

export interface Rng {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Buffer;
  /** Printable ASCII, any BMP character or a mix, up to `max` characters. */
  text(max: number): string;
}

/** mulberry32: tiny, seedable, and good enough to shape test inputs. */
export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (max: number): number => Math.floor(next() * max);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)];
  const bytes = (length: number): Buffer => Buffer.from(Array.from({ length }, () => int(256)));
  const text = (max: number): string => {
    const length = int(max + 1);
    const mode = int(3);
    return Array.from({ length }, () => {
      if (mode === 0 || (mode === 2 && next() < 0.7)) return String.fromCharCode(32 + int(95));
      return String.fromCharCode(int(0xffff));
    }).join('');
  };
  return { next, int, pick, bytes, text };
}
