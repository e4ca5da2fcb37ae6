import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTokenLines, runBounded } from '../../src/adapters/apns-bulk.js';

const collect = async <T>(source: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
};

describe('readTokenLines', () => {
  it('skips blank lines and # comments and trims CRLF', async () => {
    const input = Readable.from(['# tokens for QA\n', 'aa11\r\n', '\n', '  bb22  \n', '   # indented comment\n', 'cc33']);
    expect(await collect(readTokenLines(input))).toEqual(['aa11', 'bb22', 'cc33']);
  });
});

describe('runBounded', () => {
  it('never has more than `concurrency` items in flight and finishes every item once', async () => {
    let active = 0;
    let peak = 0;
    const seen: number[] = [];
    const { started } = await runBounded(
      Array.from({ length: 200 }, (_, i) => i),
      async (n) => {
        active++;
        peak = Math.max(peak, active);
        await new Promise((r) => setTimeout(r, n % 3));
        active--;
        return n;
      },
      { concurrency: 7, onResult: (n) => seen.push(n) },
    );
    expect(started).toBe(200);
    expect(peak).toBe(7);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i));
  });

  it('pulls items lazily: a slow consumer does not drain the source', async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield i;
      }
    }
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const run = runBounded(source(), async () => gate, { concurrency: 5, onResult: () => undefined });
    await new Promise((r) => setTimeout(r, 20));
    expect(pulled).toBeLessThanOrEqual(6);
    release();
    await run;
    expect(pulled).toBe(1000);
  });

  it('stops taking new items when asked and still finishes those in flight', async () => {
    const done: number[] = [];
    const result = await runBounded([1, 2, 3, 4, 5, 6], async (n) => n, {
      concurrency: 1,
      onResult: (n) => done.push(n),
      shouldStop: () => done.includes(3),
    });
    expect(result).toEqual({ started: 3, stopped: true });
    expect(done).toEqual([1, 2, 3]);
  });
});
