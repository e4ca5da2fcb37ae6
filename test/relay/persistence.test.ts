import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendFileSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent } from 'undici';
import { createRelayClient, type RelayClient } from '../../src/adapters/relay-client.js';
import { bundleRelayChild, spawnRelayChild, waitForExit, type RelayChild } from './child-process.js';

const appKey = 'persist-key';
const appSecret = 'persist-secret-77aa88bb99cc';
let work: string;
let entry: string;
const children: RelayChild[] = [];
const dispatcher = new Agent({ connections: 64 });

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'nim-push-relay-persist-'));
  entry = await bundleRelayChild(work);
});
afterAll(async () => {
  for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
  await dispatcher.close();
  rmSync(work, { recursive: true, force: true });
});

async function start(dataDir: string): Promise<{ relay: RelayChild; client: RelayClient }> {
  const relay = await spawnRelayChild(entry, [dataDir, appKey, appSecret]);
  children.push(relay);
  return { relay, client: createRelayClient({ baseUrl: relay.url, appKey, appSecret, timeoutMs: 5000, dispatcher }) };
}

const tokenFor = (i: number): string => i.toString(16).padStart(8, '0').repeat(8);

describe('relay persistence', () => {
  it('keeps every acknowledged write across kill -9 during ≥500 concurrent writes', async () => {
    const dataDir = join(work, 'data-kill');
    const first = await start(dataDir);
    const users = Array.from({ length: 40 }, (_, i) => `u${i}`);
    for (const accid of users) expect((await first.client.call('user/create', { accid })).code).toBe(200);

    type Write = { kind: 'token'; accid: string; token: string } | { kind: 'friend' | 'black'; accid: string; other: string };
    const writes: Write[] = [];
    for (let i = 0; i < 600; i += 1) {
      const accid = users[i % users.length];
      const other = users[(i * 7 + 3) % users.length] === accid ? users[(i + 1) % users.length] : users[(i * 7 + 3) % users.length];
      writes.push(i % 3 === 0 ? { kind: 'token', accid, token: tokenFor(i) } : { kind: i % 3 === 1 ? 'friend' : 'black', accid, other });
    }
    const acknowledged: Write[] = [];
    let killed = false;
    const kill = (): void => {
      if (killed) return;
      killed = true;
      first.relay.child.kill('SIGKILL');
    };
    const perform = async (w: Write): Promise<void> => {
      try {
        const res =
          w.kind === 'token'
            ? await first.client.callJson('device/updateApnsToken', { accid: w.accid, token: w.token, certName: 'dev', environment: 'development' })
            : w.kind === 'friend'
              ? await first.client.call('friend/add', { accid: w.accid, faccid: w.other, type: '1' })
              : await first.client.call('user/setSpecialRelation', { accid: w.accid, targetAcc: w.other, relationType: '1', value: '1' });
        if (res.code === 200) acknowledged.push(w);
        if (acknowledged.length >= 200) kill();
      } catch {
        // cut off by the kill: not acknowledged, so nothing is owed
      }
    };
    await Promise.all(writes.map(perform));
    kill();
    await waitForExit(first.relay.child);
    expect(acknowledged.length).toBeGreaterThanOrEqual(200);

    const second = await start(dataDir);
    const missing: Write[] = [];
    const states = new Map<string, { tokens: Array<{ token: string }>; friends: string[]; blacklist: string[] }>();
    for (const accid of users) {
      const res = await second.client.callJson('device/state', { accid });
      expect(res.code).toBe(200);
      states.set(accid, res.user as never);
    }
    for (const w of acknowledged) {
      const s = states.get(w.accid)!;
      const present =
        w.kind === 'token' ? s.tokens.some((t) => t.token === w.token) : w.kind === 'friend' ? s.friends.includes(w.other) : s.blacklist.includes(w.other);
      if (!present) missing.push(w);
    }
    expect(missing).toEqual([]);
    // The store opened cleanly and still takes writes.
    expect((await second.client.call('friend/add', { accid: 'u1', faccid: 'u2', type: '1' })).code).toBe(200);
    second.relay.child.kill('SIGKILL');
    await waitForExit(second.relay.child);
    console.info(`persistence: ${writes.length} writes sent, ${acknowledged.length} acknowledged, ${acknowledged.length - missing.length} recovered`);
  }, 30_000);

  it('opens cleanly after a torn last journal line and keeps files private', async () => {
    const dataDir = join(work, 'data-torn');
    const first = await start(dataDir);
    expect((await first.client.call('user/create', { accid: 'dora' })).code).toBe(200);
    first.relay.child.kill('SIGKILL');
    await waitForExit(first.relay.child);
    appendFileSync(join(dataDir, 'journal.jsonl'), '{"seq":99,"rec":{"op":"user.cre');

    const second = await start(dataDir);
    expect(second.relay.skipped).toBe(1);
    expect((await second.client.callJson('device/state', { accid: 'dora' })).code).toBe(200);
    expect((await second.client.call('user/create', { accid: 'emil' })).code).toBe(200);
    second.relay.child.kill('SIGKILL');
    await waitForExit(second.relay.child);

    const third = await start(dataDir);
    expect(third.relay.skipped).toBe(0);
    expect((await third.client.callJson('device/state', { accid: 'emil' })).code).toBe(200);
    third.relay.child.kill('SIGKILL');
    await waitForExit(third.relay.child);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    for (const name of readdirSync(dataDir)) expect(statSync(join(dataDir, name)).mode & 0o777).toBe(0o600);
  }, 20_000);
});
