/**
 * Streaming bulk send: tokens are read lazily and at most `concurrency` requests are in flight,
 * so memory stays flat however long the token list is.
 */
import { createInterface } from 'node:readline';

/** Tokens from a text stream: one per line; blank lines and `#` comments are skipped. */
export async function* readTokenLines(input: NodeJS.ReadableStream): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    yield text;
  }
}

export interface BoundedRunOptions<R> {
  /** In-flight work items; at least 1. */
  concurrency: number;
  /** Called once per item, in completion order. */
  onResult: (result: R, index: number) => void;
  /** Checked before each new item is taken: true stops reading (in-flight items still finish). */
  shouldStop?: () => boolean;
}

/**
 * Runs `work` over `items` with a bounded window. The next item is pulled from the iterator only
 * when a slot is free, which is what keeps a 100k-line file from being read into memory.
 * `work` must not throw (it turns failures into results); if it does, the run stops and rethrows.
 */
export async function runBounded<T, R>(
  items: AsyncIterable<T> | Iterable<T>,
  work: (item: T, index: number) => Promise<R>,
  opts: BoundedRunOptions<R>,
): Promise<{ started: number; stopped: boolean }> {
  const limit = Math.max(1, Math.floor(opts.concurrency));
  let failure: unknown;
  let started = 0;
  let stopped = false;
  let active = 0;
  // One waiter woken by whichever item settles next. (Racing every in-flight promise on each
  // item subscribes `concurrency` handlers per item: at 100 in flight that was most of the CPU.)
  let wake: (() => void) | undefined;
  const settle = (error?: unknown): void => {
    if (error !== undefined) failure ??= error;
    active -= 1;
    const resume = wake;
    wake = undefined;
    resume?.();
  };
  const slotFreed = () => new Promise<void>((resolve) => (wake = resolve));
  for await (const item of items) {
    if (failure !== undefined || opts.shouldStop?.()) {
      stopped = true;
      break;
    }
    const index = started++;
    active += 1;
    work(item, index).then(
      (result) => {
        try {
          opts.onResult(result, index);
          settle();
        } catch (err: unknown) {
          settle(err ?? new Error('bulk send failed'));
        }
      },
      (err: unknown) => settle(err ?? new Error('bulk send failed')),
    );
    while (active >= limit) await slotFreed();
  }
  while (active > 0) await slotFreed();
  if (failure !== undefined) throw failure;
  return { started, stopped };
}
