/** The local relay's push log: every push decision, the refusals, and the APNs results. */
import type { Context } from '../context.js';
import { catalogue, describe } from '../core/catalogue/index.js';
import type { Issue } from '../core/finding.js';
import type { PushLogEntry } from '../core/nim/wire-relay.js';
import type { LogData } from '../output/log-view.js';
import { expectOk, openRelay, requireDeviceApi, type RelayAccessOptions } from './nim-access.js';

export interface LogOptions extends RelayAccessOptions {
  to?: string;
  from?: string;
  /** Newest entries to show; default 50. */
  limit?: number;
}

export async function pushLog(opts: LogOptions, ctx: Context): Promise<LogData> {
  const relay = await openRelay(opts, ctx);
  await requireDeviceApi(relay, 'log');
  const query: Record<string, unknown> = { limit: String(opts.limit ?? 50) };
  if (opts.to) query.to = opts.to;
  if (opts.from) query.from = opts.from;
  const call = await relay.client.private('pushlog/list', query);
  const entries = (expectOk(call.answer, ctx, call).entries as PushLogEntry[]).map((e) => ({
    ...e,
    findings: e.findings.filter((f) => catalogue.has(f.id)).map((f) => describe(f as Issue, ctx.lang)),
  }));
  return { ok: true, relay: relay.url, entries };
}
