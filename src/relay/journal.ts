/**
 * Durable, append-only JSON-lines journal. A write resolves only after its line is fsynced,
 * so anything the relay acknowledged survives `kill -9`. Concurrent appends are committed in
 * groups (one write + one fsync per group) to keep hundreds of parallel writes fast.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';

export interface JournalReplay<T> {
  records: T[];
  /** Lines that could not be parsed (a torn last line after a crash, or damage). */
  skipped: number;
  snapshot?: unknown;
  lastSeq: number;
}

interface Line<T> {
  seq: number;
  rec: T;
}

const JOURNAL = 'journal.jsonl';
const SNAPSHOT = 'snapshot.json';

/** Reads the snapshot and the journal lines after it; cuts a torn tail so later appends start on a clean line. */
export function replayJournal<T>(dir: string): JournalReplay<T> {
  let snapshot: unknown;
  let lastSeq = 0;
  const snapPath = join(dir, SNAPSHOT);
  if (existsSync(snapPath)) {
    const parsed = JSON.parse(readFileSync(snapPath, 'utf8')) as { seq: number; state: unknown };
    snapshot = parsed.state;
    lastSeq = parsed.seq;
  }
  const path = join(dir, JOURNAL);
  const records: T[] = [];
  let skipped = 0;
  if (!existsSync(path)) return { records, skipped, snapshot, lastSeq };
  const text = readFileSync(path, 'utf8');
  let goodEnd = 0;
  let offset = 0;
  for (const raw of text.split('\n')) {
    const end = offset + Buffer.byteLength(raw) + 1;
    offset = end;
    if (raw === '') continue;
    try {
      const line = JSON.parse(raw) as Line<T>;
      if (typeof line.seq !== 'number' || !('rec' in line)) throw new Error('not a journal line');
      goodEnd = Math.min(end, Buffer.byteLength(text));
      if (line.seq <= lastSeq) continue;
      lastSeq = line.seq;
      records.push(line.rec);
    } catch {
      skipped += 1;
    }
  }
  // A line without its newline is a torn write: drop it so the next append is not glued to it.
  if (text.length && !text.endsWith('\n')) {
    const size = Buffer.byteLength(text);
    if (goodEnd < size) truncateSync(path, goodEnd);
    else appendFileSync(path, '\n');
  }
  return { records, skipped, snapshot, lastSeq };
}

/** Writes a snapshot atomically (temp + fsync + rename), then empties the journal it covers. */
export function writeSnapshot(dir: string, seq: number, state: unknown): void {
  const target = join(dir, SNAPSHOT);
  const temp = `${target}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify({ seq, state }));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
  syncDir(dir);
  // Lines up to `seq` are in the snapshot; replay skips them even if this truncate is lost.
  if (existsSync(join(dir, JOURNAL))) truncateSync(join(dir, JOURNAL), 0);
}

function syncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // some platforms cannot fsync a directory; the rename is still atomic
  }
}

export class Journal<T> {
  private handle?: FileHandle;
  private pending: Array<{ line: string; resolve: () => void; reject: (e: Error) => void }> = [];
  private flushing = false;
  private closed = false;

  private constructor(private seq: number) {}

  static async open<T>(dir: string, lastSeq: number): Promise<Journal<T>> {
    const journal = new Journal<T>(lastSeq);
    journal.handle = await open(join(dir, JOURNAL), 'a', 0o600);
    return journal;
  }

  get lastSeq(): number {
    return this.seq;
  }

  append(rec: T): Promise<void> {
    if (this.closed) return Promise.reject(new Error('journal closed'));
    this.seq += 1;
    const line = `${JSON.stringify({ seq: this.seq, rec })}\n`;
    return new Promise((resolve, reject) => {
      this.pending.push({ line, resolve, reject });
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || !this.handle) return;
    this.flushing = true;
    while (this.pending.length) {
      const group = this.pending.splice(0);
      try {
        await this.handle.write(group.map((g) => g.line).join(''));
        await this.handle.datasync();
        for (const g of group) g.resolve();
      } catch (error) {
        for (const g of group) g.reject(error as Error);
      }
    }
    this.flushing = false;
  }

  async close(): Promise<void> {
    this.closed = true;
    while (this.flushing || this.pending.length) await new Promise((r) => setTimeout(r, 5));
    await this.handle?.close();
    this.handle = undefined;
  }
}
