import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readTokenBatches, runBounded } from '../../src/adapters/apns-bulk.js';

/** The tokens of every batch, in order. */
const collect = async <T>(source: AsyncIterable<readonly T[]>) => {
  const out: T[] = [];
  for await (const batch of source) out.push(...batch);
  return out;
};

describe('readTokenBatches', () => {
  it('skips blank lines and # comments and trims CRLF', async () => {
    const input = Readable.from(['# tokens for QA\n', 'aa11\r\n', '\n', '  bb22  \n', '   # indented comment\n', 'cc33']);
    expect(await collect(readTokenBatches(input))).toEqual(['aa11', 'bb22', 'cc33']);
  });

  it('joins a line split across chunks, even inside a character, so a bad line is reported as written', async () => {
    const bytes = Buffer.from('# list\n令牌abcdef\r\n0123', 'utf8');
    // Cuts inside the three bytes of 令, inside the hex part and between CR and LF.
    const cuts = [8, 15, 20];
    const chunks = [0, ...cuts].map((start, i) => bytes.subarray(start, cuts[i] ?? bytes.length));
    expect(await collect(readTokenBatches(Readable.from(chunks)))).toEqual(['令牌abcdef', '0123']);
  });

  it('treats a lone CR as a line end, as old Mac files have them', async () => {
    expect(await collect(readTokenBatches(Readable.from(['# list\raa11\rbb22\r\rcc33'])))).toEqual(['aa11', 'bb22', 'cc33']);
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

  it('pulls batches lazily: a slow consumer does not drain the source, and one read serves every waiting worker', async () => {
    let pulled = 0;
    async function* source() {
      for (let i = 0; i < 100; i++) {
        pulled++;
        await new Promise((r) => setTimeout(r, 1));
        yield Array.from({ length: 10 }, (_, j) => i * 10 + j);
      }
    }
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const seen: number[] = [];
    const run = runBounded(source(), async (n) => {
      await gate;
      return n;
    }, { concurrency: 25, onResult: (n) => seen.push(n) });
    await new Promise((r) => setTimeout(r, 30));
    // 25 in flight need three batches of ten, read one after the other.
    expect(pulled).toBe(3);
    release();
    await run;
    expect(pulled).toBe(100);
    expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
  });

  it('numbers every item by its place in the source, batches included, whatever order workers finish in', async () => {
    async function* source() {
      for (let i = 0; i < 20; i++) {
        await new Promise((r) => setTimeout(r, 1));
        yield Array.from({ length: 7 }, (_, j) => i * 7 + j);
      }
    }
    const pairs: Array<[number, number]> = [];
    await runBounded(source(), async (n, index) => {
      await new Promise((r) => setTimeout(r, (n * 7) % 3));
      return [n, index] as [number, number];
    }, { concurrency: 9, onResult: (pair) => pairs.push(pair) });
    expect(pairs).toHaveLength(140);
    for (const [n, index] of pairs) expect(index).toBe(n);
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

  it('closes the source when it stops early, so an open token file is released', async () => {
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 100; i++) yield [i];
      } finally {
        closed = true;
      }
    }
    const done: number[] = [];
    await runBounded(source(), async (n) => n, { concurrency: 3, onResult: (n) => done.push(n), shouldStop: () => done.length >= 5 });
    expect(closed).toBe(true);
    expect(done.length).toBeLessThan(100);
  });

  it('when the source fails, finishes the items in flight, takes no more and rethrows', async () => {
    async function* source() {
      yield [1];
      yield [2];
      throw new Error('disk gone');
    }
    const finished: number[] = [];
    const run = runBounded(source(), async (n) => {
      await new Promise((r) => setTimeout(r, 20));
      return n;
    }, { concurrency: 4, onResult: (n) => finished.push(n) });
    await expect(run).rejects.toThrow('disk gone');
    expect(finished.sort()).toEqual([1, 2]);
  });
});
