/**
 * De-duplication by trace id, as NetEase's servers do it: the SDK reuses a request's trace id
 * (`RequestId` for v1, `X-custom-traceid` for v2) when it retries after a timeout or a 502, so the
 * second copy of a request that already took effect gets the first one's answer and does nothing.
 */
import type { Reply } from './handler.js';

export const DEDUP_WINDOW_MS = 5 * 60_000;
const MAX_ENTRIES = 20_000;

export class TraceDedup {
  private seen = new Map<string, { expires: number; reply: Promise<Reply> }>();

  /** Runs `handle` once per (route, trace id) inside the window; a repeat gets the same answer. */
  run(route: string, traceId: string | undefined, nowMs: number, handle: () => Promise<Reply>): Promise<Reply> {
    if (!traceId) return handle();
    const key = `${route}\n${traceId}`;
    const hit = this.seen.get(key);
    if (hit && hit.expires > nowMs) return hit.reply;
    const reply = handle();
    this.seen.set(key, { expires: nowMs + DEDUP_WINDOW_MS, reply });
    // A failed handler must not pin its failure on later retries.
    reply.catch(() => this.seen.delete(key));
    if (this.seen.size > MAX_ENTRIES) this.sweep(nowMs);
    return reply;
  }

  private sweep(nowMs: number): void {
    for (const [key, entry] of this.seen) {
      if (entry.expires <= nowMs || this.seen.size > MAX_ENTRIES / 2) this.seen.delete(key);
    }
  }
}
