import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRelayClient, parseResponse } from '../../src/adapters/relay-client.js';
import { issueForResponse } from '../../src/core/nim/codes.js';
import { UnreachableError } from '../../src/core/errors.js';
import { startRelay, type RelayHandle } from '../../src/relay/server.js';

const appKey = 'client-test-key';
const appSecret = 'client-test-secret-5a4b3c2d1e';
let relay: RelayHandle;

beforeAll(async () => {
  relay = await startRelay({ ephemeral: true, app: { appKey, appSecret, certs: [] } });
});
afterAll(() => relay.close());

describe('relay client against the local relay', () => {
  it('signs every request afresh, so repeated calls are not taken for replays', async () => {
    const client = createRelayClient({ baseUrl: relay.url, appKey, appSecret });
    expect((await client.call('user/create', { accid: 'alice', name: 'Alice' })).code).toBe(200);
    expect((await client.call('user/create', { accid: 'bob' })).code).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await client.call('friend/get', { accid: 'alice' })).code).toBe(200);
  });

  it('sends form bodies the relay reads, including Chinese text', async () => {
    const client = createRelayClient({ baseUrl: relay.url, appKey, appSecret });
    const res = await client.call('msg/sendMsg', { from: 'alice', to: 'bob', ope: '0', type: '0', body: '{"msg":"你好"}', pushcontent: '发来了一条消息' });
    expect(res.code).toBe(200);
    expect((res.data as { msgid: number }).msgid).toBeGreaterThan(0);
  });

  it('calls the JSON device endpoints', async () => {
    const client = createRelayClient({ baseUrl: relay.url, appKey, appSecret });
    expect((await client.callJson('device/login', { accid: 'bob', appState: 'background', certName: 'dev' })).code).toBe(200);
    const state = await client.callJson('device/state', { accid: 'bob' });
    expect(state.user).toMatchObject({ login: 'online', appState: 'background', certName: 'dev' });
  });

  it('maps a wrong App Secret to relay.auth-failed (a signature failure, not a parameter error)', async () => {
    const client = createRelayClient({ baseUrl: relay.url, appKey, appSecret: 'not-the-secret' });
    const res = await client.call('friend/get', { accid: 'alice' });
    expect(res.code).toBe(414);
    expect(issueForResponse(res)).toMatchObject({ id: 'relay.auth-failed', params: { kind: 'signature' } });
  });

  it('maps a bad parameter 414 to relay.error with kind parameter (not an auth failure), 404 to relay.error', async () => {
    const client = createRelayClient({ baseUrl: relay.url, appKey, appSecret });
    expect(issueForResponse(await client.call('friend/add', { accid: 'alice', faccid: 'bob', type: 'x' }))).toMatchObject({
      id: 'relay.error',
      params: { kind: 'parameter' },
    });
    expect(issueForResponse(await client.call('friend/get', { accid: 'ghost' }))).toMatchObject({ id: 'relay.error', params: { code: 404 } });
  });

  it('signs with the clock it is given: a client 10 minutes off is refused', async () => {
    const client = createRelayClient({ baseUrl: relay.url, appKey, appSecret, now: () => Date.now() - 600_000 });
    expect((await client.call('friend/get', { accid: 'alice' })).code).toBe(414);
  });

  it('reports the request to the verbose hook with the CheckSum and secrets redacted', async () => {
    const lines: string[] = [];
    const client = createRelayClient({ baseUrl: relay.url, appKey, appSecret, onRequest: (l) => lines.push(l) });
    await client.call('user/create', { accid: 'carol', token: 'carol-im-token-secret' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('/user/create.action');
    expect(lines[0]).toContain('CheckSum=[redacted]');
    expect(lines[0]).not.toContain(appSecret);
    expect(lines[0]).not.toContain('carol-im-token-secret');
    expect(lines[0]).not.toMatch(/CheckSum=[0-9a-f]{40}/);
  });
});

describe('relay client failures', () => {
  it('turns a refused connection into relay.unreachable (exit 3) naming the command that starts a relay', async () => {
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const client = createRelayClient({ baseUrl: `http://127.0.0.1:${port}/nimserver`, appKey, appSecret, timeoutMs: 1000 });
    const error = await client.call('friend/get', { accid: 'a' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).exitCode).toBe(3);
    expect((error as UnreachableError).code).toBe('relay.unreachable');
    expect((error as UnreachableError).message).toContain('nim-push relay serve');
    expect((error as UnreachableError).message).not.toContain(appSecret);
  });

  it('gives up on a relay that never answers within the timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as AddressInfo).port;
      const client = createRelayClient({ baseUrl: `http://127.0.0.1:${port}`, appKey, appSecret, timeoutMs: 300 });
      const started = Date.now();
      const error = await client.call('friend/get', { accid: 'a' }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(error).toBeInstanceOf(UnreachableError);
      expect((error as Error).message).toMatch(/300 ms/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('reads a non-JSON answer (a proxy error page) as a relay error with the HTTP status', () => {
    expect(parseResponse(502, '<html>Bad gateway</html>')).toMatchObject({ code: 502 });
    expect(issueForResponse(parseResponse(502, '<html/>')).id).toBe('relay.error');
    expect(issueForResponse({ code: 416 }).id).toBe('relay.rate-limited');
    expect(issueForResponse({ code: 403, desc: 'x' }).id).toBe('relay.forbidden');
    expect(issueForResponse({ code: 503 }).id).toBe('relay.error');
  });
});
