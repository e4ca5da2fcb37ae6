/** The APNs simulator run from the CLI, and the helpers that talk to the running one. */
import { readFile } from 'node:fs/promises';
import type { Context } from '../context.js';
import { bilingual, UnreachableError, UsageError } from '../core/errors.js';
import { startApnsSim, formatSimLogEntry, registerSimDevice, unregisterSimDevice, fetchSimDeliveries, setSimFaults, clearSimFaults, type SimEndpoint } from '../apns-sim/index.js';
import { registerKeys } from '../apns-sim/register-keys.js';
import { readServiceRecord, removeServiceRecord, writeServiceRecord } from '../adapters/service-registry.js';
import { waitForStop } from '../adapters/wait-for-stop.js';
import type { SimDeliveriesData, SimDeviceData, SimFaultsData, SimServeData, SimUnregisterData } from '../output/sim-view.js';
import { inspectCertEntry } from './credentials.js';
import { findProfile } from './profiles.js';
import { listenError } from './listen-error.js';

/** The profile's p8 keys, if a profile exists: the simulator then accepts its JWTs, as Apple does after upload. */
async function profileKeys(ctx: Context) {
  const { profile } = findProfile(ctx);
  const out = [];
  for (const cert of profile?.certs.filter((c) => c.kind === 'p8') ?? []) {
    const report = await inspectCertEntry(cert, { env: ctx.env, now: ctx.now() });
    if (report.material) out.push({ material: report.material });
  }
  return out;
}

export interface SimServeOptions {
  host?: string;
  port: number;
  productionPort: number;
  autoRegister: boolean;
  signal?: AbortSignal;
}

export async function serveSim(opts: SimServeOptions, ctx: Context): Promise<SimServeData> {
  const sim = await startApnsSim({
    host: opts.host,
    developmentPort: opts.port,
    productionPort: opts.productionPort,
    stateDir: ctx.configDir,
    autoRegister: opts.autoRegister,
    log: (entry) => ctx.log.warn(formatSimLogEntry(entry)),
  }).catch((error: NodeJS.ErrnoException) => {
    throw listenError(error, opts.host ?? '127.0.0.1', [opts.port, opts.productionPort], 'apns-sim.listen');
  });
  registerKeys(sim.state, await profileKeys(ctx));
  const urls = { development: sim.developmentUrl, production: sim.productionUrl };
  writeServiceRecord(ctx.configDir, { kind: 'apns-sim', pid: process.pid, url: sim.developmentUrl, urls, caFile: sim.caFile, startedAt: ctx.now().toISOString(), autoRegister: opts.autoRegister });
  ctx.log.warn(
    ctx.lang === 'zh'
      ? `APNs 模拟器:开发环境 ${urls.development}  生产环境 ${urls.production}\nCA 文件(用于 --apns-ca):${sim.caFile}${opts.autoRegister ? '\n未知 token 在首次推送时自动登记(--auto-register)' : ''}\n按 Ctrl+C 停止。`
      : `APNs simulator: development ${urls.development}  production ${urls.production}\nCA file (give to --apns-ca): ${sim.caFile}${opts.autoRegister ? '\nUnknown tokens are registered on their first push (--auto-register)' : ''}\nPress Ctrl+C to stop.`,
  );
  const reason = await waitForStop(opts.signal);
  removeServiceRecord(ctx.configDir, 'apns-sim');
  await sim.close();
  return { ok: true, urls, caFile: sim.caFile, stopped: reason };
}

/** The running simulator of this config dir (standalone or inside `relay serve`). */
async function endpoint(ctx: Context, environment?: string): Promise<SimEndpoint> {
  const record = await readServiceRecord(ctx.configDir, 'apns-sim');
  if (!record?.caFile) {
    throw new UnreachableError(
      bilingual(`No APNs simulator is running for ${ctx.configDir}. Start one with \`nim-push apns-sim\` (or \`nim-push relay serve\`).`, `${ctx.configDir} 没有正在运行的 APNs 模拟器。请用 \`nim-push apns-sim\`(或 \`nim-push relay serve\`)启动。`),
      'apns-sim.unreachable',
    );
  }
  const url = (environment && record.urls?.[environment]) || record.url;
  return { url, caPem: await readFile(record.caFile, 'utf8') };
}

export async function mintDevice(opts: { topic?: string; env: 'development' | 'production'; token?: string }, ctx: Context): Promise<SimDeviceData> {
  const topic = opts.topic ?? findProfile(ctx).profile?.bundleId;
  if (!topic) throw new UsageError(bilingual('Give --topic <bundle id> (or create a profile with `nim-push init`).', '请给出 --topic <bundle id>(或先用 `nim-push init` 创建配置)。'));
  const info = await registerSimDevice(await endpoint(ctx, opts.env), { topic, environment: opts.env, ...(opts.token ? { token: opts.token } : {}) });
  return { ok: true, token: info.token, topic, environment: opts.env };
}

export async function unregister(token: string, reason: 'Unregistered' | 'ExpiredToken', ctx: Context): Promise<SimUnregisterData> {
  const res = await unregisterSimDevice(await endpoint(ctx), token, { reason });
  return { ok: true, ...res };
}

/** The newest `limit` deliveries (of one token, when given), and how many there are in all. */
export async function deliveries(opts: { token?: string; limit: number }, ctx: Context): Promise<SimDeliveriesData> {
  const page = await fetchSimDeliveries(await endpoint(ctx), { token: opts.token, limit: opts.limit, newest: 1 });
  return { ok: true, ...page, matching: page.matching ?? page.deliveries.length };
}

export async function faults(spec: unknown | 'clear', ctx: Context): Promise<SimFaultsData> {
  const ep = await endpoint(ctx);
  if (spec === 'clear') {
    await clearSimFaults(ep);
    return { ok: true, faults: null };
  }
  const res = await setSimFaults(ep, spec as Parameters<typeof setSimFaults>[1]);
  return { ok: true, faults: res };
}
