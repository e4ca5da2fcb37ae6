/**
 * Records of the services running for a config dir (the relay, the APNs simulator), so other
 * commands find them whatever port they chose. One JSON file per kind, written atomically.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { makePrivateDirectory } from './dirs.js';
import { connect } from 'node:net';
import { join } from 'node:path';

export type ServiceKind = 'relay' | 'apns-sim';

export interface ServiceRecord {
  kind: ServiceKind;
  pid: number;
  /** The base URL (relay) or the main URL (simulator). */
  url: string;
  /** Further URLs, e.g. the simulator's `development` and `production` endpoints. */
  urls?: Record<string, string>;
  caFile?: string;
  startedAt?: string;
  /** The simulator registers unknown tokens on their first push (Apple does not). */
  autoRegister?: boolean;
}

export const recordPath = (configDir: string, kind: ServiceKind): string => join(configDir, `${kind}.service.json`);

export function writeServiceRecord(configDir: string, record: ServiceRecord): void {
  makePrivateDirectory(configDir);
  const target = recordPath(configDir, record.kind);
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temp, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, target);
}

/** Removes the record only if it is ours (a newer server may have replaced it). */
export function removeServiceRecord(configDir: string, kind: ServiceKind, pid = process.pid): void {
  const record = readRawRecord(configDir, kind);
  if (record && record.pid !== pid) return;
  rmSync(recordPath(configDir, kind), { force: true });
}

function readRawRecord(configDir: string, kind: ServiceKind): ServiceRecord | undefined {
  try {
    const value = JSON.parse(readFileSync(recordPath(configDir, kind), 'utf8')) as ServiceRecord;
    if (value && value.kind === kind && typeof value.pid === 'number' && typeof value.url === 'string') return value;
  } catch {
    // missing or unreadable: treated as no service
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function canConnect(url: string, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      resolve(false);
      return;
    }
    const port = Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80));
    const socket = connect({ host: parsed.hostname.replace(/^\[|\]$/g, ''), port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** The live record, or undefined when none exists or it is stale (process gone or port closed). */
export async function readServiceRecord(configDir: string, kind: ServiceKind, opts: { timeoutMs?: number } = {}): Promise<ServiceRecord | undefined> {
  const record = readRawRecord(configDir, kind);
  if (!record) return undefined;
  if (!isAlive(record.pid)) return undefined;
  if (!(await canConnect(record.url, opts.timeoutMs ?? 1000))) return undefined;
  return record;
}

export interface RelayUrlResolution {
  url?: string;
  source: 'env' | 'record' | 'none';
}

/** The local relay's base URL: `NIM_PUSH_RELAY_URL` wins over the running relay's record. */
export async function resolveLocalRelayUrl(configDir: string, env: Record<string, string | undefined>): Promise<RelayUrlResolution> {
  const fromEnv = env.NIM_PUSH_RELAY_URL?.trim();
  if (fromEnv) return { url: fromEnv, source: 'env' };
  const record = await readServiceRecord(configDir, 'relay');
  return record ? { url: record.url, source: 'record' } : { source: 'none' };
}
