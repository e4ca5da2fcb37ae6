/**
 * `nim-push relay serve`: runs the local relay (and, with `--apns sim`, an in-process APNs
 * simulator) in the foreground for the profile's app, records it in the config dir so the other
 * commands find it, and removes the record when it stops.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inspectCredentialFile } from '../adapters/credential-files.js';
import { resolveCertPassword } from '../adapters/profile-resolver.js';
import { removeServiceRecord, writeServiceRecord } from '../adapters/service-registry.js';
import { describeAll } from '../core/catalogue/index.js';
import type { Profile } from '../core/profile.js';
import type { CommandResult, Context } from '../context.js';
import { UsageError } from '../errors.js';
import { parseApnsOption, startRelayService, type RelayService, type RelayServiceCert } from '../relay/relay-service.js';

import { waitForStop } from '../adapters/wait-for-stop.js';

export const RELAY_DATA_DIR_NAME = 'relay-data';

export interface RelayServeOptions {
  profile: Profile;
  /** The App Secret, already resolved from the profile or its environment variable. */
  appSecret: string;
  host?: string;
  port?: number;
  /** Data directory; default `<config dir>/relay-data`. */
  data?: string;
  ephemeral?: boolean;
  /** `sim` (default), `development`, `production` or an https URL of an APNs-compatible server. */
  apns?: string;
  /** PEM CA file to trust for `--apns <url>`. */
  apnsCa?: string;
  /** `false` (`--no-rate-limit`) turns off the send-API limit; default: NIM's 100 requests/s. */
  rateLimit?: false;
  /** Resolves the command when aborted; without it SIGINT/SIGTERM stop the relay. */
  signal?: AbortSignal;
  /** Called once the relay listens (default: a line on stderr via ctx.log.info). */
  onReady?: (info: { url: string; apnsUrls?: Record<string, string>; caFile?: string }) => void;
}

/** Loads each certificate name's credential; unusable ones are kept by name (pushes to them then fail visibly). */
async function loadCerts(opts: RelayServeOptions, ctx: Context): Promise<RelayServiceCert[]> {
  const certs: RelayServiceCert[] = [];
  for (const entry of opts.profile.certs) {
    const report = await inspectCredentialFile(
      { path: entry.path, keyPath: entry.keyPath, kind: entry.kind, password: resolveCertPassword(entry, ctx.env), keyId: entry.keyId, teamId: entry.teamId },
      { bundleId: opts.profile.bundleId, environment: entry.environment, certName: entry.name, now: ctx.now() },
    );
    for (const f of describeAll(report.issues, ctx.lang).filter((x) => x.severity !== 'info')) ctx.log.warn(`cert ${entry.name}: ${f.id} ${f.message}`);
    certs.push({ name: entry.name, environment: entry.environment, bundleId: opts.profile.bundleId, material: report.material, issues: report.issues });
  }
  return certs;
}

export async function runRelayServe(opts: RelayServeOptions, ctx: Context): Promise<CommandResult> {
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) throw new UsageError('--port must be 0..65535.');
  if (opts.ephemeral && opts.data) throw new UsageError('Use either --data or --ephemeral, not both.');
  let ca: string | undefined;
  if (opts.apnsCa) {
    try {
      ca = await readFile(opts.apnsCa, 'utf8');
    } catch {
      throw new UsageError(`Cannot read the CA file ${opts.apnsCa}.`, 'file.unreadable');
    }
  }
  const apns = parseApnsOption(opts.apns, ca);
  if (apns.kind === 'sim') Object.assign(apns, { stateDir: ctx.configDir });
  if (apns.kind === 'url' && !/^https:\/\//.test(apns.url)) throw new UsageError(`--apns must be sim, development, production or an https:// URL, got '${apns.url}'.`);
  const certs = await loadCerts(opts, ctx);
  let service: RelayService;
  try {
    service = await startRelayService({
      host: opts.host,
      port: opts.port,
      dataDir: opts.ephemeral ? undefined : (opts.data ?? join(ctx.configDir, RELAY_DATA_DIR_NAME)),
      ephemeral: opts.ephemeral,
      app: { appKey: opts.profile.appKey, appSecret: opts.appSecret, environment: opts.profile.environment, certs },
      apns,
      ...(opts.rateLimit === false ? { rateLimit: false as const } : {}),
      logger: { info: (l) => ctx.log.debug(l), warn: (l) => ctx.log.warn(l) },
    });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new UsageError(`Cannot listen on ${opts.host ?? '127.0.0.1'}:${opts.port ?? 0}: ${code}.`, 'relay.listen');
    }
    throw error;
  }
  const sim = service.sim;
  const apnsUrls = sim ? { development: sim.developmentUrl, production: sim.productionUrl } : undefined;
  writeServiceRecord(ctx.configDir, { kind: 'relay', pid: process.pid, url: service.url, startedAt: ctx.now().toISOString() });
  if (sim) writeServiceRecord(ctx.configDir, { kind: 'apns-sim', pid: process.pid, url: sim.developmentUrl, urls: apnsUrls, caFile: sim.caFile });
  const ready = { url: service.url, ...(apnsUrls ? { apnsUrls } : {}), ...(sim?.caFile ? { caFile: sim.caFile } : {}) };
  (opts.onReady ?? ((i) => ctx.log.info(`relay listening on ${i.url}${i.apnsUrls ? `  (APNs simulator ${i.apnsUrls.development} / ${i.apnsUrls.production})` : ''}`)))(ready);
  const reason = await waitForStop(opts.signal);
  removeServiceRecord(ctx.configDir, 'relay');
  if (sim) removeServiceRecord(ctx.configDir, 'apns-sim');
  await service.close();
  return {
    exitCode: 0,
    data: { ok: true, ...ready, stopped: reason },
    human: (s) => s.dim(`relay on ${service.url} stopped (${reason})`),
  };
}
