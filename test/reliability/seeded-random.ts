/** A seedable generator and input makers shared by the reliability tests: same seed, same inputs. */
import { seededRandom } from '../../src/core/seeded-random.js';

export interface Rng {
  next(): number;
  int(max: number): number;
  pick<T>(items: readonly T[]): T;
  bytes(length: number): Buffer;
  /** Printable ASCII, any BMP character or a mix, up to `max` characters. */
  text(max: number): string;
}

/** Input makers over the shared seeded generator. */
export function createRng(seed: number): Rng {
  const next = seededRandom(seed);
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
