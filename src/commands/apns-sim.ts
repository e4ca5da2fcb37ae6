/** `nim-push apns-sim`: the local APNs provider-API simulator, and helpers that talk to a running one. */
import { readFile } from 'node:fs/promises';
import type { CommandRunner } from '../command-loaders.js';
import type { Context } from '../context.js';
import { startApnsSim, formatSimLogEntry, registerSimDevice, unregisterSimDevice, fetchSimDeliveries, setSimFaults, clearSimFaults } from '../apns-sim/index.js';
import { inspectCertEntry } from '../adapters/credential-files.js';
import { openConfigStore } from '../adapters/config-store.js';
import { resolveProfileName } from '../adapters/profile-resolver.js';
import { readServiceRecord, removeServiceRecord, writeServiceRecord } from '../adapters/service-registry.js';
import { waitForStop } from '../adapters/wait-for-stop.js';
import { registerKeys } from '../apns-sim/register-keys.js';
import { UnreachableError, UsageError } from '../errors.js';
import { str } from './option-values.js';

const port = (v: unknown, flag: string): number => {
  const n = v === undefined ? 0 : Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new UsageError(`${flag} must be 0..65535.`);
  return n;
};

/** The profile's p8 keys, if a profile exists: the simulator then accepts its JWTs, as Apple does after upload. */
async function profileKeys(ctx: Context) {
  const store = openConfigStore(ctx.configDir);
  const profile = store.getProfile(resolveProfileName(ctx, store));
  const out = [];
  for (const cert of profile?.certs.filter((c) => c.kind === 'p8') ?? []) {
    const report = await inspectCertEntry(cert, { env: ctx.env, now: ctx.now() });
    if (report.material) out.push({ material: report.material });
  }
  return out;
}

export const serve: CommandRunner = async (_args, opts, ctx) => {
  const sim = await startApnsSim({
    host: str(opts.host),
    developmentPort: port(opts.port, '--port'),
    productionPort: port(opts.productionPort, '--production-port'),
    stateDir: ctx.configDir,
    autoRegister: opts.autoRegister === true,
    log: (entry) => ctx.log.warn(formatSimLogEntry(entry)),
  }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'EADDRINUSE' || error.code === 'EACCES') throw new UsageError(`Cannot listen: ${error.code}.`, 'apns-sim.listen');
    throw error;
  });
  registerKeys(sim.state, await profileKeys(ctx));
  const urls = { development: sim.developmentUrl, production: sim.productionUrl };
  writeServiceRecord(ctx.configDir, { kind: 'apns-sim', pid: process.pid, url: sim.developmentUrl, urls, caFile: sim.caFile, startedAt: ctx.now().toISOString() });
  ctx.log.warn(`APNs simulator: development ${urls.development}  production ${urls.production}\nCA file (give to --apns-ca): ${sim.caFile}\nPress Ctrl+C to stop.`);
  const reason = await waitForStop(undefined);
  removeServiceRecord(ctx.configDir, 'apns-sim');
  await sim.close();
  return { exitCode: 0, data: { ok: true, urls, caFile: sim.caFile, stopped: reason }, human: (s) => s.dim(`APNs simulator stopped (${reason})`) };
};

/** The running simulator of this config dir (standalone or inside `relay serve`). */
async function endpoint(ctx: Context, environment?: string) {
  const record = await readServiceRecord(ctx.configDir, 'apns-sim');
  if (!record?.caFile) {
    throw new UnreachableError(`No APNs simulator is running for ${ctx.configDir}. Start one with \`nim-push apns-sim\` (or \`nim-push relay serve\`).`, 'apns-sim.unreachable');
  }
  const url = (environment && record.urls?.[environment]) || record.url;
  return { url, caPem: await readFile(record.caFile, 'utf8') };
}

const environment = (v: unknown): 'development' | 'production' => {
  const value = str(v) ?? 'development';
  if (value !== 'development' && value !== 'production') throw new UsageError("--env is 'development' or 'production'.");
  return value;
};

export const device: CommandRunner = async (_args, opts, ctx) => {
  const env = environment(opts.env);
  let topic = str(opts.topic);
  if (!topic) {
    const store = openConfigStore(ctx.configDir);
    topic = store.getProfile(resolveProfileName(ctx, store))?.bundleId;
  }
  if (!topic) throw new UsageError('Give --topic <bundle id> (or create a profile with `nim-push init`).');
  const info = await registerSimDevice(await endpoint(ctx, env), { topic, environment: env, ...(str(opts.token) ? { token: str(opts.token) } : {}) });
  return { exitCode: 0, data: { ok: true, token: info.token, topic, environment: env }, human: () => info.token };
};

export const unregister: CommandRunner = async (args, opts, ctx) => {
  const reason = str(opts.reason) === 'ExpiredToken' ? 'ExpiredToken' : 'Unregistered';
  const res = await unregisterSimDevice(await endpoint(ctx), args[0] as string, { reason });
  return { exitCode: 0, data: { ok: true, ...res }, human: (s) => s.ok(`✔ ${res.token} now answers 410 ${res.reason}`) };
};

export const deliveries: CommandRunner = async (_args, opts, ctx) => {
  const limit = opts.limit === undefined ? 20 : Number(opts.limit);
  const page = await fetchSimDeliveries(await endpoint(ctx), { token: str(opts.token), limit });
  return {
    exitCode: 0,
    data: { ok: true, ...page },
    human: (s) =>
      page.deliveries.length === 0
        ? s.dim('No deliveries yet.')
        : page.deliveries.map((d) => `${s.ok('✔')} ${d.environment} ${d.topic} ${d.token.slice(0, 12)}… ${JSON.stringify(d.payload)}`).join('\n') + `\n${s.dim(`${page.total} delivered in all`)}`,
  };
};

export const faults: CommandRunner = async (args, opts, ctx) => {
  const ep = await endpoint(ctx);
  if (opts.clear === true) {
    await clearSimFaults(ep);
    return { exitCode: 0, data: { ok: true, faults: null }, human: (s) => s.ok('✔ faults cleared') };
  }
  let spec: unknown;
  try {
    spec = JSON.parse(args[0] ?? '');
  } catch {
    throw new UsageError(`Give the faults as JSON, e.g. '{"rates":{"InternalServerError":0.05},"goawayEvery":1000,"seed":1}', or --clear.`);
  }
  const res = await setSimFaults(ep, spec as Parameters<typeof setSimFaults>[1]);
  return { exitCode: 0, data: { ok: true, faults: res }, human: (s) => s.ok(`✔ faults set: ${JSON.stringify(res)}`) };
};
