import { afterEach, describe, expect, it } from 'vitest';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readServiceRecord, recordPath, removeServiceRecord, resolveLocalRelayUrl, writeServiceRecord } from '../../src/adapters/service-registry.js';
import { makeTempDir, removeDir } from '../helpers/context.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = makeTempDir();
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach(removeDir));

describe('service registry', () => {
  it('records a live service privately and reads it back', async () => {
    const dir = `${tempDir()}/cfg`;
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/nimserver`;
      writeServiceRecord(dir, { kind: 'relay', pid: process.pid, url });
      expect((await readServiceRecord(dir, 'relay'))?.url).toBe(url);
      expect(statSync(dir).mode & 0o777).toBe(0o700);
      expect(statSync(recordPath(dir, 'relay')).mode & 0o777).toBe(0o600);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      expect(await resolveLocalRelayUrl(dir, {})).toEqual({ url, source: 'record' });
      removeServiceRecord(dir, 'relay');
      expect(await readServiceRecord(dir, 'relay')).toBeUndefined();
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });

  it('reads a stale record (dead pid, or nothing listening) as absent', async () => {
    const dir = tempDir();
    writeServiceRecord(dir, { kind: 'relay', pid: 2 ** 22 + 12345, url: 'http://127.0.0.1:9/nimserver' });
    expect(await readServiceRecord(dir, 'relay')).toBeUndefined();
    writeServiceRecord(dir, { kind: 'relay', pid: process.pid, url: 'http://127.0.0.1:9/nimserver' });
    expect(await readServiceRecord(dir, 'relay')).toBeUndefined();
    expect(await resolveLocalRelayUrl(dir, {})).toEqual({ source: 'none' });
  });

  it('treats a corrupted record as absent and lets NIM_PUSH_RELAY_URL override', async () => {
    const dir = tempDir();
    writeFileSync(recordPath(dir, 'relay'), '{not json');
    expect(await readServiceRecord(dir, 'relay')).toBeUndefined();
    expect(await resolveLocalRelayUrl(dir, { NIM_PUSH_RELAY_URL: 'http://127.0.0.1:1234/nimserver' })).toEqual({ url: 'http://127.0.0.1:1234/nimserver', source: 'env' });
  });

  it('does not remove a record that another process wrote', () => {
    const dir = tempDir();
    writeServiceRecord(dir, { kind: 'apns-sim', pid: process.pid + 1, url: 'https://127.0.0.1:1' });
    removeServiceRecord(dir, 'apns-sim');
    expect(readdirSync(dir)).toContain('apns-sim.service.json');
  });
});
