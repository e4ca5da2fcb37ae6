/** A direct send: local checks, then APNs requests through node-apn (or a dry run), a result per token. */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { describe } from '../core/catalogue/index.js';
import type { ApnMaterial } from '../core/credentials/inspect.js';
import type { Finding, Issue } from '../core/finding.js';
import { APNS_HOSTS, type ApnsEnvironment } from '../core/profile.js';
import { parseExpiry } from '../core/apns/expiry.js';
import { buildMessage, type MessageOptions } from '../core/apns/message.js';
import { prepareRecipient } from '../core/apns/recipient.js';
import { toDryRunRequest, type ApnsRequest } from '../core/apns/request.js';
import type { BackoffPolicy } from '../core/apns/response.js';
import { ResultTally, type DirectResult } from '../core/apns/result-tally.js';
import { ApnsSetupError, createApnsClient, type ApnsClient, type ApnsClientOptions, type ApnsSendResult } from '../adapters/apns-client.js';
import { eachItem, readTokenBatches, runBounded, type ItemSource } from '../adapters/apns-bulk.js';
import { openInputStream, readInputFile } from '../adapters/files.js';
import { proxyFor } from './network.js';
import { bilingual, CheckFailedError, UnreachableError, UsageError } from '../core/errors.js';
import type { DirectJsonResult, SendDirectData } from '../output/send-direct-view.js';

/** Options after commander and profile resolution. Strings are the raw flag values. */
export interface SendDirectOptions extends Omit<MessageOptions, 'payload' | 'expiry' | 'priority'> {
  /** `--token`, repeatable. */
  tokens?: string[];
  /** `--tokens-file`: a path (relative to ctx.cwd) or `-` for ctx.stdin. */
  tokensFile?: string;
  /** The credential, already resolved and inspected by the caller. */
  material: ApnMaterial;
  environment: ApnsEnvironment;
  bundleId: string;
  /** `--payload`: JSON text, or `@file`. */
  payload?: string;
  /** `--expiry`: epoch seconds, 0, or a duration such as 1h. */
  expiry?: string | number;
  /** `--priority`: 10, 5 or 1. */
  priority?: string | number;
  /** `--apns-url https://host:port` (already resolved when the user wrote `sim`). */
  apnsUrl?: string;
  /** `--apns-ca <file>` (read here), or the PEM itself. */
  apnsCa?: string;
  apnsCaPem?: string;
  /** `--apns-url sim`: the local simulator, reached directly whatever the proxy settings. */
  localSim?: boolean;
  /** `--insecure`: skip TLS verification of --apns-url. */
  insecure?: boolean;
  /** In-flight requests; default 100. */
  concurrency?: number;
  /** HTTP/2 connections; default 1. */
  connections?: number;
  dryRun?: boolean;
  requestTimeoutMs?: number;
  retry?: Partial<BackoffPolicy>;
  /** Results kept for output, per status (all are counted); default 1000. */
  maxKeptResults?: number;
  /** Every result as it completes, e.g. to write NDJSON for very large runs. */
  onResult?: (result: DirectResult) => void;
  /** Called with the running summary after each result (a progress line). */
  onProgress?: (summary: { sent: number; failed: number }) => void;
}

export interface SendDirectDeps {
  createClient?: (opts: ApnsClientOptions) => ApnsClient;
}

const DEFAULT_CONCURRENCY = 100;

const readFlagFile = async (ctx: Context, file: string, what: { en: string; zh: string }): Promise<string> => (await readInputFile(resolve(ctx.cwd, file), what)).toString('utf8');

async function toMessageOptions(opts: SendDirectOptions, ctx: Context): Promise<MessageOptions> {
  const { tokens: _t, tokensFile: _f, material: _m, payload, expiry, priority, ...rest } = opts;
  const message: MessageOptions = { ...rest };
  if (payload !== undefined) message.payload = payload.startsWith('@') ? await readFlagFile(ctx, payload.slice(1), { en: 'the --payload file', zh: '--payload 文件' }) : payload;
  if (expiry !== undefined) {
    message.expiry = typeof expiry === 'number' ? expiry : parseExpiry(expiry, ctx.now());
    if (message.expiry === undefined) throw new UsageError(bilingual(`Invalid --expiry ${JSON.stringify(expiry)}: use epoch seconds, 0, or a duration like 30m, 1h, 7d.`, `--expiry ${JSON.stringify(expiry)} 无效:请用秒级时间戳、0,或 30m、1h、7d 这样的时长。`));
  }
  if (priority !== undefined) {
    const n = Number(priority);
    if (![10, 5, 1].includes(n) || String(priority).trim() === '') throw new UsageError(bilingual(`--priority must be one of 10, 5, 1 (got ${JSON.stringify(String(priority))}).`, `--priority 只能是 10、5、1 之一(收到 ${JSON.stringify(String(priority))})。`), 'usage', { flag: '--priority' });
    message.priority = n;
  }
  return message;
}

/** The tokens to send: the listed ones as they are, a file or stdin in batches as it is read. */
async function openTokenSource(opts: SendDirectOptions, ctx: Context): Promise<ItemSource<string>> {
  let stream: NodeJS.ReadableStream | undefined;
  if (opts.tokensFile === '-') stream = ctx.stdin;
  else if (opts.tokensFile !== undefined) stream = await openInputStream(resolve(ctx.cwd, opts.tokensFile), { en: 'the --tokens-file', zh: '--tokens-file 文件' });
  const listed = opts.tokens ?? [];
  if (!stream) return listed;
  if (listed.length === 0) return readTokenBatches(stream);
  const file = stream;
  return (async function* () {
    yield listed;
    yield* readTokenBatches(file);
  })();
}

const render = (issues: Issue[], ctx: Context): Finding[] => issues.map((i) => describe(i, ctx.lang));

function toJsonResult(r: DirectResult, ctx: Context): DirectJsonResult {
  return {
    recipient: r.recipient,
    status: r.status,
    apnsId: r.apnsId ?? null,
    ...(r.apnsUniqueId ? { apnsUniqueId: r.apnsUniqueId } : {}),
    ...(r.httpStatus !== undefined ? { httpStatus: r.httpStatus } : {}),
    reason: r.reason ?? null,
    findings: render(r.findings, ctx),
  };
}

/** One token's result as the send reports it: the token as given, its local findings first. */
function toDirectResult(raw: string, tokenFindings: Issue[], sent: ApnsSendResult): DirectResult {
  // Clean tokens have no findings and sent pushes none: no array is copied for them.
  const findings = tokenFindings.length === 0 ? sent.findings : sent.findings.length === 0 ? tokenFindings : [...tokenFindings, ...sent.findings];
  const { status, apnsId, apnsUniqueId, httpStatus, reason, attempts, serverDate } = sent;
  return { recipient: raw, status, apnsId, apnsUniqueId, httpStatus, reason, attempts, serverDate, findings };
}

export async function sendDirect(opts: SendDirectOptions, ctx: Context, deps: SendDirectDeps = {}): Promise<SendDirectData> {
  if (!opts.tokens?.length && opts.tokensFile === undefined) {
    throw new UsageError(bilingual('Nothing to send to: give --token <hex> (repeatable) or --tokens-file <file|->.', '没有发送对象:请给出 --token <十六进制>(可重复)或 --tokens-file <文件|->。'));
  }
  const concurrency = opts.concurrency ?? DEFAULT_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 10_000) throw new UsageError(bilingual(`--concurrency takes a whole number 1–10000 (got ${concurrency}).`, `--concurrency 需要 1–10000 的整数(收到 ${concurrency})。`), 'usage', { flag: '--concurrency' });
  const built = buildMessage(await toMessageOptions(opts, ctx), { bundleId: opts.bundleId });
  // Message errors are reported on each recipient; the rest once for the whole send.
  const messageFindings = render(built.ok ? built.issues : built.issues.filter((i) => i.severity !== 'error'), ctx);
  const tokens = await openTokenSource(opts, ctx);
  const tally = new ResultTally(opts.maxKeptResults ?? 1000);
  const record = (result: DirectResult, index: number) => {
    tally.add(result, index);
    opts.onResult?.(result);
  };

  if (opts.dryRun) return runDryRun(opts, ctx, tokens, built, tally, record, messageFindings);

  let client: ApnsClient;
  const endpoint = opts.apnsUrl ?? `https://${APNS_HOSTS[opts.environment]}`;
  // A malformed --apns-url is reported by the client below.
  const proxy = URL.canParse(endpoint) && !opts.localSim ? proxyFor(endpoint, ctx) : undefined;
  const ca = opts.apnsCaPem ?? (opts.apnsCa !== undefined ? await readFlagFile(ctx, opts.apnsCa, { en: 'the --apns-ca file', zh: '--apns-ca 文件' }) : undefined);
  try {
    client = (deps.createClient ?? createApnsClient)({
      material: opts.material,
      environment: opts.environment,
      apnsUrl: opts.apnsUrl,
      ca,
      insecure: opts.insecure,
      connections: opts.connections,
      requestTimeoutMs: opts.requestTimeoutMs,
      proxy,
      retry: opts.retry,
      log: (line) => ctx.log.debug(line),
    });
  } catch (err) {
    if (err instanceof ApnsSetupError) {
      const finding = describe(err.finding, ctx.lang);
      throw new CheckFailedError(finding.id, `${finding.message} ${finding.fix}`, { findings: [finding] });
    }
    throw new UsageError(bilingual(`Invalid --apns-url ${JSON.stringify(opts.apnsUrl)}: ${(err as Error).message}`, `--apns-url ${JSON.stringify(opts.apnsUrl)} 无效:${(err as Error).message}`));
  }

  let unreachable: DirectResult | undefined;
  try {
    await runBounded(
      tokens,
      async (raw) => {
        const prepared = prepareRecipient(raw, built);
        if (!prepared.request) return { recipient: raw, status: 'blocked' as const, findings: prepared.findings };
        const sent = await client.send(prepared.request);
        if (sent.unreachable) unreachable ??= sent;
        return toDirectResult(raw, prepared.findings, sent);
      },
      {
        concurrency,
        onResult: (r, i) => {
          record(r, i);
          opts.onProgress?.(tally.summary);
        },
        shouldStop: () => unreachable !== undefined,
        // Taken before APNs went away: not tried, and said so, with the same finding.
        skipped: (raw): DirectResult => ({ recipient: raw, status: 'failed', reason: 'unreachable', findings: unreachable?.findings ?? [] }),
      },
    );
  } finally {
    await client.close();
  }

  if (unreachable) {
    const finding = describe(unreachable.findings[unreachable.findings.length - 1], ctx.lang);
    // Exit 3, and still a result for every recipient read so far (tokens not yet read were not tried).
    throw new UnreachableError(`${finding.message} ${finding.fix}`, finding.id, {
      via: 'direct',
      results: tally.results().map((r) => toJsonResult(r, ctx)),
      summary: tally.summary,
      findings: [finding],
    });
  }
  const data: SendDirectData = {
    ok: tally.summary.failed === 0 && tally.summary.blocked === 0,
    via: 'direct',
    results: tally.results().map((r) => toJsonResult(r, ctx)),
    summary: { ...tally.summary },
    ...(messageFindings.length ? { findings: messageFindings } : {}),
    ...(tally.omitted.sent + tally.omitted.failed > 0 ? { omitted: { ...tally.omitted } } : {}),
  };
  return data;
}

async function runDryRun(
  opts: SendDirectOptions,
  ctx: Context,
  tokens: ItemSource<string>,
  built: ReturnType<typeof buildMessage>,
  tally: ResultTally,
  record: (r: DirectResult, index: number) => void,
  messageFindings: Finding[],
): Promise<SendDirectData> {
  const auth = opts.material.kind === 'token' ? { keyId: opts.material.keyId, teamId: opts.material.teamId } : undefined;
  const maxKept = opts.maxKeptResults ?? 1000;
  const requests: Array<ApnsRequest & { recipient: string }> = [];
  let wouldSend = 0;
  let index = 0;
  for await (const raw of eachItem(tokens)) {
    const prepared = prepareRecipient(raw, built);
    if (prepared.request) {
      wouldSend++;
      if (requests.length < maxKept) requests.push({ recipient: raw, ...toDryRunRequest(prepared.request, auth) });
    } else {
      record({ recipient: raw, status: 'blocked', findings: prepared.findings }, index);
    }
    index++;
  }
  const data: SendDirectData = {
    ok: tally.summary.failed === 0 && tally.summary.blocked === 0,
    via: 'direct',
    dryRun: true,
    requests,
    results: tally.results().map((r) => toJsonResult(r, ctx)),
    summary: { ...tally.summary, wouldSend },
    ...(messageFindings.length ? { findings: messageFindings } : {}),
  };
  return data;
}
