/**
 * The relay together with its APNs side: with `apns: {kind:'sim'}` an in-process APNs simulator
 * is started and the app's p8 keys are registered with it, so pushes that fire are delivered.
 */
import { startApnsSim, type ApnsSim } from '../apns-sim/index.js';
import type { ApnMaterial } from '../core/credentials/inspect.js';
import type { ApnsEnvironment } from '../core/profile.js';
import type { ProxySetting } from '../core/proxy.js';
import { createApnsForwarder, type ApnsTarget } from './apns-forwarder.js';
import type { RelayCert } from './message-dispatch.js';
import { startRelay, type RelayHandle, type StartRelayOptions } from './server.js';
import { registerKeys } from '../apns-sim/register-keys.js';

export type RelayApnsConfig =
  | { kind: 'sim'; /** Directory for the simulator's CA file. */ stateDir?: string; autoRegister?: boolean }
  | { kind: 'development' | 'production' }
  | { kind: 'url'; url: string; ca?: string; insecure?: boolean };

export interface RelayServiceCert extends RelayCert {
  material?: ApnMaterial;
  /** A PushKit certificate name (pkCername). */
  voip?: boolean;
}

export interface RelayServiceOptions extends Omit<StartRelayOptions, 'pushSender' | 'app'> {
  app: Omit<StartRelayOptions['app'], 'certs'> & { certs: RelayServiceCert[] };
  apns?: RelayApnsConfig;
  apnsTimeoutMs?: number;
  /** The HTTP proxy for an APNs URL, when pushes go to Apple or another URL. */
  proxyFor?: (url: string) => ProxySetting | undefined;
}

export interface RelayService {
  relay: RelayHandle;
  url: string;
  /** The in-process simulator, when `apns.kind` is `sim`. */
  sim?: ApnsSim;
  close(): Promise<void>;
}

/** `--apns sim|development|production|<url>` as a config. */
export function parseApnsOption(value: string | undefined, ca?: string): RelayApnsConfig {
  if (!value || value === 'sim') return { kind: 'sim' };
  if (value === 'development' || value === 'production') return { kind: value };
  return { kind: 'url', url: value, ca };
}

export async function startRelayService(opts: RelayServiceOptions): Promise<RelayService> {
  const apns = opts.apns ?? { kind: 'sim' };
  let sim: ApnsSim | undefined;
  let target: ApnsTarget;
  if (apns.kind === 'sim') {
    sim = await startApnsSim({ stateDir: apns.stateDir, autoRegister: apns.autoRegister ?? true, now: opts.now });
    registerKeys(sim.state, opts.app.certs);
    const running = sim;
    target = { kind: 'sim', urlFor: (env: ApnsEnvironment) => running.urlFor(env), ca: running.caPem };
  } else if (apns.kind === 'url') {
    target = { kind: 'url', url: apns.url, ca: apns.ca, insecure: apns.insecure };
  } else {
    target = { kind: 'apple', environment: apns.kind };
  }
  const materials = Object.fromEntries(opts.app.certs.map((c) => [c.name, c.material]));
  const pushSender = createApnsForwarder({ target, materials, requestTimeoutMs: opts.apnsTimeoutMs, proxyFor: opts.proxyFor, log: (l) => opts.logger?.info(l) });
  let relay: RelayHandle;
  try {
    relay = await startRelay({ ...opts, app: { ...opts.app, certs: opts.app.certs.map(({ material: _m, ...c }) => c) }, pushSender });
  } catch (error) {
    await pushSender.close?.();
    await sim?.close();
    throw error;
  }
  return {
    relay,
    url: relay.url,
    sim,
    async close() {
      await relay.close();
      await sim?.close();
    },
  };
}
