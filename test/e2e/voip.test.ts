/**
 * PushKit end to end, as a call app on NIM sets it up: PushKit certificate names registered with
 * `init --add-cert --voip`, PushKit tokens uploaded with `token add --voip` (the SDK's
 * updatePushKitToken:), listed as such, and each VoIP mismatch found by `diagnose` and decided the
 * same way by the relay.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_ID, TEAM_ID } from '../fixtures/credentials.js';
import { makeTempDir, removeDir } from '../helpers/context.js';
import { makeCliProfile, startServer, stopServer, type CliProfile, type Server } from '../reliability/cli-fixture.js';

interface Finding { id: string; severity: string }
interface Diagnosis { verdict: string; blocking?: Finding; findings: Finding[] }

let dir: string;
let profile: CliProfile;
let relay: Server | undefined;
const hex = () => randomBytes(32).toString('hex');

const run = async (args: string[], code = 0) => {
  const r = await profile.run([...args, '--json']);
  expect(r.code, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(code);
  return JSON.parse(r.stdout) as Record<string, unknown>;
};
/** The JSON is the same document whatever the verdict (and exit code); the SDK uploads no token environment, so the ticket gives it. */
const diagnose = async (to: string): Promise<Diagnosis> => JSON.parse((await profile.run(['diagnose', '--to', to, '--from', 'caller', '--token-env', 'development', '--json'])).stdout) as Diagnosis;

beforeAll(async () => {
  dir = makeTempDir('nim-push-voip-');
  profile = await makeCliProfile(dir);
  // A p8 key pushes VoIP; the development p12 covers only the bundle id, so it cannot.
  await run(['init', '--add-cert', '--cert-name', 'voip-key', '--p8', profile.p8File, '--team-id', TEAM_ID, '--bundle-id', BUNDLE_ID, '--env', 'development', '--voip', '--yes']);
  await run(['init', '--add-cert', '--cert-name', 'voip-p12', '--p12', profile.p12File, '--password', 'P12pw-Kd83-Zn1Qy6', '--bundle-id', BUNDLE_ID, '--env', 'development', '--voip', '--force', '--yes']);
  relay = await startServer(['relay', 'serve', '--port', '0'], { NIM_PUSH_CONFIG_DIR: profile.configDir }, /listening on (http:\/\/\S+)/);
  for (const accid of ['caller', 'only-pushkit', 'apns-under-voip', 'pushkit-under-apns', 'pushkit-no-voip']) {
    await run(['relay', 'device', accid, '--login', 'online', '--app-state', 'background', '--cert-name', 'dev', '--pk-cert-name', 'voip-key']);
    if (accid !== 'caller') await run(['relay', 'friend', 'add', 'caller', accid]);
  }
  await run(['token', 'add', 'only-pushkit', hex(), '--voip']);
  // Stored as the SDK's upload would be, and exit 1: no push can use them.
  await run(['token', 'add', 'apns-under-voip', hex(), '--cert-name', 'voip-key'], 1);
  await run(['token', 'add', 'pushkit-under-apns', hex(), '--cert-name', 'dev']);
  await run(['token', 'add', 'pushkit-under-apns', hex(), '--voip', '--cert-name', 'dev'], 1);
  await run(['token', 'add', 'pushkit-no-voip', hex(), '--cert-name', 'dev']);
  await run(['token', 'add', 'pushkit-no-voip', hex(), '--voip', '--cert-name', 'voip-p12']);
}, 90_000);

afterAll(async () => {
  await stopServer(relay);
  removeDir(dir);
});

describe('PushKit tokens and certificate names', () => {
  it('token add --voip uploads under the PushKit certificate name and token list shows it as PushKit', async () => {
    const listed = await run(['token', 'list', 'only-pushkit']);
    expect(listed.tokens).toEqual([expect.objectContaining({ accid: 'only-pushkit', kind: 'pushkit', certName: 'voip-key' })]);
    const human = await profile.run(['token', 'list', 'only-pushkit']);
    expect(human.stdout).toContain('pushkit (VoIP)');
  });

  it('a token under the other kind of certificate name is stored but said to be unusable (exit 1)', async () => {
    const apns = await run(['token', 'add', 'apns-under-voip', hex(), '--cert-name', 'voip-key'], 1);
    expect((apns.findings as Finding[])[0]).toMatchObject({ id: 'token.apns-under-pushkit-cert', severity: 'error' });
    const pushkit = await run(['token', 'add', 'pushkit-under-apns', hex(), '--voip', '--cert-name', 'dev'], 1);
    expect((pushkit.findings as Finding[])[0]).toMatchObject({ id: 'token.pushkit-under-apns-cert', severity: 'error' });
  });
});

describe('diagnose knows each VoIP mismatch', () => {
  it('only a PushKit token: the message cannot be pushed (token.pushkit-alert), and the relay agrees', async () => {
    const d = await diagnose('only-pushkit');
    expect(d.verdict).toBe('blocked');
    expect(d.blocking?.id).toBe('token.pushkit-alert');
    const sent = await run(['send', '--to', 'only-pushkit', '--from', 'caller', '--text', 'hi'], 1);
    expect((sent.results as Array<{ status: string; findings: Finding[] }>)[0]).toMatchObject({ status: 'blocked', findings: [expect.objectContaining({ id: 'token.pushkit-alert' })] });
  });

  it('an APNs token under the PushKit certificate name blocks the message push', async () => {
    const d = await diagnose('apns-under-voip');
    expect(d.blocking?.id).toBe('token.apns-under-pushkit-cert');
  });

  it('a PushKit token under an APNs certificate name: the message fires, the finding warns about calls', async () => {
    const d = await diagnose('pushkit-under-apns');
    expect(d.verdict).toBe('fires');
    expect(d.findings).toContainEqual(expect.objectContaining({ id: 'token.pushkit-under-apns-cert', severity: 'warning' }));
  });

  it('a PushKit certificate name whose credential cannot push .voip: cert.no-voip, a warning for messages', async () => {
    const d = await diagnose('pushkit-no-voip');
    expect(d.verdict).toBe('fires');
    expect(d.findings).toContainEqual(expect.objectContaining({ id: 'cert.no-voip', severity: 'warning' }));
  });
});
