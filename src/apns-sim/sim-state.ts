/** What the simulator knows: devices, provider keys, accepted deliveries and injected faults. */
import { createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { FaultInjector } from './faults.js';

import type { SimDelivery, SimEnvironment } from '../core/apns/sim-api.js';

export type { SimDelivery, SimEnvironment };
export const SIM_ENVIRONMENTS: readonly SimEnvironment[] = ['development', 'production'];

export interface SimDevice {
  token: string;
  topic: string;
  environment: SimEnvironment;
  /** Set once the app is gone: pushes then get 410 with this time (ms). */
  unregisteredAt?: number;
  unregisterReason?: 'Unregistered' | 'ExpiredToken';
  /** Bound on its first push (`--auto-register`), not minted: Apple would have answered BadDeviceToken. */
  autoRegistered?: boolean;
}

export interface SimKey {
  keyId: string;
  teamId: string;
  publicKey: KeyObject;
  /** Bundle ids this team may push to (with their suffixed topics); empty = any. */
  topics: string[];
  /** A key restricted to one environment; undefined = both. */
  environment?: SimEnvironment;
}


export interface DeliveryQuery {
  token?: string;
  /** Only deliveries with seq > since. */
  since?: number;
  limit?: number;
  /** The newest `limit` matches (still listed oldest first) instead of the oldest. */
  newest?: boolean;
}

export const TOKEN_PATTERN = /^[0-9a-f]{64,200}$/;

export class SimState {
  readonly devices = new Map<string, SimDevice>();
  readonly keys = new Map<string, SimKey>();
  readonly faults = new FaultInjector();
  /** Total accepted deliveries since start; the log itself keeps only the newest `maxDeliveries`. */
  deliveryCount = 0;
  private log: SimDelivery[] = [];

  constructor(
    private readonly maxDeliveries = 10_000,
    /** Unknown tokens are bound to the environment and topic of their first push instead of rejected. */
    readonly autoRegister = false,
  ) {}

  registerDevice(input: { topic: string; environment: SimEnvironment; token?: string }): SimDevice {
    const token = (input.token ?? randomBytes(32).toString('hex')).toLowerCase();
    if (!TOKEN_PATTERN.test(token)) throw new SimInputError('token must be 64 or more hex characters');
    if (!input.topic) throw new SimInputError('topic is required');
    const device: SimDevice = { token, topic: input.topic, environment: input.environment };
    this.devices.set(token, device);
    return device;
  }

  unregisterDevice(token: string, at: number, reason: SimDevice['unregisterReason'] = 'Unregistered'): SimDevice | undefined {
    const device = this.devices.get(token.toLowerCase());
    if (!device) return undefined;
    device.unregisteredAt = at;
    device.unregisterReason = reason;
    return device;
  }

  registerKey(input: { keyId: string; teamId: string; publicKeyPem: string; topics?: string[]; environment?: SimEnvironment }): SimKey {
    if (!input.keyId || !input.teamId) throw new SimInputError('keyId and teamId are required');
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey(input.publicKeyPem);
    } catch {
      throw new SimInputError('publicKeyPem is not a PEM public (or private) key');
    }
    if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
      throw new SimInputError('the key must be an EC P-256 key');
    }
    const key: SimKey = { keyId: input.keyId, teamId: input.teamId, publicKey, topics: input.topics ?? [], environment: input.environment };
    this.keys.set(key.keyId, key);
    return key;
  }

  recordDelivery(entry: Omit<SimDelivery, 'seq'>): SimDelivery {
    this.deliveryCount += 1;
    const delivery = { seq: this.deliveryCount, ...entry };
    this.log.push(delivery);
    // Trim in batches so a long run stays O(1) amortised and memory stays bounded.
    if (this.log.length > this.maxDeliveries * 1.25) this.log = this.log.slice(-this.maxDeliveries);
    return delivery;
  }

  deliveries(query: DeliveryQuery = {}): SimDelivery[] {
    return this.query(query).deliveries;
  }

  /** The deliveries a query selects, and how many the log holds that match it. */
  query(query: DeliveryQuery = {}): { deliveries: SimDelivery[]; matching: number } {
    const limit = Math.max(0, Math.min(query.limit ?? 1000, this.maxDeliveries));
    const since = query.since ?? 0;
    const token = query.token?.toLowerCase();
    const start = this.log.length > this.maxDeliveries ? this.log.length - this.maxDeliveries : 0;
    const matches: SimDelivery[] = [];
    let matching = 0;
    for (let i = start; i < this.log.length; i++) {
      const d = this.log[i];
      if (d.seq <= since || (token && d.token !== token)) continue;
      matching += 1;
      if (query.newest) {
        matches.push(d);
        if (matches.length > limit) matches.shift();
      } else if (matches.length < limit) matches.push(d);
    }
    return { deliveries: matches, matching };
  }

  /** Forgets devices, keys, deliveries and faults. */
  reset(): void {
    this.devices.clear();
    this.keys.clear();
    this.log = [];
    this.deliveryCount = 0;
    this.faults.clear();
  }
}

/** Bad input to an admin operation: answered with 400 and the message. */
export class SimInputError extends Error {}
