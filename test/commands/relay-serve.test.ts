import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRelayServe } from '../../src/commands/relay-serve.js';
import { serve as relayServe } from '../../src/commands/relay-serve.js';
import { openConfigStore } from '../../src/adapters/config-store.js';
import type { Profile } from '../../src/core/profile.js';
import { makeContext, removeDir } from '../helpers/context.js';

const profile: Profile = { appKey: 'k', appSecret: 'serve-secret-123456', bundleId: 'com.x.y', environment: 'development', relay: 'local', certs: [] };
const ctx = makeContext();
const stop = new AbortController();
let serving: Promise<unknown>;
let url = '';

beforeAll(async () => {
  await openConfigStore(ctx.configDir).saveProfile('default', profile, true);
  await new Promise<void>((resolve, reject) => {
    serving = runRelayServe({ profile, appSecret: profile.appSecret as string, ephemeral: true, signal: stop.signal, onReady: (i) => ((url = i.url), resolve()) }, ctx);
    serving.catch(reject);
  });
});

afterAll(async () => {
  stop.abort();
  await serving;
  removeDir(ctx.configDir);
});

describe('relay serve', () => {
  it('refuses to start a second relay for the same config dir, naming the running one', async () => {
    await expect(relayServe([], { ephemeral: true }, ctx)).rejects.toMatchObject({ exitCode: 2, code: 'relay.listen', message: expect.stringContaining(url) });
  });
});
