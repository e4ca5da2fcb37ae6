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
 * Tokens from a text stream: one per line (LF, CRLF or CR); blank lines and `#` comments are
 * skipped. Each chunk is split here, a chunk at a time (so memory stays bounded by the chunk
 * size): readline's line events and async iterator cost about twice as much per line.
 */
export async function* readTokenLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  const tokens: string[] = [];
  for await (const chunk of input) {
    const lines = (rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer))).split('\n');
    rest = lines.pop() ?? '';
    collectTokens(lines, tokens);
    // A plain loop: `yield*` over an array in an async generator costs about twice as much per item.
    for (const token of tokens) yield token;
    tokens.length = 0;
  }
  collectTokens([rest + decoder.end()], tokens);
  for (const token of tokens) yield token;
}

export interface BoundedRunOptions<R, T = unknown> {
  /** In-flight work items; at least 1. */
  concurrency: number;
  /** Called once per item, in completion order. */
  onResult: (result: R, index: number) => void;
  /** Checked before each new item is taken: true stops reading (in-flight items still finish). */
  shouldStop?: () => boolean;
  /** The result of an item already read when the run stopped: every item read gets one. */
  skipped?: (item: T, index: number) => R;
}

/**
 * Runs `work` over `items` with a bounded window: `concurrency` workers, each taking the next
 * item from the shared iterator only when its previous one has finished, which is what keeps a
 * 100k-line file from being read into memory. (A worker per slot costs two awaits per item;
 * racing every in-flight promise per item subscribed `concurrency` handlers each time.)
 * `work` must not throw (it turns failures into results); if it, `onResult` or the source do,
 * no new item is taken, those in flight finish, and the error is rethrown.
 */
export async function runBounded<T, R>(
  items: AsyncIterable<T> | Iterable<T>,
  work: (item: T, index: number) => Promise<R>,
  opts: BoundedRunOptions<R, T>,
): Promise<{ started: number; stopped: boolean }> {
  const limit = Math.max(1, Math.floor(opts.concurrency));
  const source: AsyncIterator<T> | Iterator<T> = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  let failure: unknown;
  let started = 0;
  let stopped = false;
  let exhausted = false;
  const halted = (): boolean => {
    if (failure === undefined && !opts.shouldStop?.()) return false;
    stopped = true;
    return true;
  };
  async function runWorker(): Promise<void> {
    try {
      while (!exhausted && !halted()) {
        const next: IteratorResult<T> = await source.next();
        if (next.done) {
          exhausted = true;
          return;
        }
        const index = started++;
        // Checked again: the answer may have changed while this worker waited for the item. An
        // item already read is never dropped: it gets the skipped result.
        if (halted()) {
          if (opts.skipped) opts.onResult(opts.skipped(next.value, index), index);
          return;
        }
        opts.onResult(await work(next.value, index), index);
      }
    } catch (err: unknown) {
      failure ??= err ?? new Error('bulk send failed');
      stopped = true;
    }
  }
  await Promise.all(Array.from({ length: limit }, runWorker));
  // Stopped early: let the source release what it holds (an open file, say).
  if (!exhausted) await Promise.resolve(source.return?.()).catch(() => undefined);
  if (failure !== undefined) throw failure;
  return { started, stopped: stopped && !exhausted };
}
