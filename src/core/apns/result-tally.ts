/**
 * Counts every result of a send but keeps only a bounded number of them, so a 100k-token run
 * has flat memory while a normal run (a handful of tokens) still reports each one.
 */
import type { Issue } from '../finding.js';

export interface DirectResult {
  recipient: string;
  /** `blocked`: a local check stopped it and nothing was sent; `failed`: APNs refused it. */
  status: 'sent' | 'failed' | 'blocked';
  apnsId?: string;
  apnsUniqueId?: string;
  httpStatus?: number;
  reason?: string;
  attempts?: number;
  /** The `date` header of APNs' answer (for clock checks). */
  serverDate?: string;
  findings: Issue[];
}

export interface TallySummary {
  sent: number;
  failed: number;
  blocked: number;
}

export class ResultTally {
  readonly summary: TallySummary = { sent: 0, failed: 0, blocked: 0 };
  private readonly keptSent: Array<[number, DirectResult]> = [];
  private readonly keptFailed: Array<[number, DirectResult]> = [];
  /** Results counted but not kept, by status. */
  readonly omitted = { sent: 0, failed: 0 };


  /** `maxKept` applies to sent and unsent (failed or blocked) results separately, so failures are never crowded out. */
  constructor(private readonly maxKept = 1000) {}

  add(result: DirectResult, index: number): void {
    const kept = result.status === 'sent' ? this.keptSent : this.keptFailed;
    this.summary[result.status] += 1;
    if (kept.length < this.maxKept) kept.push([index, result]);
    else this.omitted[result.status === 'sent' ? 'sent' : 'failed'] += 1;
  }

  get total(): number {
    return this.summary.sent + this.summary.failed + this.summary.blocked;
  }

  /** The kept results in input order. */
  results(): DirectResult[] {
    return [...this.keptSent, ...this.keptFailed].sort((a, b) => a[0] - b[0]).map(([, r]) => r);
  }
}
