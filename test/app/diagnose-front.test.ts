/**
 * A relay behind a front that forwards only NetEase's documented endpoints (a private deployment,
 * a proxy) is enough for `diagnose --to` to find, without flags: foreground (iOS online), kicked,
 * logged out, banned, blacklisted, friends and desktop online. Anything else the front answers as
 * an unknown API, and nothing is ever concluded from that.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/app/diagnose/diagnose.js';
import { openConfigStore } from '../../src/adapters/config-store.js';
import type { DiagnosisData } from '../../src/output/diagnosis-view.js';
import { startRelay, type RelayHandle } from '../../src/relay/server.js';
import { makeContext, makeTempDir, removeDir } from '../helpers/context.js';
import { APP_KEY, APP_SECRET, wireForm, wireJson } from '../relay/wire-helpers.js';

/** The documented v1 endpoints; every v2 path is documented too. */
const DOCUMENTED = new Set(['user/create', 'user/getUinfos', 'user/userOnlineStatus', 'friend/get', 'friend/getByAccid', 'user/listBlackAndMuteList', 'history/queryUserEvents', 'msg/sendMsg']);

function startFront(target: string, unknownAnswer: 'http-404' | 'nim-404'): Promise<Server> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const path = (req.url ?? '').replace(/^\/nimserver\//, '').replace(/\?.*$/, '');
    const documented = path.startsWith('im/') || DOCUMENTED.has(path.replace(/\.action$/, ''));
    if (!documented) {
      if (unknownAnswer === 'http-404') res.writeHead(404, { 'content-type': 'text/html' }).end('<html>Not Found</html>');
      else res.writeHead(200, { 'content-type': 'application/json' }).end('{"code":404,"desc":"unknown api"}');
      return;
    }
    const proxied = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    req.pipe(proxied);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

let relay: RelayHandle;
const fronts: Server[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  relay = await startRelay({ ephemeral: true, app: { appKey: APP_KEY, appSecret: APP_SECRET, certs: [] } });
  const form = (path: string, f: Record<string, string>) => wireForm(relay.url, path, f);
  const device = (path: string, b: Record<string, unknown>) => wireJson(relay.url, path, b);
  for (const accid of ['alice', 'fg', 'kicked', 'out', 'banned', 'black', 'desk', 'friend']) await form('user/create', { accid });
  for (const accid of ['fg', 'kicked', 'out', 'banned', 'black', 'desk', 'friend']) await device('device/login', { accid, appState: 'background' });
  await device('device/appState', { accid: 'fg', appState: 'foreground' });
  await device('device/kick', { accid: 'kicked' });
  await device('device/logout', { accid: 'out' });
  await form('user/block', { accid: 'banned' });
  await form('user/setSpecialRelation', { accid: 'black', targetAcc: 'alice', relationType: '1', value: '1' });
  await device('device/clientOnline', { accid: 'desk', client: 'desktop', online: true });
  await form('friend/add', { accid: 'alice', faccid: 'friend', type: '1' });
});

afterAll(async () => {
  for (const f of fronts) await new Promise<void>((r) => f.close(() => r()));
  await relay.close();
  dirs.forEach(removeDir);
});

async function contextFor(api: 'v1' | 'v2', unknownAnswer: 'http-404' | 'nim-404') {
  const front = await startFront(relay.url, unknownAnswer);
  fronts.push(front);
  const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}/nimserver`;
  const configDir = makeTempDir();
  dirs.push(configDir);
  await openConfigStore(configDir).saveProfile('default', { appKey: APP_KEY, appSecret: APP_SECRET, bundleId: 'com.x.y', environment: 'development', relay: url, api, certs: [] }, true);
  return makeContext({ configDir });
}

const factOf = (d: DiagnosisData, key: string) => (d.facts as Record<string, { value: unknown; source: string } | undefined>)[key];

describe.each([
  ['v1', 'http-404'],
  ['v2', 'nim-404'],
] as const)('diagnose through a documented-only front (API %s, unknown APIs answered %s)', (api, unknownAnswer) => {
  let ctx: ReturnType<typeof makeContext>;
  beforeAll(async () => {
    ctx = await contextFor(api, unknownAnswer);
  });
  const run = (to: string) => diagnose({ to, from: 'alice', flags: {} }, ctx);

  it.each([
    ['fg', 'receiver.foreground', 'iosOnline'],
    ['kicked', 'receiver.kicked', 'login'],
    ['out', 'receiver.logged-out', 'login'],
    ['banned', 'receiver.banned', 'banned'],
    ['black', 'relation.blacklisted', 'blacklisted'],
  ])('%s: blocked by %s, read from a documented endpoint', async (to, finding, fact) => {
    const d = await run(to);
    expect(d.verdict).toBe('blocked');
    expect(d.blocking?.id).toBe(finding);
    expect(factOf(d, fact)?.source).toMatch(/^relay:(user\/|history\/|friend\/|GET |POST )/);
  });

  it('friends and desktop online are read, each naming its endpoint', async () => {
    expect(factOf(await run('friend'), 'friends')).toMatchObject({ value: true });
    expect(factOf(await run('fg'), 'friends')).toMatchObject({ value: false });
    const desk = await run('desk');
    expect(factOf(desk, 'desktopOnline')).toMatchObject({ value: true, source: expect.stringMatching(/online/i) });
  });

  it('never reads a fact from the unknown API: device facts stay unknown, with their flags and a note', async () => {
    const d = await run('friend');
    expect(d.verdict).toBe('unknown');
    expect(Object.values(d.facts).map((f) => f?.source)).not.toContain('relay:device/state');
    expect(d.missing.map((m) => m.flag)).toEqual(expect.arrayContaining(['--dnd', '--token-env']));
    expect(d.findings.map((f) => f.id)).toContain('relay.documented-only');
    // Every request carries a trace id to quote to NetEase.
    expect(d.requests?.length).toBeGreaterThan(3);
    for (const r of d.requests ?? []) expect(r.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe('a host that answers nothing documented', () => {
  it('gives unknown facts and query-failed warnings, never a value (no "never logged in" from a 404)', async () => {
    const dead = createServer((_req, res) => res.writeHead(404).end('no'));
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', () => r()));
    fronts.push(dead);
    const configDir = makeTempDir();
    dirs.push(configDir);
    const url = `http://127.0.0.1:${(dead.address() as AddressInfo).port}/nimserver`;
    await openConfigStore(configDir).saveProfile('default', { appKey: APP_KEY, appSecret: APP_SECRET, bundleId: 'com.x.y', environment: 'development', relay: url, api: 'v1', certs: [] }, true);
    const d = await diagnose({ to: 'bob', from: 'alice', flags: {} }, makeContext({ configDir }));
    expect(d.verdict).toBe('unknown');
    expect(factOf(d, 'login')).toBeUndefined();
    expect(factOf(d, 'receiverAccount')).toBeUndefined();
    expect(d.findings.filter((f) => f.id === 'relay.query-failed').length).toBeGreaterThanOrEqual(3);
    expect(d.findings.map((f) => f.id)).not.toContain('receiver.not-logged-in');
  });
});
