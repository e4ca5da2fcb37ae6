/**
 * `token probe` against both environments of the simulator: a production token minted there is
 * found to be production, a development one development; a development-only certificate says
 * what it cannot prove; a token no environment knows is said to be none of this app's; another
 * app's token is placed in its environment; an auto-registering simulator is refused.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ID } from '../fixtures/credentials.js';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { makeCliProfile, startServer, stopServer, type CliProfile, type Server } from '../reliability/cli-fixture.js';

interface Probe {
  ok: boolean;
  token: string;
  environment: string | null;
  topic: string;
  attempts: Array<{ environment: string; status: string; reason?: string; meaning: string }>;
  findings: Array<{ id: string; severity: string }>;
}

let dir: string;
let profile: CliProfile;
let sim: Server | undefined;

const mint = async (env: string, topic = BUNDLE_ID): Promise<string> => {
  const r = await profile.run(['apns-sim', 'device', '--topic', topic, '--env', env, '--json']);
  return (JSON.parse(r.stdout) as { token: string }).token;
};
const probe = async (token: string, extra: string[] = []): Promise<{ code: number | null; data: Probe; stderr: string }> => {
  const r = await profile.run(['token', 'probe', token, '--apns-url', 'sim', '--json', ...extra]);
  return { code: r.code, data: JSON.parse(r.stdout) as Probe, stderr: r.stderr };
};

beforeAll(async () => {
  dir = makeTempDir('nim-push-probe-');
  profile = await makeCliProfile(dir);
  // Strict, as Apple: tokens it never issued get BadDeviceToken.
  sim = await startServer(['apns-sim', 'serve'], { NIM_PUSH_CONFIG_DIR: profile.configDir }, /Press Ctrl\+C/);
}, 40_000);

afterAll(async () => {
  await stopServer(sim);
  removeDir(dir);
});

describe('token probe', () => {
  it('finds a production token minted on the simulator to be production (after development said BadDeviceToken)', async () => {
    const token = await mint('production');
    const { code, data } = await probe(token, ['--cert-name', 'key']);
    expect(code).toBe(0);
    expect(data).toMatchObject({ ok: true, token, environment: 'production', topic: BUNDLE_ID });
    expect(data.attempts).toEqual([
      expect.objectContaining({ environment: 'development', status: 'failed', reason: 'BadDeviceToken', meaning: 'not-this-environment' }),
      expect.objectContaining({ environment: 'production', status: 'sent', meaning: 'accepted' }),
    ]);
    expect(data.findings[0]).toMatchObject({ id: 'token.probe-found', severity: 'info' });
  });

  it('finds a development token to be development, trying the expected environment first', async () => {
    const { code, data } = await probe(await mint('development'), ['--cert-name', 'key', '--env', 'development']);
    expect(code).toBe(0);
    expect(data.environment).toBe('development');
    expect(data.attempts.map((a) => [a.environment, a.meaning])).toEqual([['development', 'accepted'], ['production', 'not-this-environment']]);
  });

  it('a development-only certificate proves only "not development", and says so instead of guessing', async () => {
    const { code, data } = await probe(await mint('production'), ['--cert-name', 'dev']);
    expect(code).toBe(1);
    expect(data.environment).toBeNull();
    expect(data.attempts[1]).toMatchObject({ environment: 'production', status: 'not-tried' });
    expect(data.findings.map((f) => f.id)).toEqual(['token.probe-one-environment']);
  });

  it('a token neither environment knows: token.probe-nowhere, exit 1', async () => {
    const { code, data } = await probe(randomBytes(32).toString('hex'), ['--cert-name', 'key']);
    expect(code).toBe(1);
    expect(data).toMatchObject({ ok: false, environment: null });
    expect(data.findings.map((f) => f.id)).toEqual(['token.probe-nowhere']);
  });

  it("another app's token is placed in its environment, and not accepted", async () => {
    const { code, data } = await probe(await mint('production', 'com.example.other'), ['--cert-name', 'key']);
    expect(code).toBe(1);
    expect(data.environment).toBe('production');
    expect(data.findings.map((f) => f.id)).toEqual(['token.probe-found', 'apns.DeviceTokenNotForTopic']);
  });

  it('refuses a malformed token (exit 2) and an endpoint that has only one environment', async () => {
    expect((await profile.run(['token', 'probe', 'not-a-token', '--apns-url', 'sim'])).code).toBe(2);
    expect((await profile.run(['token', 'probe', randomBytes(32).toString('hex'), '--apns-url', 'https://127.0.0.1:1'])).code).toBe(2);
  });

  it('an auto-registering simulator proves nothing: refused with exit 2', async () => {
    mkdirSync(join(dir, 'auto'));
    const other = await makeCliProfile(join(dir, 'auto'));
    const auto = await startServer(['apns-sim', 'serve', '--auto-register'], { NIM_PUSH_CONFIG_DIR: other.configDir }, /Press Ctrl\+C/);
    try {
      const r = await other.run(['token', 'probe', randomBytes(32).toString('hex'), '--apns-url', 'sim', '--cert-name', 'key', '--json']);
      expect(r.code).toBe(2);
      expect((JSON.parse(r.stdout) as { error: { code: string } }).error.code).toBe('apns-sim.auto-register');
    } finally {
      await stopServer(auto);
    }
  });
});
