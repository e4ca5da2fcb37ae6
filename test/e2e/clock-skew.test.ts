/**
 * A skewed clock is named, not mistaken for a wrong App Secret or key: against a relay (and its
 * simulator) whose clock runs 10 minutes ahead, `check` reports `clock.skew` as an error beside
 * the refused CheckSum (414), and so do `send --to` and `diagnose`; an APNs answer of
 * ExpiredProviderToken from a server two hours ahead comes with `clock.skew`; a relay 45 s off is
 * a warning only and the check passes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/adapters/config-store.js';
import type { Profile } from '../../src/core/profile.js';
import { startRelayService, type RelayService } from '../../src/relay/relay-service.js';
import { mintP8 } from '../../src/standin/mint.js';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { runMain } from '../reliability/cli-fixture.js';

const APP_KEY = 'skew-app-key';
const APP_SECRET = 'skew-app-secret-31415';
const BUNDLE = 'com.example.skew';
const TEAM = 'ABCDE12345';
const MINUTE = 60_000;

interface Finding { id: string; severity: string; message: string }
interface Check { group: string; status: string; findings: Finding[] }

let dir: string;
const services: Record<string, RelayService> = {};
let material: { kind: 'token'; keyPem: string; keyId: string; teamId: string };
let keyFile: string;

async function stack(name: string, offsetMs: number): Promise<void> {
  services[name] = await startRelayService({
    ephemeral: true,
    now: () => Date.now() + offsetMs,
    app: { appKey: APP_KEY, appSecret: APP_SECRET, environment: 'development', certs: [{ name: 'key', environment: 'development', bundleId: BUNDLE, material }] },
    apns: { kind: 'sim', autoRegister: true },
  });
  writeFileSync(join(dir, `${name}-ca.pem`), services[name].sim!.caPem);
  const profile: Profile = { appKey: APP_KEY, appSecret: APP_SECRET, bundleId: BUNDLE, environment: 'development', relay: services[name].url, api: 'v1',
    certs: [{ name: 'key', kind: 'p8', path: keyFile, keyId: material.keyId, teamId: TEAM, environment: 'development' }] };
  await openConfigStore(join(dir, 'cfg')).saveProfile(name, profile);
}

const run = (profile: string, args: string[]) => runMain(['--profile', profile, '--json', ...args], { NIM_PUSH_CONFIG_DIR: join(dir, 'cfg') }, dir);

beforeAll(async () => {
  dir = makeTempDir('nim-push-skew-');
  const p8 = mintP8();
  keyFile = join(dir, `AuthKey_${p8.keyId}.p8`);
  writeFileSync(keyFile, p8.pem);
  material = { kind: 'token', keyPem: p8.pem, keyId: p8.keyId, teamId: TEAM };
  await stack('ahead10m', 10 * MINUTE);
  await stack('ahead2h', 120 * MINUTE);
  await stack('ahead45s', 45_000);
}, 30_000);

afterAll(async () => {
  for (const s of Object.values(services)) await s.close();
  removeDir(dir);
});

describe('clock skew', () => {
  it('check against a relay 10 minutes ahead: clock.skew is an error beside the refused CheckSum', async () => {
    const r = await run('ahead10m', ['check']);
    expect(r.code).toBe(1);
    const relay = (JSON.parse(r.stdout) as { checks: Check[] }).checks.find((c) => c.group === 'relay')!;
    expect(relay.status).toBe('fail');
    const skew = relay.findings.find((f) => f.id === 'clock.skew')!;
    expect(skew.severity).toBe('error');
    // Within the Date header's second and the round trip of the local call.
    const offset = Number(/(\d+) s behind/.exec(skew.message)?.[1]);
    expect(offset).toBeGreaterThanOrEqual(597);
    expect(offset).toBeLessThanOrEqual(600);
    expect(relay.findings.map((f) => f.id)).toContain('relay.auth-failed');
  });

  it('send --to and diagnose name the skew behind the 414', async () => {
    const send = await run('ahead10m', ['send', '--to', 'bob', '--from', 'alice', '--text', 'hi']);
    expect(send.code).toBe(1);
    const sent = JSON.parse(send.stdout) as { results: Array<{ findings: Finding[] }> };
    expect(sent.results[0].findings.map((f) => f.id)).toEqual(['clock.skew', 'relay.auth-failed']);
    const diagnose = await run('ahead10m', ['diagnose', '--to', 'bob', '--from', 'alice']);
    const found = JSON.parse(diagnose.stdout) as { findings: Finding[] };
    expect(found.findings[0]).toMatchObject({ id: 'clock.skew', severity: 'error' });
  });

  it('a token command refused for the clock says so in its error', async () => {
    const r = await run('ahead10m', ['token', 'list', 'bob']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { error: { message: string }; findings: Finding[] };
    expect(out.findings.map((f) => f.id)).toEqual(['clock.skew', 'relay.auth-failed']);
    expect(out.error.message).toMatch(/clock/);
  });

  it('APNs ExpiredProviderToken from a server 2 hours ahead comes with clock.skew; check says so too', async () => {
    const sim = services.ahead2h.sim!;
    const token = sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token;
    const args = ['--apns-url', sim.urlFor('development'), '--apns-ca', join(dir, 'ahead2h-ca.pem')];
    const r = await run('ahead2h', ['send', '--token', token, '--cert-name', 'key', '--push-text', 'hi', ...args]);
    expect(r.code).toBe(1);
    const result = (JSON.parse(r.stdout) as { results: Array<{ reason: string; findings: Finding[] }> }).results[0];
    expect(result.reason).toBe('ExpiredProviderToken');
    expect(result.findings.map((f) => f.id)).toEqual(['apns.ExpiredProviderToken', 'clock.skew']);
    expect(result.findings[1].message).toMatch(/7\d{3} s behind/);
    const check = await run('ahead2h', ['check', '--token', token, ...args]);
    const send = (JSON.parse(check.stdout) as { checks: Check[] }).checks.find((c) => c.group === 'send')!;
    expect(send.status).toBe('fail');
    expect(send.findings.map((f) => f.id)).toContain('clock.skew');
  });

  it('45 s off is a warning: the check still passes and says so', async () => {
    const r = await run('ahead45s', ['check']);
    const relay = (JSON.parse(r.stdout) as { checks: Check[] }).checks.find((c) => c.group === 'relay')!;
    expect(relay.status).toBe('pass');
    expect(relay.findings).toEqual([expect.objectContaining({ id: 'clock.skew', severity: 'warning' })]);
    expect(r.code).toBe(0);
  });
});
