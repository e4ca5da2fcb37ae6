import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/adapters/config-store.js';
import { runRelayServe } from '../../src/commands/relay-serve.js';
import { registerSimDevice } from '../../src/apns-sim/index.js';
import { BUNDLE_ID, DAY, p12Of, pushCert } from '../fixtures/credentials.js';
import { parseJson, runCli } from '../helpers/cli.js';
import { makeContext, makeTempDir, removeDir } from '../helpers/context.js';
import type { Profile } from '../../src/core/profile.js';

const dir = makeTempDir();
const cfg = join(dir, 'cfg');
const stop = new AbortController();
let serving: Promise<unknown>;
let simUrl = '';
let caPem = '';
const SECRET = 'check-app-secret-0011';

const pythonXml = (() => {
  try {
    execFileSync('python3', ['-c', 'import xml.dom.minidom']);
    return true;
  } catch {
    return false;
  }
})();

beforeAll(async () => {
  const good = pushCert({ environment: 'development' });
  const expired = pushCert({ environment: 'production', notBefore: new Date(Date.now() - 400 * DAY), notAfter: new Date(Date.now() - DAY) });
  writeFileSync(join(dir, 'good.p12'), p12Of(good, 'pw'));
  writeFileSync(join(dir, 'expired.p12'), p12Of(expired, 'pw'));
  const base: Profile = { appKey: 'k', appSecret: SECRET, bundleId: BUNDLE_ID, environment: 'development', relay: 'local', certs: [] };
  const store = openConfigStore(cfg);
  await store.saveProfile('good', { ...base, certs: [{ name: 'dev', kind: 'p12', path: join(dir, 'good.p12'), password: 'pw', environment: 'development' }] }, true);
  await store.saveProfile('broken', {
    ...base,
    certs: [
      { name: 'dev', kind: 'p12', path: join(dir, 'good.p12'), password: 'pw', environment: 'development' },
      { name: 'old-prod', kind: 'p12', path: join(dir, 'expired.p12'), password: 'pw', environment: 'production' },
    ],
  });
  const ctx = makeContext({ configDir: cfg });
  await new Promise<void>((resolve, reject) => {
    serving = runRelayServe({ profile: store.requireProfile('good'), appSecret: SECRET, ephemeral: true, signal: stop.signal, onReady: (i) => {
      simUrl = i.apnsUrls?.development ?? '';
      caPem = readFileSync(i.caFile as string, 'utf8');
      resolve();
    } }, ctx);
    serving.catch(reject);
  });
});

afterAll(async () => {
  stop.abort();
  await serving;
  removeDir(dir);
});

function junitCounts(xml: string) {
  const m = /<testsuite [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml);
  return { tests: Number(m?.[1]), failures: Number(m?.[2]) };
}

describe('nim-push check --junit (built binary)', () => {
  it('a good profile with a test send: every check passes, exit 0, JUnit with no failures', async () => {
    const token = (await registerSimDevice({ url: simUrl, caPem }, { topic: BUNDLE_ID, environment: 'development' })).token;
    const setup = await runCli(['relay', 'device', 'smoke', '--login', 'online', '--app-state', 'background', '--cert-name', 'dev', '--config-dir', cfg]);
    expect(setup.code).toBe(0);
    expect((await runCli(['token', 'add', 'smoke', token, '--cert-name', 'dev', '--config-dir', cfg])).code).toBe(0);
    const report = join(dir, 'good.xml');
    const r = await runCli(['check', '--config-dir', cfg, '--profile', 'good', '--send-to', 'smoke', '--junit', report, '--json']);
    expect(r.code).toBe(0);
    const doc = parseJson(r.stdout) as { ok: boolean; checks: Array<{ status: string; group: string }>; summary: Record<string, number> };
    expect(doc.ok).toBe(true);
    expect(doc.checks.map((c) => c.group)).toEqual(['credentials', 'limits', 'relay', 'send']);
    const xml = readFileSync(report, 'utf8');
    expect(junitCounts(xml)).toEqual({ tests: 4, failures: 0 });
    expect(r.stdout + r.stderr + xml).not.toContain(SECRET);
  });

  it('a broken profile (expired certificate, over-long push text): exit 1, failures carry the finding id and fix', async () => {
    const report = join(dir, 'broken.xml');
    const r = await runCli(['check', '--config-dir', cfg, '--profile', 'broken', '--push-text', 'x'.repeat(501), '--junit', report]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ credential old-prod/);
    const xml = readFileSync(report, 'utf8');
    expect(junitCounts(xml)).toEqual({ tests: 4, failures: 2 });
    expect(xml).toMatch(/<failure type="cert.expired" message="[^"]+">[^<]*fix: /);
    expect(xml).toMatch(/<failure type="pushcontent.too-long"/);
  });

  it.skipIf(!pythonXml)('the report is well-formed XML (checked by an independent parser)', () => {
    for (const name of ['good.xml', 'broken.xml']) {
      execFileSync('python3', ['-c', 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])', join(dir, name)]);
    }
  });

  it('a relay that is not running: exit 3 with relay.unreachable', async () => {
    const r = await runCli(['check', '--config-dir', join(dir, 'elsewhere'), '--json'], { env: { NIM_PUSH_CONFIG_DIR: undefined } });
    expect(r.code).toBe(2);
    const copy = join(dir, 'cfg2');
    await openConfigStore(copy).saveProfile('good', openConfigStore(cfg).requireProfile('good'), true);
    const down = await runCli(['check', '--config-dir', copy, '--json']);
    expect(down.code).toBe(3);
    expect(JSON.stringify(parseJson(down.stdout))).toContain('relay.unreachable');
  });
});
