/** Fault injection for reliability tests: deterministic given a seed. */
import { isApnsReason, type ApnsReason } from '../core/catalogue/apns-reasons.js';
import { seededRandom } from '../core/seeded-random.js';

/** An APNs error reason to answer with, or `reset` (RST_STREAM without a response). */
export type FaultKind = ApnsReason | 'reset';

export interface FaultSpec {
  /** Seed of the random generator used for `rates` and `delayJitterMs`. */
  seed?: number;
  /** Exact number of upcoming push requests that get this fault; consumed before `rates`. */
  counts?: Partial<Record<FaultKind, number>>;
  /** Probability (0..1) per push request. */
  rates?: Partial<Record<FaultKind, number>>;
  /**
   * Send GOAWAY on every Nth push stream (counted across connections, since `set`), on the
   * connection carrying it; that stream is refused unprocessed. Counted globally because clients
   * reconnect after other faults (node-apn does after every 500), so a per-connection count would
   * never reach N under a mix of faults.
   */
  goawayEvery?: number;
  /** The JSON reason carried in the GOAWAY frame's debug data (default `Shutdown`). */
  goawayReason?: string;
  /** Delay before answering each push request. */
  delayMs?: number;
  /** Extra random delay, 0..delayJitterMs. */
  delayJitterMs?: number;
}

export interface FaultDecision {
  kind?: FaultKind;
  delayMs: number;
}

const isFaultKind = (key: string): key is FaultKind => key === 'reset' || isApnsReason(key);

/** Checks an untrusted fault spec (from the admin endpoint); returns an error message or the spec. */
export function parseFaultSpec(input: unknown): FaultSpec | string {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'faults must be a JSON object';
  const raw = input as Record<string, unknown>;
  const spec: FaultSpec = {};
  for (const field of ['counts', 'rates'] as const) {
    const table = raw[field];
    if (table === undefined) continue;
    if (typeof table !== 'object' || table === null || Array.isArray(table)) return `${field} must be an object`;
    const parsed: Partial<Record<FaultKind, number>> = {};
    for (const [key, value] of Object.entries(table as Record<string, unknown>)) {
      if (!isFaultKind(key)) return `${field}.${key} is not an APNs reason or "reset"`;
      const limitOk = field === 'rates' ? Number(value) <= 1 : Number.isInteger(value);
      if (typeof value !== 'number' || value < 0 || !limitOk) return `${field}.${key} must be ${field === 'rates' ? 'between 0 and 1' : 'a whole number ≥ 0'}`;
      parsed[key] = value;
    }
    spec[field] = parsed;
  }
  for (const field of ['seed', 'goawayEvery', 'delayMs', 'delayJitterMs'] as const) {
    const value = raw[field];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) return `${field} must be a whole number ≥ 0`;
    if (field !== 'seed' && value > 600_000) return `${field} is too large`;
    spec[field] = value;
  }
  if (raw.goawayReason !== undefined) {
    if (typeof raw.goawayReason !== 'string' || raw.goawayReason.length > 64) return 'goawayReason must be a short string';
    spec.goawayReason = raw.goawayReason;
  }
  return spec;
}

/** Holds the active fault spec and decides, request by request, which fault (if any) applies. */
export class FaultInjector {
  private spec: FaultSpec = {};
  private remaining = new Map<FaultKind, number>();
  private random = seededRandom(0);
  private pushStreams = 0;
  /** How many of each fault were injected since the last `set`. */
  readonly injected = new Map<FaultKind | 'goaway', number>();

  set(spec: FaultSpec): void {
    this.spec = spec;
    this.remaining = new Map(Object.entries(spec.counts ?? {}) as Array<[FaultKind, number]>);
    this.random = seededRandom(spec.seed ?? 1);
    this.pushStreams = 0;
    this.injected.clear();
  }

  clear(): void {
    this.set({});
  }

  current(): FaultSpec {
    return this.spec;
  }

  /** Counts one push stream; returns the GOAWAY reason when this stream is the Nth (and notes it). */
  goawayForNextStream(): string | undefined {
    const every = this.spec.goawayEvery ?? 0;
    this.pushStreams += 1;
    if (every <= 0 || this.pushStreams % every !== 0) return undefined;
    this.count('goaway');
    return this.spec.goawayReason ?? 'Shutdown';
  }

  /** Decides the fault for the next push request. */
  decide(): FaultDecision {
    const jitter = this.spec.delayJitterMs ? Math.floor(this.random() * (this.spec.delayJitterMs + 1)) : 0;
    const delayMs = (this.spec.delayMs ?? 0) + jitter;
    for (const [kind, left] of this.remaining) {
      if (left > 0) {
        this.remaining.set(kind, left - 1);
        this.count(kind);
        return { kind, delayMs };
      }
    }
    for (const [kind, rate] of Object.entries(this.spec.rates ?? {}) as Array<[FaultKind, number]>) {
      if (rate > 0 && this.random() < rate) {
        this.count(kind);
        return { kind, delayMs };
      }
    }
    return { delayMs };
  }

  summary(): Record<string, number> {
    return Object.fromEntries(this.injected);
  }

  private count(kind: FaultKind | 'goaway'): void {
    this.injected.set(kind, (this.injected.get(kind) ?? 0) + 1);
  }
}
