/**
 * A second independent client: Debian's python3-aioapns (token auth). It must get the same
 * answers from the simulator as Apple documents, and as node-apn gets (test/apns-sim/node-apn.test.ts).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApnsSim, type ApnsSim } from '../../src/apns-sim/index.js';
import { BUNDLE, OTHER_BUNDLE, TEAM, testCredentials } from './fixtures.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./clients/aioapns_push.py', import.meta.url));
const hasAioapns = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import aioapns'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasAioapns) console.warn('skipping the aioapns checks of the APNs simulator: Debian python3-aioapns is not installed (apt-get install python3-aioapns)');

interface Answer {
  token: string;
  ok: boolean;
  status: string;
  reason: string | null;
}

describe.skipIf(!hasAioapns)('python3-aioapns against the simulator', () => {
  const creds = testCredentials();
  let sim: ApnsSim;
  let dir: string;
  let p8File: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apns-sim-aioapns-'));
    sim = await startApnsSim({ tls: creds.simTls, stateDir: dir });
    sim.state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
    p8File = join(dir, `AuthKey_${creds.key.keyId}.p8`);
    writeFileSync(p8File, creds.key.pem, { mode: 0o600 });
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const push = (tokens: string[], opts: { sandbox?: boolean; topic?: string; keyId?: string } = {}): Promise<Answer[]> =>
    new Promise((resolve, reject) => {
      const sandbox = opts.sandbox ?? true;
      const cfg = {
        port: sandbox ? sim.developmentPort : sim.productionPort,
        caFile: sim.caFile,
        p8File,
        keyId: opts.keyId ?? creds.key.keyId,
        teamId: TEAM,
        topic: opts.topic ?? BUNDLE,
        tokens,
        sandbox,
      };
      execFile(PYTHON, [SCRIPT, JSON.stringify(cfg)], { timeout: 20_000 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as Answer[]);
      });
    });

  it('delivers to a registered token of each environment, recorded once by the simulator', async () => {
    const dev = sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token;
    const prod = sim.state.registerDevice({ topic: BUNDLE, environment: 'production' }).token;
    expect(await push([dev])).toEqual([expect.objectContaining({ ok: true, status: '200' })]);
    expect(await push([prod], { sandbox: false })).toEqual([expect.objectContaining({ ok: true, status: '200' })]);
    expect(sim.state.deliveries({ token: dev })).toHaveLength(1);
    expect(sim.state.deliveries({ token: prod })[0]).toMatchObject({ environment: 'production', payload: { aps: { alert: 'hello' } } });
  });

  it.each([
    ['an unknown token', () => 'ab'.repeat(32), {}, '400', 'BadDeviceToken'],
    ['a development token sent to production', () => sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token, { sandbox: false }, '400', 'BadDeviceToken'],
    ['a token of another app', () => sim.state.registerDevice({ topic: OTHER_BUNDLE, environment: 'development' }).token, {}, '400', 'DeviceTokenNotForTopic'],
    ['an unregistered token', () => {
      const t = sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token;
      sim.state.unregisterDevice(t, Date.UTC(2025, 0, 1));
      return t;
    }, {}, '410', 'Unregistered'],
    ['a key id the simulator does not know', () => sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token, { keyId: 'ZZZZZZZZZZ' }, '403', 'InvalidProviderToken'],
  ] as const)('%s → %s %s', async (_label, token, opts, status, reason) => {
    const [answer] = await push([token()], opts);
    expect(answer).toMatchObject({ ok: false, status, reason });
  });
});
