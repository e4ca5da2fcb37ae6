/**
 * The embedded main job: a throwaway app, relay and APNs simulator; one push that fires and
 * arrives; then every FAQ case replayed through the real relay and checked against `diagnose`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../context.js';
import type { Finding } from '../core/finding.js';
import { createRelayClient } from '../adapters/relay-client.js';
import { openConfigStore } from '../adapters/config-store.js';
import { fetchSimDeliveries, registerSimDevice, type SimDelivery } from '../apns-sim/index.js';
import { runRelayServe } from '../commands/relay-serve.js';
import { run as runDiagnose } from '../commands/diagnose.js';
import { DemoRelay, type SendOutcome } from './demo-relay.js';
import { DEMO_BUNDLE_ID, DEMO_CERT, writeDemoCredentials } from './demo-credentials.js';
import { FAQ_CASES, type CaseWorld, type FaqCase } from './faq-cases.js';
import { judgeCase, type CaseOutcome } from './judge-case.js';

export interface DemoMain {
  ok: boolean;
  from: string;
  to: string;
  text: string;
  pushText: string;
  sendCode: number;
  verdict?: string;
  apnsId?: string;
  delivery?: { token: string; environment: string; topic: string; payload: unknown; headers: Record<string, string> };
}

export interface DemoReport {
  ok: boolean;
  relay: string;
  apns: Record<string, string>;
  main: DemoMain;
  cases: CaseOutcome[];
  summary: { passed: number; failed: number; total: number };
}

const SENDER = 'alice';
const TEXT = 'hello';
const PUSH_TEXT = '发来了一条消息';

export async function runDemo(ctx: Context): Promise<DemoReport> {
  const dir = mkdtempSync(join(tmpdir(), 'nim-push-demo-'));
  // Never the user's profiles: the demo's config dir lives and dies with it.
  const demoCtx: Context = { ...ctx, configDir: join(dir, 'config'), profileName: 'demo', profileExplicit: true };
  const stop = new AbortController();
  let serving: Promise<unknown> | undefined;
  try {
    const creds = writeDemoCredentials(dir, ctx.now());
    openConfigStore(demoCtx.configDir).saveProfile('demo', creds.profile, true);
    ctx.log.info('Starting the local relay and APNs simulator…');
    const ready = new Promise<{ url: string; apnsUrls?: Record<string, string>; caFile?: string }>((resolve, reject) => {
      serving = runRelayServe({ profile: creds.profile, appSecret: creds.appSecret, ephemeral: true, apns: 'sim', signal: stop.signal, onReady: resolve }, demoCtx);
      serving.catch(reject);
    });
    const info = await ready;
    const apnsUrls = info.apnsUrls ?? {};
    const caPem = readFileSync(info.caFile as string, 'utf8');
    const client = createRelayClient({ baseUrl: info.url, appKey: creds.profile.appKey, appSecret: creds.appSecret, lang: ctx.lang });
    const relay = new DemoRelay(client);
    const mint = async (environment: 'development' | 'production') =>
      (await registerSimDevice({ url: apnsUrls[environment], caPem }, { topic: DEMO_BUNDLE_ID, environment })).token;
    const deliveriesOf = async (token: string): Promise<SimDelivery[]> =>
      (await fetchSimDeliveries({ url: apnsUrls.development, caPem }, { token })).deliveries;

    await relay.createUser(SENDER);
    const main = await runMainSend(relay, mint, deliveriesOf, ctx);
    const cases: CaseOutcome[] = [];
    for (const faq of FAQ_CASES) {
      ctx.log.info(`Replaying: ${faq.title[ctx.lang]}`);
      cases.push(await replayCase(faq, relay, mint, demoCtx));
    }
    const passed = cases.filter((c) => c.ok).length;
    return {
      ok: main.ok && passed === cases.length,
      relay: info.url,
      apns: apnsUrls,
      main,
      cases,
      summary: { passed, failed: cases.length - passed, total: cases.length },
    };
  } finally {
    stop.abort();
    await serving?.catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A receiver as the guide sets it up: registered, friends with the sender, logged in, app backgrounded, token uploaded. */
async function setUpReceiver(relay: DemoRelay, accid: string, certName: string): Promise<number> {
  await relay.createUser(accid);
  await relay.befriend(SENDER, accid);
  return relay.login(accid, certName, 'background');
}

async function runMainSend(
  relay: DemoRelay,
  mint: (env: 'development' | 'production') => Promise<string>,
  deliveriesOf: (token: string) => Promise<SimDelivery[]>,
  ctx: Context,
): Promise<DemoMain> {
  const to = 'bob';
  await setUpReceiver(relay, to, DEMO_CERT);
  const token = await mint('development');
  await relay.uploadToken(to, token, DEMO_CERT);
  ctx.log.info(`Sending "${TEXT}" from ${SENDER} to ${to} (app in the background)…`);
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
    ...(delivered
      ? { delivery: { token: delivered.token, environment: delivered.environment, topic: delivered.topic, payload: delivered.payload, headers: delivered.headers } }
      : {}),
  };
}

async function replayCase(faq: FaqCase, relay: DemoRelay, mint: (env: 'development' | 'production') => Promise<string>, ctx: Context): Promise<CaseOutcome> {
  const receiver = `bob-${faq.key}`;
  const world: CaseWorld = { relay, sender: SENDER, receiver, devToken: () => mint('development'), prodToken: () => mint('production') };
  const loginCode = await setUpReceiver(relay, receiver, faq.certName ?? DEMO_CERT);
  const upload = faq.token ? await faq.token(world) : { token: await world.devToken(), certName: faq.certName ?? DEMO_CERT };
  await relay.uploadToken(receiver, upload.token, upload.certName);
  await faq.arrange?.(world);
  try {
    const sent = await relay.sendText(SENDER, receiver, TEXT, PUSH_TEXT, faq.send);
    const diagnosis = await runDiagnose([], { to: receiver, from: SENDER, ...(faq.send?.forcepushall ? { forcePush: true } : {}) }, ctx);
    return judgeCase(faq, { loginCode, sent, diagnosis: diagnosis.data as unknown as { verdict: string; findings: Finding[] } }, ctx.lang);
  } finally {
    await faq.restore?.(world);
  }
}
