/**
 * NetEase's conventions on the wire, as its Go server SDK has them: a trace id per request
 * (`RequestId` for v1, `X-custom-traceid` for v2) kept across its one retry; that retry only after
 * HTTP 502 or a connection failure or timeout, signed again with a new Nonce, on the next host;
 * never a retry for a code in the body. And the SDK's hosts for `nim` and `nim-sg`.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRelayClient } from '../../src/adapters/relay-client.js';
import { NIM_REGIONS, regionOfUrl } from '../../src/core/nim/hosts.js';
import { UnreachableError } from '../../src/core/errors.js';

interface Seen {
  host: string;
  path: string;
  headers: IncomingHttpHeaders;
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

/** A server that answers each request with the next of `answers` ([status, body]) and records what it saw. */
async function recording(name: string, seen: Seen[], answers: Array<[number, string] | 'hang'>): Promise<string> {
  let i = 0;
  const server = createServer((req, res) => {
    seen.push({ host: name, path: req.url ?? '', headers: req.headers });
    const answer = answers[Math.min(i++, answers.length - 1)];
    if (answer === 'hang') return;
    res.writeHead(answer[0], { 'content-type': 'application/json' }).end(answer[1]);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  servers.push(server);
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/nimserver`;
}

async function deadUrl(): Promise<string> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return `http://127.0.0.1:${port}/nimserver`;
}

const OK = [200, '{"code":200}'] as [number, string];
const client = (base: string, backups: string[] = [], timeoutMs = 2000) => createRelayClient({ baseUrl: base, backupUrls: backups, appKey: 'k', appSecret: 's', timeoutMs });

describe('trace ids', () => {
  it('v1 sends a 32-hex RequestId, v2 an X-custom-traceid, unique per request, returned with the answer', async () => {
    const seen: Seen[] = [];
    const base = await recording('a', seen, [OK]);
    const c = client(base);
    const one = await c.v1('user/getUinfos', { accids: '["a"]' });
    const two = await c.v1('user/getUinfos', { accids: '["a"]' });
    const three = await c.v2('GET', '/im/v2/accounts/a');
    expect(seen[0].headers.requestid).toBe(one.traceId);
    expect(seen[1].headers.requestid).toBe(two.traceId);
    expect(seen[2].headers['x-custom-traceid']).toBe(three.traceId);
    expect(seen[2].headers.requestid).toBeUndefined();
    expect(new Set([one.traceId, two.traceId, three.traceId]).size).toBe(3);
    for (const id of [one.traceId, two.traceId, three.traceId]) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(seen[0].headers['user-agent']).toMatch(/^nim-push\//);
    expect(seen[0].headers.nonce).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('one retry', () => {
  it('after HTTP 502: re-signed with a new Nonce, the same trace id, on the backup host', async () => {
    const seen: Seen[] = [];
    const primary = await recording('primary', seen, [[502, 'bad gateway']]);
    const backup = await recording('backup', seen, [OK]);
    const call = await client(primary, [backup]).v1('friend/get', { accid: 'a' });
    expect(call.answer.code).toBe(200);
    expect(seen.map((s) => s.host)).toEqual(['primary', 'backup']);
    expect(seen[0].headers.requestid).toBe(seen[1].headers.requestid);
    expect(seen[0].headers.nonce).not.toBe(seen[1].headers.nonce);
    expect(call.url).toBe(backup);
  });

  it('after a refused connection or a timeout, on the next host', async () => {
    const seen: Seen[] = [];
    const backup = await recording('backup', seen, [OK]);
    expect((await client(await deadUrl(), [backup]).v1('friend/get', { accid: 'a' })).answer.code).toBe(200);
    const hanging = await recording('hang', seen, ['hang']);
    const started = Date.now();
    expect((await client(hanging, [backup], 300).v1('friend/get', { accid: 'a' })).answer.code).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen.map((s) => s.host)).toEqual(['backup', 'hang', 'backup']);
  });

  it('never for a code in the body, and never more than once', async () => {
    const seen: Seen[] = [];
    const base = await recording('a', seen, [[200, '{"code":500,"desc":"internal error"}']]);
    expect((await client(base, [base]).v1('friend/get', { accid: 'a' })).answer.code).toBe(500);
    expect(seen).toHaveLength(1);
    const error = await client(await deadUrl(), [await deadUrl(), await deadUrl()], 500).v1('friend/get', { accid: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).details?.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('hosts', () => {
  it('nim and nim-sg are the SDK hosts with their backups; older host names stand for their region', () => {
    expect(NIM_REGIONS.nim.primary).toBe('https://api-cn.yunxinapi.com/nimserver');
    expect(NIM_REGIONS.nim.backups[0]).toBe('https://api-cn-bak.yunxinapi.com/nimserver');
    expect(NIM_REGIONS['nim-sg'].primary).toBe('https://api-sg.yunxinapi.com/nimserver');
    expect(regionOfUrl('https://api.netease.im/nimserver')).toBe('nim');
    expect(regionOfUrl('https://api-sg.netease.im/nimserver')).toBe('nim-sg');
    expect(regionOfUrl('https://im.example.com/nimserver')).toBeUndefined();
  });
});
