/**
 * The relay's push log: the newest PUSH_LOG_MAX decisions, each kept as its JSON text. Thousands
 * of entry objects (each a tree of findings, APNs answers and a payload) held in the heap made
 * every garbage collection copy and trace them; one string per entry costs the collector next to
 * nothing, which was ~4% of the relay's throughput. Entries are parsed back only when read.
 */
import type { PushLogEntry } from '../core/nim/wire-relay.js';

export const PUSH_LOG_MAX = 5000;
/** Trimmed in batches (up to a tenth over the cap): cutting one line per message would move them all. */
const PUSH_LOG_SLACK = PUSH_LOG_MAX / 10;

export class PushLog {
  private lines: string[] = [];
  private lastId = 0;

  constructor(entries: readonly PushLogEntry[] = []) {
    for (const entry of entries) this.add(entry);
  }

  get length(): number {
    return this.lines.length;
  }

  /** The id of the newest entry (0 when the log is empty). */
  get newestId(): number {
    return this.lastId;
  }

  add(entry: PushLogEntry): void {
    this.lines.push(JSON.stringify(entry));
    this.lastId = entry.id;
    if (this.lines.length > PUSH_LOG_MAX + PUSH_LOG_SLACK) this.lines.splice(0, this.lines.length - PUSH_LOG_MAX);
  }

  /** The entry at `index` (negative counts from the newest), as `Array.prototype.at` does. */
  at(index: number): PushLogEntry | undefined {
    const line = this.lines.at(index);
    return line === undefined ? undefined : (JSON.parse(line) as PushLogEntry);
  }

  /** The newest `limit` entries that `keep` accepts, oldest first, from the newest PUSH_LOG_MAX. */
  newest(limit: number, keep: (entry: PushLogEntry) => boolean = () => true): PushLogEntry[] {
    const found: PushLogEntry[] = [];
    const oldest = Math.max(0, this.lines.length - PUSH_LOG_MAX);
    for (let i = this.lines.length - 1; i >= oldest && found.length < limit; i--) {
      const entry = JSON.parse(this.lines[i]) as PushLogEntry;
      if (keep(entry)) found.push(entry);
    }
    return found.reverse();
  }

  /** Every entry, oldest first. */
  entries(): PushLogEntry[] {
    return this.lines.map((line) => JSON.parse(line) as PushLogEntry);
  }

  /** A snapshot stores the entries themselves, as the log always has. */
  toJSON(): PushLogEntry[] {
    return this.entries();
  }
}
