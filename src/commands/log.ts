/** `nim-push log [--to accid]`: the local relay's push log, one decision per message. */
import { catalogue, describe } from '../core/catalogue/index.js';
import type { Issue } from '../core/finding.js';
import type { CommandResult, Context } from '../context.js';
import type { PushLogEntry } from '../relay/state.js';
import { expectOk, openRelay, requireLocalRelay, type RelayAccessOptions } from './relay-access.js';

export interface LogOptions extends RelayAccessOptions {
  to?: string;
  from?: string;
  /** Newest entries to show; default 50. */
  limit?: number;
}

export async function runLog(opts: LogOptions, ctx: Context): Promise<CommandResult> {
  const relay = await openRelay(opts, ctx);
  requireLocalRelay(relay, 'log', ctx);
  const query: Record<string, unknown> = { limit: String(opts.limit ?? 50) };
  if (opts.to) query.to = opts.to;
  if (opts.from) query.from = opts.from;
  const res = expectOk(await relay.client.callJson('pushlog/list', query), ctx);
  const entries = (res.entries as PushLogEntry[]).map((e) => ({
    ...e,
    findings: e.findings.filter((f) => catalogue.has(f.id)).map((f) => describe(f as Issue, ctx.lang)),
  }));
  return {
    exitCode: 0,
    data: { ok: true, relay: relay.url, entries },
    human: (s) =>
      entries.length === 0
        ? s.dim(opts.to ? `No messages to ${opts.to} in the push log.` : 'The push log is empty.')
        : entries
            .map((e) => {
              const mark = e.delivery === 'push' ? s.ok('push   ') : e.delivery === 'in-app' ? s.dim('in-app ') : s.warn('no push');
              const apns = (e.apns ?? []).map((a) => `${a.status}${a.reason ? ` ${a.reason}` : ''}`).join(', ');
              const blocking = e.findings.find((f) => f.severity === 'error');
              return `${s.dim(e.time)} #${e.id} ${mark} ${e.from} → ${e.to}${e.text ? `  "${e.text}"` : ''}${apns ? `  apns: ${apns}` : ''}${blocking ? `  ${s.warn(blocking.id)} ${blocking.message}` : ''}`;
            })
            .join('\n'),
  };
}
