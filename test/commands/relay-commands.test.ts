import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mintP8 } from '../../src/standin/mint.js';
import { readServiceRecord } from '../../src/adapters/service-registry.js';
import { runLog } from '../../src/commands/log.js';
import { runRelayDevice } from '../../src/commands/relay-device.js';
import { runRelayBlock, runRelayDnd, runRelayFriend, runRelayMute } from '../../src/commands/relay-relations.js';
import { runRelayServe } from '../../src/commands/relay-serve.js';
import { runSendRelay } from '../../src/commands/send-relay.js';
import { runTokenAdd, runTokenList, runTokenRemove, SDK_UPLOAD_CALL } from '../../src/commands/token.js';
import { CliError, UnreachableError, UsageError } from '../../src/core/errors.js';
import { createStyle } from '../../src/output/style.js';
import { startRelayService, type RelayService } from '../../src/relay/relay-service.js';
import { makeContext, makeTempDir, removeDir, type TestContext } from '../helpers/context.js';

const appKey = 'cmd-app-key';
const appSecret = 'cmd-app-secret-31415926';
const bundleId = 'com.example.cmds';
const style = createStyle(false);
let service: RelayService;
let ctx: TestContext;
let devToken: string;
const access = { relay: 'local', appKey, appSecret };

beforeAll(async () => {
  const p8 = mintP8();
  service = await startRelayService({
    ephemeral: true,
    app: {
      appKey,
      appSecret,
      environment: 'development',
      certs: [{ name: 'dev-key', environment: 'development', bundleId, material: { kind: 'token', keyPem: p8.pem, keyId: p8.keyId, teamId: 'ABCDE12345' } }],
    },
    apns: { kind: 'sim', autoRegister: false },
    clock: () => '23:00',
  });
  devToken = service.sim!.state.registerDevice({ topic: bundleId, environment: 'development' }).token;
  ctx = makeContext({ env: { NIM_PUSH_RELAY_URL: service.url }, verbose: true });
});
afterAll(async () => {
  await service?.close();
  removeDir(ctx.configDir);
});

describe('token commands', () => {
  it('normalises and uploads a token, lists it, and removes it', async () => {
    const spaced = `<${devToken.toUpperCase().match(/.{8}/g)!.join(' ')}>`;
    const added = await runTokenAdd({ ...access, accid: 'bob', token: spaced, certName: 'dev-key', env: 'development', customContentKey: 'greeting' }, ctx);
    expect(added.exitCode).toBe(0);
    expect(added.data).toMatchObject({ ok: true, token: { token: devToken, certName: 'dev-key', environment: 'development', customContentKey: 'greeting' } });
    expect((added.data.findings as Array<{ id: string }>).map((f) => f.id)).toContain('token.normalized');

    // nil (absent) keeps the custom-content key, "" clears it.
    await runTokenAdd({ ...access, accid: 'bob', token: devToken, certName: 'dev-key' }, ctx);
    let list = await runTokenList({ ...access, accid: 'bob' }, ctx);
    expect(list.data.tokens).toEqual([expect.objectContaining({ accid: 'bob', token: devToken, customContentKey: 'greeting' })]);
    await runTokenAdd({ ...access, accid: 'bob', token: devToken, certName: 'dev-key', customContentKey: '' }, ctx);
    list = await runTokenList({ ...access, accid: 'bob' }, ctx);
    expect((list.data.tokens as unknown as Array<Record<string, unknown>>)[0].customContentKey).toBeUndefined();
    expect(list.human(style)).toContain(devToken);

    const extra = 'ab'.repeat(32);
    await runTokenAdd({ ...access, accid: 'bob', token: extra, certName: 'dev-key' }, ctx);
    const removed = await runTokenRemove({ ...access, accid: 'bob', token: extra }, ctx);
    expect(removed.data).toMatchObject({ ok: true, removed: 1 });
    expect((await runTokenList({ ...access, accid: 'bob' }, ctx)).data.tokens).toHaveLength(1);
  });

  it('rejects what cannot be a token with a finding, before talking to the relay', async () => {
    const error = await runTokenAdd({ ...access, relay: 'http://127.0.0.1:9', accid: 'bob', token: 'not-a-token!' }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as CliError).code).toBe('token.invalid-format');
    expect((error as CliError).details?.findings).toEqual([expect.objectContaining({ id: 'token.invalid-format' })]);
  });

  it('stores a token under a certificate name the app does not have, but says certname.unknown and exits 1', async () => {
    const r = await runTokenAdd({ ...access, accid: 'carol', token: 'cd'.repeat(32), certName: 'typo-cert', knownCertNames: ['dev-key'] }, ctx);
    expect(r.exitCode).toBe(1);
    expect(r.data).toMatchObject({ ok: false, findings: [expect.objectContaining({ id: 'certname.unknown' })] });
    expect((await runTokenList({ ...access, accid: 'carol' }, ctx)).data.tokens).toEqual([expect.objectContaining({ certName: 'typo-cert' })]);
  });

  it('refuses an account id over 32 characters before talking to the relay', async () => {
    const error = await runTokenAdd({ ...access, relay: 'http://127.0.0.1:9', accid: 'a'.repeat(33), token: devToken }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as CliError).message).toMatch(/33 characters.*32/);
  });

  it('explains against the NIM cloud that the SDK uploads tokens, and shows the call', async () => {
    const result = await runTokenAdd({ ...access, relay: 'nim', accid: 'bob', token: devToken }, ctx);
    expect(result.exitCode).toBe(2);
    expect(result.data).toMatchObject({ ok: false, sdkCall: SDK_UPLOAD_CALL });
    expect(result.human(style)).toContain('[[NIMSDK sharedSDK] updateApnsToken:deviceToken customContentKey:nil]');
  });
});

describe('send through the relay', () => {
  it('sends, and the push reaches the simulator with the push text', async () => {
    await runRelayDevice({ ...access, accid: 'alice' }, ctx);
    await runRelayDevice({ ...access, accid: 'bob', login: 'online', appState: 'background', certName: 'dev-key' }, ctx);
    const before = service.sim!.state.deliveries({ token: devToken }).length;
    const result = await runSendRelay({ ...access, from: 'alice', to: 'bob', text: 'hello', pushText: '发来了一条消息', title: 'Hi' }, ctx);
    expect(result.exitCode).toBe(0);
    expect(result.data).toMatchObject({ ok: true, via: 'relay', summary: { sent: 1, failed: 0, blocked: 0 } });
    const [r] = result.data.results as Array<{ status: string; apnsId?: string }>;
    expect(r.status).toBe('sent');
    expect(r.apnsId).toBeTruthy();
    const delivered = service.sim!.state.deliveries({ token: devToken });
    expect(delivered.length).toBe(before + 1);
    expect((delivered.at(-1)!.payload as { aps: { alert: unknown } }).aps.alert).toEqual({ title: 'Hi', body: 'alice: 发来了一条消息' });
  });

  it('checks limits before sending: nothing reaches the relay', async () => {
    const before = service.relay.store.state.pushLog.length;
    const result = await runSendRelay({ ...access, from: 'alice', to: 'bob', pushText: 'x'.repeat(501) }, ctx);
    expect(result.exitCode).toBe(1);
    expect((result.data.results as Array<{ findings: Array<{ id: string }> }>)[0].findings[0].id).toBe('pushcontent.too-long');
    const payload = await runSendRelay({ ...access, from: 'alice', to: 'bob', payload: JSON.stringify({ k: 'y'.repeat(2100) }) }, ctx);
    expect((payload.data.results as Array<{ findings: Array<{ id: string }> }>)[0].findings[0].id).toBe('nim-payload.too-long');
    const bad = await runSendRelay({ ...access, from: 'alice', to: 'bob', payload: '{oops' }, ctx);
    expect((bad.data.results as Array<{ findings: Array<{ id: string }> }>)[0].findings[0].id).toBe('payload.invalid-json');
    expect(service.relay.store.state.pushLog.length).toBe(before);
  });

  it('prints the request on --dry-run and sends nothing', async () => {
    const before = service.relay.store.state.pushLog.length;
    const result = await runSendRelay({ ...access, from: 'alice', to: 'bob', pushText: 'p', noNick: true, forcePush: true, dryRun: true }, ctx);
    expect(result.data).toMatchObject({ requests: [{ form: { pushcontent: 'p', option: '{"needPushNick":false}', forcepushall: 'true' } }] });
    expect(service.relay.store.state.pushLog.length).toBe(before);
  });

  it('reports a blocked push with the rule that blocks it (DND), and force push overriding it', async () => {
    await runRelayDnd({ ...access, accid: 'bob', state: 'on', window: '22:00-07:00' }, ctx);
    const blocked = await runSendRelay({ ...access, from: 'alice', to: 'bob', pushText: 'x' }, ctx);
    expect(blocked.exitCode).toBe(1);
    expect((blocked.data.results as Array<{ status: string; reason: string }>)[0]).toMatchObject({ status: 'blocked', reason: 'receiver.dnd' });
    const forced = await runSendRelay({ ...access, from: 'alice', to: 'bob', pushText: 'x', forcePush: true }, ctx);
    expect(forced.exitCode).toBe(0);
    await runRelayDnd({ ...access, accid: 'bob', state: 'off' }, ctx);
  });

  it('sets relations: blacklist blocks, mute blocks, friends and undo work', async () => {
    await runRelayFriend({ ...access, a: 'alice', b: 'bob', action: 'add' }, ctx);
    await runRelayBlock({ ...access, a: 'bob', b: 'alice' }, ctx);
    let result = await runSendRelay({ ...access, from: 'alice', to: 'bob' }, ctx);
    expect((result.data.results as Array<{ reason: string }>)[0].reason).toBe('relation.blacklisted');
    await runRelayBlock({ ...access, a: 'bob', b: 'alice', remove: true }, ctx);
    await runRelayMute({ ...access, a: 'bob', b: 'alice' }, ctx);
    result = await runSendRelay({ ...access, from: 'alice', to: 'bob' }, ctx);
    expect((result.data.results as Array<{ reason: string }>)[0].reason).toBe('receiver.session-muted');
    await runRelayMute({ ...access, a: 'bob', b: 'alice', remove: true }, ctx);
    const device = await runRelayDevice({ ...access, accid: 'bob' }, ctx);
    expect(device.data.user).toMatchObject({ friends: ['alice'], blacklist: [], mutelist: [] });
    expect(device.human(style)).toContain('friends=[alice]');
  });

  it('fails login with a certificate name over 32 characters (code 500, as the guide says)', async () => {
    const error = await runRelayDevice({ ...access, accid: 'bob', login: 'online', certName: 'n'.repeat(33) }, ctx).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
    expect((error as CliError).details?.relayCode).toBe(500);
  });

  it('shows the push log for a receiver', async () => {
    const log = await runLog({ ...access, to: 'bob' }, ctx);
    const entries = log.data.entries as Array<{ to: string; delivery: string; findings: Array<{ id: string; message: string }> }>;
    expect(entries.length).toBeGreaterThan(2);
    expect(entries.every((e) => e.to === 'bob')).toBe(true);
    expect(entries.some((e) => e.delivery === 'push')).toBe(true);
    expect(entries.flatMap((e) => e.findings.map((f) => f.id))).toContain('receiver.dnd');
    expect(log.human(style)).toMatch(/alice → bob/);
  });

  it('never logs the App Secret or a raw CheckSum in verbose output', () => {
    expect(ctx.logs.length).toBeGreaterThan(5);
    for (const line of ctx.logs) {
      expect(line).not.toContain(appSecret);
      expect(line).not.toMatch(/CheckSum=[0-9a-f]{40}/);
    }
  });
});

describe('finding the local relay', () => {
  it('is relay.unreachable (exit 3) with the command that starts one when no relay runs', async () => {
    const lonely = makeContext();
    try {
      const error = await runLog({ ...access }, lonely).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnreachableError);
      expect((error as CliError).exitCode).toBe(3);
      expect((error as Error).message).toContain('nim-push relay serve');
    } finally {
      removeDir(lonely.configDir);
    }
  });

  it('relay serve records its URL for the other commands and removes the record when stopped', async () => {
    const configDir = makeTempDir();
    const serveCtx = makeContext({ configDir });
    try {
      const p8 = mintP8();
      const keyPath = join(configDir, `AuthKey_${p8.keyId}.p8`);
      writeFileSync(keyPath, p8.pem, { mode: 0o600 });
      const stop = new AbortController();
      let readyUrl = '';
      const serving = runRelayServe(
        {
          profile: { appKey, bundleId, environment: 'development', relay: 'local', certs: [{ name: 'dev-key', kind: 'p8', path: keyPath, environment: 'development', keyId: p8.keyId, teamId: 'ABCDE12345' }] },
          appSecret,
          ephemeral: true,
          signal: stop.signal,
          onReady: (info) => (readyUrl = info.url),
        },
        serveCtx,
      );
      for (let i = 0; i < 100 && !readyUrl; i += 1) await new Promise((r) => setTimeout(r, 50));
      expect(readyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/nimserver$/);
      expect((await readServiceRecord(configDir, 'relay'))?.url).toBe(readyUrl);
      expect((await readServiceRecord(configDir, 'apns-sim'))?.caFile).toBeTruthy();
      // Another command with the same config dir finds it without being told the port.
      const added = await runTokenAdd({ ...access, accid: 'zed', token: 'cd'.repeat(32), certName: 'dev-key' }, makeContext({ configDir }));
      expect(added.data).toMatchObject({ ok: true, relay: readyUrl });
      stop.abort();
      const result = await serving;
      expect(result.data).toMatchObject({ ok: true, stopped: 'aborted' });
      expect(await readServiceRecord(configDir, 'relay')).toBeUndefined();
    } finally {
      removeDir(configDir);
    }
  }, 15_000);
});
