/**
 * `relay serve`: the local relay (and, with `--apns sim`, an in-process APNs simulator) in the
 * foreground for the profile's app, recorded in the config dir so the other commands find it,
 * and removed from there when it stops. `relay status`: what runs for this config dir.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Context } from '../context.js';
import { describeAll } from '../core/catalogue/index.js';
import { bilingual, UnreachableError, UsageError } from '../core/errors.js';
import type { Profile } from '../core/profile.js';
import { inspectCredentialFile } from '../adapters/credential-files.js';
import { readServiceRecord, removeServiceRecord, writeServiceRecord } from '../adapters/service-registry.js';
import { START_RELAY_COMMAND } from '../core/relay-command.js';
import { waitForStop } from '../adapters/wait-for-stop.js';
import { proxyFor } from './network.js';
import { parseApnsOption, startRelayService, type RelayService, type RelayServiceCert } from '../relay/relay-service.js';
import type { RelayServeData, RelayStatusData } from '../output/relay-host-view.js';
import { listenError } from './listen-error.js';
import { resolveCertPassword } from './profiles.js';

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
  /** The in-process simulator answers unknown tokens BadDeviceToken, as Apple does (default: it registers them). */
  strictTokens?: boolean;
  /** Resolves the command when aborted; without it SIGINT/SIGTERM stop the relay. */
  signal?: AbortSignal;
  /** Called once the relay listens (default: a line on stderr). */
  onReady?: (info: { url: string; apnsUrls?: Record<string, string>; caFile?: string }) => void;
}

/** Loads each certificate name's credential; unusable ones are kept by name (pushes to them then fail visibly). */
async function loadCerts(opts: RelayServeOptions, ctx: Context): Promise<RelayServiceCert[]> {
  const certs: RelayServiceCert[] = [];
  for (const entry of opts.profile.certs) {
    const report = await inspectCredentialFile(
      { path: entry.path, keyPath: entry.keyPath, kind: entry.kind, password: resolveCertPassword(entry, ctx.env), keyId: entry.keyId, teamId: entry.teamId },
      { bundleId: opts.profile.bundleId, environment: entry.environment, certName: entry.name, now: ctx.now(), ...(entry.voip ? { voip: true } : {}) },
    );
    for (const f of describeAll(report.issues, ctx.lang).filter((x) => x.severity !== 'info')) ctx.log.warn(`${ctx.lang === 'zh' ? '证书' : 'cert'} ${entry.name}: ${f.id} ${f.message}`);
    certs.push({ name: entry.name, environment: entry.environment, bundleId: opts.profile.bundleId, material: report.material, issues: report.issues, ...(entry.voip ? { voip: true } : {}) });
  }
  return certs;
}

export async function serveRelay(opts: RelayServeOptions, ctx: Context): Promise<RelayServeData> {
  if (opts.ephemeral && opts.data) throw new UsageError(bilingual('Use either --data or --ephemeral, not both.', '--data 和 --ephemeral 只能二选一。'));
  // Two relays on one config dir would fight over its record (and its data dir).
  const running = await readServiceRecord(ctx.configDir, 'relay');
  if (running) {
    throw new UsageError(bilingual(`A relay is already running for ${ctx.configDir} (pid ${running.pid}, ${running.url}). Stop it first, or use another --config-dir.`, `${ctx.configDir} 已有正在运行的中转服务(pid ${running.pid},${running.url})。请先停止它,或换一个 --config-dir。`), 'relay.listen');
  }
  let ca: string | undefined;
  if (opts.apnsCa) {
    try {
      ca = await readFile(opts.apnsCa, 'utf8');
    } catch {
      throw new UsageError(bilingual(`Cannot read the CA file ${opts.apnsCa}.`, `无法读取 CA 文件 ${opts.apnsCa}。`), 'file.unreadable');
    }
  }
  const apns = parseApnsOption(opts.apns, ca);
  if (apns.kind === 'sim') Object.assign(apns, { stateDir: ctx.configDir, autoRegister: !opts.strictTokens });
  if (apns.kind === 'url' && !/^https:\/\//.test(apns.url)) throw new UsageError(bilingual(`--apns must be sim, development, production or an https:// URL, got '${apns.url}'.`, `--apns 只能是 sim、development、production 或 https:// 地址,收到 '${apns.url}'。`));
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
      proxyFor: (url) => proxyFor(url, ctx),
    });
  } catch (error) {
    throw listenError(error as NodeJS.ErrnoException, opts.host ?? '127.0.0.1', [opts.port ?? 0], 'relay.listen');
  }
  const sim = service.sim;
  const apnsUrls = sim ? { development: sim.developmentUrl, production: sim.productionUrl } : undefined;
  const autoRegister = apns.kind === 'sim' ? !opts.strictTokens : undefined;
  writeServiceRecord(ctx.configDir, { kind: 'relay', pid: process.pid, url: service.url, startedAt: ctx.now().toISOString() });
  if (sim) writeServiceRecord(ctx.configDir, { kind: 'apns-sim', pid: process.pid, url: sim.developmentUrl, urls: apnsUrls, caFile: sim.caFile, autoRegister });
  const ready = { url: service.url, ...(apnsUrls ? { apnsUrls } : {}), ...(sim?.caFile ? { caFile: sim.caFile } : {}) };
  (opts.onReady ?? ((i) => ctx.log.info(ctx.lang === 'zh' ? `中转服务监听于 ${i.url}` : `relay listening on ${i.url}`)))(ready);
  const reason = await waitForStop(opts.signal);
  removeServiceRecord(ctx.configDir, 'relay');
  if (sim) removeServiceRecord(ctx.configDir, 'apns-sim');
  await service.close();
  return { ok: true, ...ready, ...(autoRegister !== undefined ? { autoRegister } : {}), stopped: reason };
}

/** Polls for the relay record, so scripts can start `relay serve &` and wait for it. */
async function waitForRelay(configDir: string, waitSeconds: number) {
  const deadline = Date.now() + waitSeconds * 1000;
  for (;;) {
    const record = await readServiceRecord(configDir, 'relay');
    if (record || Date.now() >= deadline) return record;
    await new Promise((r) => setTimeout(r, 100));
  }
}

export async function relayStatus(waitSeconds: number, ctx: Context): Promise<RelayStatusData> {
  const relay = await waitForRelay(ctx.configDir, waitSeconds);
  const sim = await readServiceRecord(ctx.configDir, 'apns-sim');
  if (!relay) {
    throw new UnreachableError(bilingual(`No relay is running for ${ctx.configDir}. Start one with \`${START_RELAY_COMMAND}\`.`, `${ctx.configDir} 没有正在运行的中转服务。请用 \`${START_RELAY_COMMAND}\` 启动。`), 'relay.unreachable');
  }
  return {
    ok: true,
    relay: { url: relay.url, pid: relay.pid },
    apnsSim: sim ? { urls: sim.urls ?? { development: sim.url }, caFile: sim.caFile, pid: sim.pid, autoRegister: sim.autoRegister === true } : null,
  };
}
