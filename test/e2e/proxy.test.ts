/**
 * Corporate networks: APNs and NIM reached through an HTTP CONNECT proxy named by HTTPS_PROXY /
 * HTTP_PROXY (or --proxy), NO_PROXY honoured, proxy credentials sent but never shown, and a proxy
 * that refuses, is down or stays silent ends the run with exit 3 and `proxy.unreachable`.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseJson } from '../helpers/cli.js';
import { startConnectProxy, type TestProxy } from '../helpers/connect-proxy.js';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { makeCliProfile, startServer, stopServer, type CliProfile, type Server } from '../reliability/cli-fixture.js';

const PROXY_USER = 'corp-user';
const PROXY_PASSWORD = 'Pr0xy-Secret-9Kd';

let dir: string;
let profile: CliProfile;
let relay: Server | undefined;
let sim: Server | undefined;
let proxy: TestProxy;
let relayUrl: string;
let simUrl: string;
let simCa: string;
const token = randomBytes(32).toString('hex');

const withAuth = (url: string) => url.replace('http://', `http://${PROXY_USER}:${PROXY_PASSWORD}@`);

beforeAll(async () => {
  dir = makeTempDir('nim-push-proxy-');
  profile = await makeCliProfile(dir);
  proxy = await startConnectProxy();
  relay = await startServer(['relay', 'serve', '--port', '0'], { NIM_PUSH_CONFIG_DIR: profile.configDir }, /listening on (http:\/\/\S+)/);
  relayUrl = relay.match[1];
  sim = await startServer(['apns-sim', 'serve', '--auto-register'], { NIM_PUSH_CONFIG_DIR: `${dir}/sim` }, /development (https:\/\/\S+)[\s\S]*?--apns-ca\): (\S+)/);
  simUrl = sim.match[1];
  simCa = sim.match[2];
  // Receivers on the local relay, set up directly (not through the proxy).
  for (const accid of ['u1', 'u2']) expect((await profile.run(['relay', 'device', accid, '--app-state', 'background', '--login', 'online', '--cert-name', 'dev', '--json'])).code).toBe(0);
  expect((await profile.run(['token', 'add', 'u1', token, '--cert-name', 'dev', '--json'])).code).toBe(0);
}, 60_000);

afterAll(async () => {
  await stopServer(relay);
  await stopServer(sim);
  await proxy?.close();
  removeDir(dir);
});

beforeEach(() => {
  proxy.connects.length = 0;
  proxy.setMode({ kind: 'tunnel' });
});

const direct = (extra: string[] = []) => ['send', '--token', token, '--cert-name', 'dev', '--apns-url', simUrl, '--apns-ca', simCa, '--push-text', 'through the proxy', '--json', ...extra];
const viaRelay = (extra: string[] = []) => ['send', '--to', 'u1', '--from', 'u2', '--text', 'hi', '--push-text', 'through the proxy', '--relay', relayUrl, '--json', ...extra];
const simHost = () => new URL(simUrl).host;
const relayHost = () => new URL(relayUrl).host;
const everything = (r: { stdout: string; stderr: string }) => `${r.stdout}\n${r.stderr}`;

describe('through a proxy from the environment', () => {
  it('a direct send to APNs goes through HTTPS_PROXY, authenticated, and is delivered', async () => {
    proxy.setMode({ kind: 'tunnel', requireAuth: `${PROXY_USER}:${PROXY_PASSWORD}` });
    const r = await profile.run(direct(['--verbose']), { HTTPS_PROXY: withAuth(proxy.url) });
    expect(r.code, everything(r)).toBe(0);
    expect((parseJson(r.stdout).results as Array<{ status: string }>)[0].status).toBe('sent');
    expect(proxy.connects.map((c) => c.target)).toContain(simHost());
    expect(proxy.bytes()).toBeGreaterThan(0);
    // --verbose says which proxy carried what, without the proxy password.
    expect(r.stderr).toContain(`proxy: ${simHost()} through http://${PROXY_USER}:••••@127.0.0.1:${proxy.port}`);
    expect(everything(r)).not.toContain(PROXY_PASSWORD);
  });

  it('a send through NIM goes through http_proxy (lower case) and the message is accepted', async () => {
    const r = await profile.run(viaRelay(), { http_proxy: proxy.url });
    expect(r.code, everything(r)).toBe(0);
    expect(proxy.connects.map((c) => c.target)).toEqual(expect.arrayContaining([relayHost()]));
  });

  it('NO_PROXY naming the host sends directly: the proxy sees nothing', async () => {
    const r = await profile.run(direct(), { HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' });
    expect(r.code, everything(r)).toBe(0);
    expect(proxy.connects).toEqual([]);
  });

  it('--proxy wins over the environment', async () => {
    const r = await profile.run(['--proxy', proxy.url, ...viaRelay()], { HTTP_PROXY: 'http://127.0.0.1:9' });
    expect(r.code, everything(r)).toBe(0);
    expect(proxy.connects.map((c) => c.target)).toContain(relayHost());
  });
});

describe('a proxy that does not carry the request', () => {
  it('refused (407): exit 3, proxy.unreachable naming the proxy, nothing sent, no credentials shown', async () => {
    proxy.setMode({ kind: 'refuse', status: 407 });
    for (const args of [direct(), viaRelay()]) {
      const r = await profile.run(args, { HTTPS_PROXY: withAuth(proxy.url), HTTP_PROXY: withAuth(proxy.url) });
      expect(r.code, everything(r)).toBe(3);
      const out = parseJson(r.stdout) as { error: { code: string; message: string } };
      expect(out.error.code).toBe('proxy.unreachable');
      expect(out.error.message).toContain(`127.0.0.1:${proxy.port}`);
      expect(out.error.message).toContain('407');
      expect(everything(r)).not.toContain(PROXY_PASSWORD);
    }
  });

  it('down (connection refused) or silent: exit 3 within the timeout, never a hang', async () => {
    const dead = await startConnectProxy();
    const deadUrl = dead.url;
    await dead.close();
    proxy.setMode({ kind: 'silent' });
    for (const url of [deadUrl, proxy.url]) {
      for (const args of [direct(['--timeout', '1500']), viaRelay(['--timeout', '1500'])]) {
        const started = Date.now();
        const r = await profile.run(args, { HTTPS_PROXY: url, HTTP_PROXY: url }, { timeoutMs: 15_000 });
        expect(r.code, `${args.join(' ')} via ${url}: ${everything(r)}`).toBe(3);
        expect((parseJson(r.stdout) as { error: { code: string } }).error.code).toBe('proxy.unreachable');
        expect(Date.now() - started).toBeLessThan(12_000);
      }
    }
  }, 90_000);

  it('a proxy URL that is not http:// is a usage error (exit 2) that hides its password', async () => {
    const r = await profile.run(direct(), { HTTPS_PROXY: `socks5://${PROXY_USER}:${PROXY_PASSWORD}@127.0.0.1:1080` });
    expect(r.code).toBe(2);
    expect(everything(r)).not.toContain(PROXY_PASSWORD);
  });
});
