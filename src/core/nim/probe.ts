/**
 * What diagnose asks a relay, as data: each probe names its endpoint, the facts it can supply, the
 * request, and how a successful answer reads as facts. Only an answer with code 200 is ever read;
 * an error, an unknown API or a timeout leaves the facts unknown.
 */
import type { Issue } from '../finding.js';
import type { FactKey, Facts } from '../diagnosis/facts.js';

export interface DiagnoseQuery {
  /** The receiver, lower-cased. */
  to: string;
  /** The sender, lower-cased, when given. */
  from?: string;
  nowMs: number;
}

/** One HTTP request of the NIM API (v1 form POST, v2 JSON) or of the relay's own API (JSON POST). */
export type NimRequest =
  | { api: 'v1'; path: string; form: Record<string, string> }
  | { api: 'v2'; method: 'GET' | 'POST' | 'PATCH' | 'DELETE'; path: string; query?: Record<string, string>; body?: unknown }
  | { api: 'private'; path: string; body: Record<string, unknown> };

export interface ProbeReading {
  facts: Facts;
  /** Context: why a fact stays unknown although the endpoint answered. */
  issues: Issue[];
}

export interface Probe {
  /** As fact sources and findings name it: `user/getUinfos`, `GET /im/v2/accounts/{id}`. */
  endpoint: string;
  /** The facts it may supply (for the missing-facts hints and to skip probes flags make needless). */
  supplies: readonly FactKey[];
  request(q: DiagnoseQuery): NimRequest;
  /** Reads an answer whose code is 200. */
  read(answer: unknown, q: DiagnoseQuery): ProbeReading;
}

export const reading = (facts: Facts, issues: Issue[] = []): ProbeReading => ({ facts, issues });
