/** Throwaway credentials for the demo: a fake Apple CA, a development push certificate and an expired one. */
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintCa, mintPushCert, toP12 } from '../../standin/mint.js';
import type { Profile } from '../../core/profile.js';

export const DEMO_BUNDLE_ID = 'com.example.nimpush.demo';
export const DEMO_TEAM_ID = 'DEMO123456';
export const DEMO_CERT = 'demo-dev';
export const DEMO_EXPIRED_CERT = 'demo-expired';
const DAY = 86_400_000;

export interface DemoCredentials {
  profile: Profile;
  appSecret: string;
}

/** Writes the p12 files under `dir` and returns the profile that registers them. */
export function writeDemoCredentials(dir: string, now: Date): DemoCredentials {
  const ca = mintCa({});
  const password = randomBytes(9).toString('base64url');
  const appSecret = randomBytes(16).toString('hex');
  const dev = mintPushCert({ ca, bundleId: DEMO_BUNDLE_ID, teamId: DEMO_TEAM_ID, environment: 'development', keyBits: 2048 });
  const expired = mintPushCert({
    ca,
    bundleId: DEMO_BUNDLE_ID,
    teamId: DEMO_TEAM_ID,
    environment: 'development',
    keys: dev.keys,
    notBefore: new Date(now.getTime() - 400 * DAY),
    notAfter: new Date(now.getTime() - 10 * DAY),
  });
  const devPath = join(dir, 'demo-dev.p12');
  const expiredPath = join(dir, 'demo-expired.p12');
  writeFileSync(devPath, toP12({ identities: [{ key: dev.key, certs: [dev.cert] }], password }), { mode: 0o600 });
  writeFileSync(expiredPath, toP12({ identities: [{ key: expired.key, certs: [expired.cert] }], password }), { mode: 0o600 });
  return {
    appSecret,
    profile: {
      appKey: 'demo-app-key',
      appSecret,
      bundleId: DEMO_BUNDLE_ID,
      environment: 'development',
      relay: 'local',
      certs: [
        { name: DEMO_CERT, kind: 'p12', path: devPath, password, environment: 'development' },
        { name: DEMO_EXPIRED_CERT, kind: 'p12', path: expiredPath, password, environment: 'development' },
      ],
    },
  };
}
