/**
 * The embedded main job: a throwaway app, relay and APNs simulator; one push that fires and
 * arrives; then every FAQ case replayed through the real relay (over the API version asked for)
 * and checked against `diagnose`, which reads the relay through NetEase's documented endpoints.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../context.js';
import type { NimApi } from '../../core/profile.js';
import { createRelayClient } from '../../adapters/relay-client.js';
import { openConfigStore } from '../../adapters/config-store.js';
import { fetchSimDeliveries, registerSimDevice, type SimDelivery } from '../../apns-sim/index.js';
import type { CaseOutcome, DemoMain, DemoReport } from '../../output/demo-view.js';
import { diagnose } from '../diagnose/diagnose.js';
import { serveRelay } from '../relay-host.js';
import { DemoRelay, type SendOutcome } from './demo-relay.js';
import { DEMO_BUNDLE_ID, DEMO_CERT, writeDemoCredentials } from './demo-credentials.js';
import { FAQ_CASES, type CaseWorld, type FaqCase } from './faq-cases.js';
import { judgeCase } from './judge-case.js';

const SENDER = 'alice';
const TEXT = 'hello';
const PUSH_TEXT = '发来了一条消息';

type Mint = (environment: 'development' | 'production') => Promise<string>;

export async function runDemo(ctx: Context, api: NimApi): Promise<DemoReport> {
  const dir = mkdtempSync(join(tmpdir(), 'nim-push-demo-'));
  // Never the user's profiles: the demo's config dir lives and dies with it.
  const demoCtx: Context = { ...ctx, configDir: join(dir, 'config'), profileName: 'demo', profileExplicit: true };
  const stop = new AbortController();
  let serving: Promise<unknown> | undefined;
  try {
    const creds = writeDemoCredentials(dir, ctx.now());
    const profile = { ...creds.profile, api };
    await openConfigStore(demoCtx.configDir).saveProfile('demo', profile, true);
    ctx.log.info(ctx.lang === 'zh' ? '正在启动本地中转服务和 APNs 模拟器…' : 'Starting the local relay and APNs simulator…');
    const ready = new Promise<{ url: string; apnsUrls?: Record<string, string>; caFile?: string }>((resolve, reject) => {
      serving = serveRelay({ profile, appSecret: creds.appSecret, ephemeral: true, apns: 'sim', strictTokens: true, signal: stop.signal, onReady: resolve }, demoCtx);
      serving.catch(reject);
    });
    const info = await ready;
    const apnsUrls = info.apnsUrls ?? {};
    const caPem = readFileSync(info.caFile as string, 'utf8');
    const relay = new DemoRelay(createRelayClient({ baseUrl: info.url, appKey: profile.appKey, appSecret: creds.appSecret, lang: ctx.lang }), api);
    const mint: Mint = async (environment) => (await registerSimDevice({ url: apnsUrls[environment], caPem }, { topic: DEMO_BUNDLE_ID, environment })).token;
    const deliveriesOf = async (token: string): Promise<SimDelivery[]> => (await fetchSimDeliveries({ url: apnsUrls.development, caPem }, { token })).deliveries;

    await relay.createUser(SENDER);
    const main = await runMainSend(relay, mint, deliveriesOf, ctx);
    const cases: CaseOutcome[] = [];
    for (const faq of FAQ_CASES) {
      ctx.log.info(ctx.lang === 'zh' ? `重放:${faq.title.zh}` : `Replaying: ${faq.title.en}`);
      cases.push(await replayCase(faq, relay, mint, demoCtx));
    }
    const passed = cases.filter((c) => c.ok).length;
    return { ok: main.ok && passed === cases.length, api, relay: info.url, apns: apnsUrls, main, cases, summary: { passed, failed: cases.length - passed, total: cases.length } };
  } finally {
    stop.abort();
    await serving?.catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A receiver as the guide sets it up: registered, friends with the sender, logged in, app backgrounded. */
async function setUpReceiver(relay: DemoRelay, accid: string, certName: string): Promise<number> {
  await relay.createUser(accid);
  await relay.befriend(SENDER, accid);
  return relay.login(accid, certName, 'background');
}

async function runMainSend(relay: DemoRelay, mint: Mint, deliveriesOf: (token: string) => Promise<SimDelivery[]>, ctx: Context): Promise<DemoMain> {
  const to = 'bob';
  await setUpReceiver(relay, to, DEMO_CERT);
  const token = await mint('development');
  await relay.uploadToken(to, token, DEMO_CERT);
  ctx.log.info(ctx.lang === 'zh' ? `${SENDER} 给 ${to} 发送"${TEXT}"(App 在后台)…` : `Sending "${TEXT}" from ${SENDER} to ${to} (app in the background)…`);
  const sent: SendOutcome = await relay.sendText(SENDER, to, TEXT, PUSH_TEXT);
  const apns = sent.push?.apns?.find((a) => a.status === 'sent');
  const [delivered] = await deliveriesOf(token);
  return {
    ok: sent.code === 200 && sent.push?.verdict === 'fires' && Boolean(apns) && Boolean(delivered),
    from: SENDER,
    to,
    text: TEXT,
    pushText: PUSH_TEXT,
    sendCode: sent.code,
    verdict: sent.push?.verdict,
    apnsId: apns?.apnsId,
    ...(delivered ? { delivery: { token: delivered.token, environment: delivered.environment, topic: delivered.topic, payload: delivered.payload, headers: delivered.headers } } : {}),
  };
}

async function replayCase(faq: FaqCase, relay: DemoRelay, mint: Mint, ctx: Context): Promise<CaseOutcome> {
  const receiver = `bob-${faq.key}`;
  const world: CaseWorld = { relay, sender: SENDER, receiver, devToken: () => mint('development'), prodToken: () => mint('production') };
  const loginCode = await setUpReceiver(relay, receiver, faq.certName ?? DEMO_CERT);
  const upload = faq.token ? await faq.token(world) : { token: await world.devToken(), certName: faq.certName ?? DEMO_CERT };
  await relay.uploadToken(receiver, upload.token, upload.certName);
  await faq.arrange?.(world);
  try {
    const sent = await relay.sendText(SENDER, receiver, TEXT, PUSH_TEXT, faq.force);
    const diagnosis = await diagnose({ to: receiver, from: SENDER, flags: faq.force ? { forcePush: true } : {} }, ctx);
    return judgeCase(faq, { loginCode, sent, diagnosis }, relay.api, ctx.lang);
  } finally {
    await faq.restore?.(world);
  }
}
