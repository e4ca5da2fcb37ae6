/**
 * An independent client: curl built as in Apple's "Sending push notifications using command-line
 * tools", with --resolve pointing Apple's host names at the simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApnsSim, type ApnsSim, type SimEnvironment } from '../../src/apns-sim/index.js';
import type { MintedCert } from '../../src/standin/mint.js';
import { ALERT, BUNDLE, providerJwt, TEAM, testCredentials } from './fixtures.js';

function curlHasHttp2(): boolean {
  try {
    return /^Features:.*\bHTTP2\b/m.test(execFileSync('curl', ['--version'], { encoding: 'utf8' }));
  } catch {
    return false;
  }
}
const hasCurl = curlHasHttp2();
if (!hasCurl) console.warn('skipping the curl checks of the APNs simulator: curl with HTTP/2 support is not installed');

const HOSTS: Record<SimEnvironment, string> = { development: 'api.sandbox.push.apple.com', production: 'api.push.apple.com' };

describe.skipIf(!hasCurl)('curl --http2 against the simulator', () => {
  const creds = testCredentials();
  let sim: ApnsSim;
  let dir: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'apns-sim-curl-'));
    sim = await startApnsSim({ tls: creds.simTls, stateDir: dir });
    sim.state.registerKey({ keyId: creds.key.keyId, teamId: TEAM, publicKeyPem: creds.key.publicKeyPem });
    tokens.dev = sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token;
    tokens.prod = sim.state.registerDevice({ topic: BUNDLE, environment: 'production' }).token;
    tokens.gone = sim.state.registerDevice({ topic: BUNDLE, environment: 'development' }).token;
    sim.state.unregisterDevice(tokens.gone, 1_700_000_000_000);
  });
  afterAll(async () => {
    await sim?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function pemFiles(cert: MintedCert): string[] {
    const certFile = join(dir, 'cert.pem');
    const keyFile = join(dir, 'key.pem');
    writeFileSync(certFile, cert.certPem);
    writeFileSync(keyFile, cert.keyPem, { mode: 0o600 });
    return ['--cert', certFile, '--key', keyFile];
  }

  function curl(env: SimEnvironment, token: string, extra: string[], body = ALERT): Promise<{ status: number; headers: string; body: string }> {
    const host = HOSTS[env];
    const port = env === 'production' ? sim.productionPort : sim.developmentPort;
    const args = [
      '-sS', '--http2', '--cacert', sim.caFile!, '--resolve', `${host}:${port}:127.0.0.1`,
      '-D', '-', '-o', '-', '-w', '\n%{http_code}',
      '-H', `apns-topic: ${BUNDLE}`, '-H', 'apns-push-type: alert',
      ...extra,
      ...(body ? ['--data-binary', body] : []),
      `https://${host}:${port}/3/device/${token}`,
    ];
    return new Promise((resolve, reject) => {
      execFile('curl', args, { encoding: 'utf8' }, (error, stdout) => {
        if (error) return reject(error);
        const lines = stdout.trimEnd().split('\n');
        const status = Number(lines.pop());
        const text = lines.join('\n');
        const split = text.indexOf('\r\n\r\n');
        resolve({ status, headers: text.slice(0, split), body: text.slice(split + 4) });
      });
    });
  }

  const bearer = () => ['-H', `authorization: bearer ${providerJwt(creds.key)}`];

  it('delivers with a p8 JWT on the sandbox, answering apns-id and apns-unique-id', async () => {
    const answer = await curl('development', tokens.dev, bearer());
    expect(answer.status).toBe(200);
    expect(answer.headers).toMatch(/^apns-id: [0-9a-f-]{36}/m);
    expect(answer.headers).toMatch(/^apns-unique-id: /m);
    expect(sim.state.deliveries({ token: tokens.dev })).toHaveLength(1);
  });

  it('delivers with a production-only certificate on production', async () => {
    const answer = await curl('production', tokens.prod, pemFiles(creds.production));
    expect(answer.status).toBe(200);
  });

  const failures: Array<[string, SimEnvironment, string, () => string[], number, string, string?]> = [
    ['a production certificate on the sandbox', 'development', 'dev', () => pemFiles(creds.production), 403, 'BadCertificateEnvironment'],
    ['no credential at all', 'development', 'dev', () => [], 403, 'MissingProviderToken'],
    ['a token from the other environment', 'production', 'dev', bearer, 400, 'BadDeviceToken'],
    ['a header given twice', 'development', 'dev', () => [...bearer(), '-H', `apns-topic: ${BUNDLE}`], 400, 'DuplicateHeaders'],
    ['GET', 'development', 'dev', () => [...bearer(), '-X', 'GET'], 405, 'MethodNotAllowed', ''],
    ['a 5000-byte alert', 'development', 'dev', bearer, 413, 'PayloadTooLarge', JSON.stringify({ aps: { alert: 'x'.repeat(5000) } })],
  ];
  it.each(failures)('%s → %i %s', async (_name, env, token, auth, status, reason, body) => {
    const answer = await curl(env, tokens[token], auth(), body);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toEqual({ reason });
  });

  it('answers 410 Unregistered with the timestamp', async () => {
    const answer = await curl('development', tokens.gone, bearer());
    expect(answer.status).toBe(410);
    expect(JSON.parse(answer.body)).toEqual({ reason: 'Unregistered', timestamp: 1_700_000_000_000 });
  });
});
