/**
 * Streaming bulk send: tokens are read lazily and at most `concurrency` requests are in flight,
 * so memory stays flat however long the token list is.
 */
import { StringDecoder } from 'node:string_decoder';

/** The token on one line, or undefined for a blank line or a `#` comment. */
function tokenOnLine(line: string): string | undefined {
  const text = line.trim();
  return text === '' || text.startsWith('#') ? undefined : text;
}

/** Appends the tokens of `lines` to `out`; a CR inside a line (old Mac line ends) splits it too. */
function collectTokens(lines: string[], out: string[]): void {
  for (const line of lines) {
    const cr = line.indexOf('\r');
    // CRLF's CR is the last character and trim() takes it: only a CR before the end splits.
    if (cr !== -1 && cr < line.length - 1) {
      collectTokens(line.split('\r'), out);
      continue;
    }
    const token = tokenOnLine(line);
    if (token !== undefined) out.push(token);
  }
}

/**
 * Tokens from a text stream, in batches (one per chunk read): one per line (LF, CRLF or CR);
 * blank lines and `#` comments are skipped. Each chunk is split here, a chunk at a time (so
 * memory stays bounded by the chunk size): readline's line events and async iterator cost about
 * twice as much per line, and a token at a time cost an async-generator step per token.
 */
export async function* readTokenBatches(input: NodeJS.ReadableStream): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const lines = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))).split('\n');
    rest = lines.pop() ?? '';
    const tokens: string[] = [];
    collectTokens(lines, tokens);
    if (tokens.length) yield tokens;
  }
  const last: string[] = [];
  collectTokens([rest + decoder.end()], last);
  if (last.length) yield last;
}

/** Items one at a time (a short list) or, from a stream, in batches as they are read. */
export type ItemSource<T> = AsyncIterable<readonly T[]> | Iterable<T>;

/** Every item of a source, one at a time (where the cost per item does not matter). */
export async function* eachItem<T>(items: ItemSource<T>): AsyncGenerator<T> {
  if (Symbol.asyncIterator in items) {
    for await (const batch of items) yield* batch;
  } else yield* items;
}

export interface BoundedRunOptions<R, T = unknown> {
  /** In-flight work items; at least 1. */
  concurrency: number;
  /** Called once per item, in completion order. */
  onResult: (result: R, index: number) => void;
  /** Checked before each new item is taken: true stops reading (in-flight items still finish). */
  shouldStop?: () => boolean;
  /** The result of an item already taken when the run stopped: every item taken gets one. */
  skipped?: (item: T, index: number) => R;
}

/**
 * Runs `work` over `items` with a bounded window: `concurrency` workers, each taking the next
 * item only when its previous one has finished, which is what keeps a 100k-line file from being
 * read into memory. An async source gives batches (a chunk's tokens): workers take items from the
 * current batch without waiting, and only an empty batch makes them wait, all on one read.
 * (A worker per slot costs two awaits per item; racing every in-flight promise per item
 * subscribed `concurrency` handlers each time; an async step per item cost ~5% of a bulk send.)
 * `work` must not throw (it turns failures into results); if it, `onResult` or the source do,
 * no new item is taken, those in flight finish, and the error is rethrown.
 */
export async function runBounded<T, R>(
  items: ItemSource<T>,
  work: (item: T, index: number) => Promise<R>,
  opts: BoundedRunOptions<R, T>,
): Promise<{ started: number; stopped: boolean }> {
  const limit = Math.max(1, Math.floor(opts.concurrency));
  const batches: AsyncIterator<readonly T[]> | undefined = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : undefined;
  const single: Iterator<T> | undefined = batches ? undefined : (items as Iterable<T>)[Symbol.iterator]();
  let batch: readonly T[] = [];
  let position = 0;
  let refill: Promise<void> | undefined;
  let failure: unknown;
  let started = 0;
  let stopped = false;
  let exhausted = false;
  const halted = (): boolean => {
    if (failure === undefined && !opts.shouldStop?.()) return false;
    stopped = true;
    return true;
  };
  /** An item and its number, given out in one step, so numbers follow the source's order. */
  const take = (value: T): { value: T; index: number } => ({ value, index: started++ });
  /** The next item, or undefined once the source has no more; one read serves every waiting worker. */
  async function nextItem(): Promise<{ value: T; index: number } | undefined> {
    if (single) {
      const next = single.next();
      return next.done ? undefined : take(next.value);
    }
    while (position >= batch.length) {
      if (exhausted) return undefined;
      refill ??= (batches as AsyncIterator<readonly T[]>).next().then(
        (next) => {
          refill = undefined;
          if (next.done) exhausted = true;
          else {
            batch = next.value;
            position = 0;
          }
        },
        (error: unknown) => {
          refill = undefined;
          throw error;
        },
      );
      await refill;
    }
    return take(batch[position++]);
  }
  async function runWorker(): Promise<void> {
    try {
      while (!exhausted && !halted()) {
        const next = position < batch.length ? take(batch[position++]) : await nextItem();
        if (!next) {
          exhausted = true;
          return;
        }
        // Checked again: the answer may have changed while this worker waited for the item. An
        // item already taken is never dropped: it gets the skipped result.
        if (halted()) {
          if (opts.skipped) opts.onResult(opts.skipped(next.value, next.index), next.index);
          return;
        }
        opts.onResult(await work(next.value, next.index), next.index);
      }
    } catch (err: unknown) {
      failure ??= err ?? new Error('bulk send failed');
      stopped = true;
    }
  }
  await Promise.all(Array.from({ length: limit }, runWorker));
  // Stopped early: let the source release what it holds (an open file, say).
  if (!exhausted) await Promise.resolve((batches ?? single)?.return?.()).catch(() => undefined);
  if (failure !== undefined) throw failure;
  return { started, stopped: stopped && !exhausted };
}
