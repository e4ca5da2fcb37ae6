/**
 * `check`, the CI smoke test, as a list of checks: the profile's credentials and expiry horizon,
 * the push text and payload limits, the relay (reachable, credentials accepted, clock in step),
 * and an optional test send. Each check is a finding list; the run is a JUnit report too.
 */
import { resolve } from 'node:path';
import type { Context } from '../context.js';
import { describe, describeAll } from '../core/catalogue/index.js';
import { buildMessage } from '../core/apns/message.js';
import { clockOffset, skewIssue } from '../core/clock-skew.js';
import { checkCertName } from '../core/credentials/cert-name.js';
import { CliError, type Bilingual } from '../core/errors.js';
import { issue, type Finding } from '../core/finding.js';
import { toJUnitXml } from '../core/junit.js';
import { checkSendLimits } from '../core/nim/limits.js';
import { lintNimPayload } from '../core/nim/payload-lint.js';
import type { Profile } from '../core/profile.js';
import { readInputFile, writeOutputFile } from '../adapters/files.js';
import type { CheckData, CheckOutcome } from '../output/check-view.js';
import { checkCredentialFile } from './credentials.js';
import { ensureAccount, openRelay, relayAccessFromProfile, relayFinding } from './nim-access.js';
import { loadProfile } from './profiles.js';
import { sendDirect } from './send-direct.js';
import { sendNim } from './send-nim.js';
import { prepareDirect } from './send-prepare.js';

const DEFAULT_PUSH_TEXT = '发来了一条消息';

export interface CheckOptions {
  warnDays: number;
  junit?: string;
  sendTo?: string;
  from: string;
  token?: string;
  certName?: string;
  apnsUrl?: string;
  apnsCa?: string;
  pushText?: string;
  title?: string;
  payload?: string;
  relay?: string;
  timeout?: string;
  api?: string;
}

interface Task {
  title: Bilingual;
  group: string;
  run(): Promise<Omit<CheckOutcome, 'title' | 'group' | 'ms'>>;
}

/** Errors fail a check; so does an expiry inside the horizon — catching that is what the horizon is for. */
const failing = (f: Finding): boolean => f.severity === 'error' || f.id === 'cert.expires-soon';
const judged = (findings: Finding[], detail?: string) => ({ status: findings.some(failing) ? ('fail' as const) : ('pass' as const), findings, detail });

export async function runCheck(o: CheckOptions, ctx: Context): Promise<CheckData> {
  const { name, profile } = loadProfile(ctx);
  const payload = o.payload?.startsWith('@') ? (await readInputFile(resolve(ctx.cwd, o.payload.slice(1)), { en: 'the --payload file', zh: '--payload 文件' })).toString('utf8') : o.payload;
  const tasks = [...credentialTasks(profile, o.warnDays, ctx), textTask({ ...o, payload }, profile, ctx), relayTask(o, profile, ctx), ...sendTasks(o, profile, ctx)];
  const outcomes: CheckOutcome[] = [];
  for (const task of tasks) {
    const title = task.title[ctx.lang];
    const started = Date.now();
    // Without a relay there is nothing to send through: say so instead of waiting out a second timeout.
    if (task.group === 'send' && o.sendTo && outcomes.some((x) => x.group === 'relay' && x.unreachable)) {
      outcomes.push({ title, group: task.group, ms: 0, status: 'skip', findings: [], detail: ctx.lang === 'zh' ? '中转服务不可达' : 'the relay is unreachable' });
      continue;
    }
    ctx.log.info(ctx.lang === 'zh' ? `检查:${title}…` : `checking: ${title}…`);
    let outcome: Omit<CheckOutcome, 'title' | 'group' | 'ms'>;
    try {
      outcome = await task.run();
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      const findings = (error.details?.findings as Finding[] | undefined) ?? [{ id: error.code, severity: 'error', message: error.localized(ctx.lang), fix: '' }];
      outcome = { status: 'fail', findings, unreachable: error.exitCode === 3 };
    }
    outcomes.push({ title, group: task.group, ms: Date.now() - started, ...outcome });
  }
  if (o.junit) await writeJUnit(resolve(ctx.cwd, o.junit), name, outcomes, ctx);
  const failed = outcomes.filter((x) => x.status === 'fail');
  const summary = { passed: outcomes.filter((x) => x.status === 'pass').length, failed: failed.length, skipped: outcomes.filter((x) => x.status === 'skip').length };
  return { ok: failed.length === 0, profile: name, checks: outcomes, summary, ...(o.junit ? { junit: o.junit } : {}) };
}

function credentialTasks(profile: Profile, warnDays: number, ctx: Context): Task[] {
  return profile.certs.map((cert) => ({
    title: { en: `credential ${cert.name} (${cert.kind}, ${cert.environment}${cert.voip ? ', PushKit' : ''})`, zh: `证书 ${cert.name}(${cert.kind},${cert.environment}${cert.voip ? ',PushKit' : ''})` },
    group: 'credentials',
    run: async () => {
      const check = await checkCredentialFile(cert, { bundleId: profile.bundleId, env: ctx.env, lang: ctx.lang, now: ctx.now(), warnDays });
      const nameFindings = describeAll(checkCertName(cert.name), ctx.lang).filter((f) => !check.findings.some((g) => g.id === f.id));
      const days = (check.credential as { daysLeft?: number }).daysLeft;
      return judged([...nameFindings, ...check.findings], days === undefined ? undefined : ctx.lang === 'zh' ? `剩余 ${days} 天` : `${days} days left`);
    },
  }));
}

/** The configured push text and payload against NIM's limits, the payload lint and the APNs payload size. */
function textTask(o: CheckOptions, profile: Profile, ctx: Context): Task {
  const pushText = o.pushText ?? DEFAULT_PUSH_TEXT;
  return {
    title: { en: 'push text and payload limits', zh: '推送文案与 payload 长度' },
    group: 'limits',
    run: async () => {
      const nim = checkSendLimits({ pushcontent: pushText, payload: o.payload });
      const lint = lintNimPayload({ payloadText: o.payload, hasPushText: true });
      const apns = buildMessage({ pushText, title: o.title, payload: o.payload }, { bundleId: profile.bundleId });
      const findings = describeAll([...nim, ...lint, ...apns.issues], ctx.lang).filter((f) => f.severity !== 'info');
      return judged(findings, `pushcontent ${pushText.length}/500${o.payload ? `, payload ${o.payload.length}/2048` : ''}`);
    },
  };
}

/** The relay answers, takes the App Key and CheckSum, and its clock agrees with ours. */
function relayTask(o: CheckOptions, profile: Profile, ctx: Context): Task {
  const relaySetting = o.relay ?? profile.relay;
  return {
    title: { en: `relay ${relaySetting} reachable, App Key and CheckSum accepted, clocks in step`, zh: `中转服务 ${relaySetting} 可达,App Key 与 CheckSum 被接受,时钟一致` },
    group: 'relay',
    run: async () => {
      const relay = await openRelay(relayAccessFromProfile(ctx, o, profile), ctx);
      const started = Date.now();
      const call =
        relay.api === 'v2'
          ? await relay.client.v2('POST', '/im/v2/users/actions/online_status', { body: { account_ids: ['nim-push-check'] } })
          : await relay.client.v1('user/userOnlineStatus', { accids: JSON.stringify(['nim-push-check']) });
      const skew = skewIssue(clockOffset(call.date, Date.now(), Date.now() - started), relay.url);
      const answer = call.answer as { code: number; desc?: string; msg?: string };
      const skewFindings = skew ? [describe(skew, ctx.lang)] : [];
      // Any answer but a refused signature proves the relay is up and the credentials are right.
      if (answer.code === 200 || answer.code === 404 || (answer.code === 414 && !/checksum|curtime|appkey|nonce/i.test(answer.desc ?? answer.msg ?? ''))) return judged(skewFindings, relay.url);
      return { status: 'fail' as const, findings: [...skewFindings, relayFinding({ code: answer.code, desc: answer.desc ?? answer.msg }, ctx)], detail: `${relay.url} trace ${call.traceId}` };
    },
  };
}

function sendTasks(o: CheckOptions, profile: Profile, ctx: Context): Task[] {
  const pushText = o.pushText ?? DEFAULT_PUSH_TEXT;
  if (o.sendTo) {
    const to = o.sendTo;
    return [{
      title: { en: `test send to ${to} through the relay`, zh: `经中转服务向 ${to} 测试发送` },
      group: 'send',
      run: async () => {
        const access = relayAccessFromProfile(ctx, o, profile);
        const relay = await openRelay(access, ctx);
        // The smoke test's sender may not exist yet on a relay of ours; on the cloud it must.
        if (relay.kind !== 'cloud') await ensureAccount(relay, o.from, ctx);
        const data = await sendNim({ ...access, from: o.from, to, text: 'nim-push check', pushText }, ctx);
        const first = 'results' in data ? data.results[0] : undefined;
        const findings = (first?.findings ?? []).filter((f) => f.severity !== 'info');
        if (first?.status === 'sent') return { status: 'pass' as const, findings, detail: first.apnsId ? `apns-id ${first.apnsId}` : 'sent' };
        return { status: 'fail' as const, findings: findings.length ? findings : [describe(issue('send.failed', { status: first?.status ?? 'none' }), ctx.lang)] };
      },
    }];
  }
  if (!o.token) return [];
  const token = o.token;
  return [{
    title: { en: `test send to token ${token.slice(0, 8)}… directly`, zh: `直接向 token ${token.slice(0, 8)}… 测试发送` },
    group: 'send',
    run: async () => {
      const prepared = await prepareDirect({ certName: o.certName, apnsUrl: o.apnsUrl, apnsCa: o.apnsCa }, ctx);
      let serverDate: string | undefined;
      const started = Date.now();
      const data = await sendDirect({ ...prepared, tokens: [token], pushText, onResult: (r) => (serverDate = r.serverDate) }, ctx);
      const first = data.results[0];
      const findings = (first?.findings ?? []).filter((f) => f.severity !== 'info');
      // The clock against APNs' too (a provider token refused for it already names it).
      const skew = findings.some((f) => f.id === 'clock.skew') ? undefined : skewIssue(clockOffset(serverDate, Date.now(), Date.now() - started), prepared.apnsUrl ? new URL(prepared.apnsUrl).host : 'APNs');
      if (skew) findings.unshift(describe(skew, ctx.lang));
      if (first?.status === 'sent') return { ...judged(findings), detail: `apns-id ${first.apnsId}` };
      return { status: 'fail' as const, findings: findings.length ? findings : [describe(issue('send.failed', { status: first?.status ?? 'none' }), ctx.lang)] };
    },
  }];
}

async function writeJUnit(path: string, profile: string, outcomes: CheckOutcome[], ctx: Context): Promise<void> {
  const xml = toJUnitXml(
    `nim-push check (${profile})`,
    outcomes.map((x) => {
      const failure = x.findings.find(failing) ?? x.findings[0];
      return {
        name: x.title,
        classname: `nim-push.${x.group}`,
        timeMs: x.ms,
        ...(x.status === 'fail'
          ? { failure: { type: failure?.id ?? 'check.failed', message: failure?.message ?? 'failed', detail: x.findings.map((f) => `${f.id}: ${f.message}\nfix: ${f.fix}`).join('\n\n') } }
          : {}),
        ...(x.status === 'skip' ? { skipped: x.detail ?? '' } : {}),
      };
    }),
    ctx.now(),
  );
  await writeOutputFile(path, xml, { en: 'the JUnit report', zh: 'JUnit 报告' });
}
