/** `nim-push check`: the CI smoke test — credentials, expiry horizon, text limits, relay, optional test send. */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { CommandRunner } from '../command-loaders.js';
import type { CommandResult, Context } from '../context.js';
import { describe, describeAll } from '../core/catalogue/index.js';
import { checkCertName } from '../core/credentials/index.js';
import { buildMessage } from '../core/apns/message.js';
import { checkSendLimits } from '../core/nim/limits.js';
import { toJUnitXml } from '../core/junit.js';
import { issue, type Finding } from '../core/finding.js';
import type { Profile } from '../core/profile.js';
import { checkCredentialFile } from '../adapters/credential-check.js';
import { loadProfile } from '../adapters/profile-resolver.js';
import { relayAccessFromProfile } from '../adapters/relay-access-profile.js';
import { ensureAccount, openRelay, relayFinding } from './relay-access.js';
import { CliError, UsageError } from '../errors.js';
import { renderCheck, type CheckOutcome } from '../output/check-view.js';
import { run as runSend } from './send-runner.js';
import { str } from './option-values.js';

const DEFAULT_PUSH_TEXT = '发来了一条消息';

interface Task {
  title: string;
  group: string;
  run(): Promise<Omit<CheckOutcome, 'title' | 'group' | 'ms'>>;
}

/** Errors fail a check; so does an expiry inside the horizon — catching that is what the horizon is for. */
const failing = (f: Finding): boolean => f.severity === 'error' || f.id === 'cert.expires-soon';
const judged = (findings: Finding[], detail?: string) => ({ status: findings.some(failing) ? ('fail' as const) : ('pass' as const), findings, detail });

export const run: CommandRunner = async (_args, opts, ctx) => {
  const warnDays = opts.warnDays === undefined ? 30 : Number(opts.warnDays);
  if (!Number.isInteger(warnDays) || warnDays < 0) throw new UsageError('--warn-days takes a whole number of days.');
  if (opts.sendTo !== undefined && opts.token !== undefined) throw new UsageError('Give --send-to (through the relay) or --token (direct), not both.');
  const { name, profile } = loadProfile(ctx);
  const tasks = [
    ...credentialTasks(profile, warnDays, ctx),
    await textTask(opts, profile, ctx),
    relayTask(opts, profile, ctx),
    ...sendTasks(opts, profile, ctx),
  ];
  const outcomes: CheckOutcome[] = [];
  for (const task of tasks) {
    const started = Date.now();
    let outcome: Omit<CheckOutcome, 'title' | 'group' | 'ms'>;
    // Without a relay there is nothing to send through: say so instead of waiting out a second timeout.
    const relayDown = outcomes.some((o) => o.group === 'relay' && o.unreachable);
    if (task.group === 'send' && relayDown) {
      outcomes.push({ title: task.title, group: task.group, ms: 0, status: 'skip', findings: [], detail: ctx.lang === 'zh' ? '中转服务不可达' : 'the relay is unreachable' });
      continue;
    }
    try {
      outcome = await task.run();
    } catch (error) {
      if (!(error instanceof CliError)) throw error;
      const findings = (error.details?.findings as Finding[] | undefined) ?? [{ id: error.code, severity: 'error', message: error.message, fix: '' }];
      outcome = { status: 'fail', findings, unreachable: error.exitCode === 3 };
    }
    outcomes.push({ title: task.title, group: task.group, ms: Date.now() - started, ...outcome });
    ctx.log.debug(`${outcome.status} ${task.title} (${Date.now() - started} ms)`);
  }
  const junit = str(opts.junit);
  if (junit) await writeJUnit(resolve(ctx.cwd, junit), name, outcomes, ctx);
  return toResult(name, outcomes, junit, ctx);
};

function credentialTasks(profile: Profile, warnDays: number, ctx: Context): Task[] {
  return profile.certs.map((cert) => ({
    title: `credential ${cert.name} (${cert.kind}, ${cert.environment})`,
    group: 'credentials',
    run: async () => {
      const check = await checkCredentialFile(cert, { bundleId: profile.bundleId, env: ctx.env, lang: ctx.lang, now: ctx.now(), warnDays });
      const nameFindings = describeAll(checkCertName(cert.name), ctx.lang).filter((f) => !check.findings.some((g) => g.id === f.id));
      const days = (check.credential as { daysLeft?: number }).daysLeft;
      return judged([...nameFindings, ...check.findings], days === undefined ? undefined : `${days} days left`);
    },
  }));
}

/** The configured push text and payload against NIM's limits and the APNs payload size. */
async function textTask(opts: Record<string, unknown>, profile: Profile, ctx: Context): Promise<Task> {
  const pushText = str(opts.pushText) ?? DEFAULT_PUSH_TEXT;
  let payload = str(opts.payload);
  if (payload?.startsWith('@')) {
    const path = resolve(ctx.cwd, payload.slice(1));
    payload = await readFile(path, 'utf8').catch(() => {
      throw new UsageError(`Cannot read the payload file ${path}.`, 'file.unreadable');
    });
  }
  return {
    title: 'push text and payload limits',
    group: 'limits',
    run: async () => {
      const nim = checkSendLimits({ pushcontent: pushText, payload });
      const apns = buildMessage({ pushText, title: str(opts.title), payload }, { bundleId: profile.bundleId });
      const findings = describeAll([...nim, ...apns.issues], ctx.lang).filter((f) => f.severity !== 'info');
      return judged(findings, `pushcontent ${pushText.length}/500${payload ? `, payload ${payload.length}/2048` : ''}`);
    },
  };
}

function relayTask(opts: Record<string, unknown>, profile: Profile, ctx: Context): Task {
  return {
    title: `relay ${str(opts.relay) ?? profile.relay} reachable, App Key and CheckSum accepted`,
    group: 'relay',
    run: async () => {
      const relay = await openRelay(relayAccessFromProfile(ctx, opts, profile), ctx);
      const res = await relay.client.call('user/userOnlineStatus', { accids: JSON.stringify(['nim-push-check']) });
      // Any answer but a refused signature proves the relay is up and the credentials are right.
      if (res.code === 200 || res.code === 404) return { status: 'pass' as const, findings: [], detail: relay.url };
      return { status: 'fail' as const, findings: [relayFinding(res, ctx)], detail: relay.url };
    },
  };
}

function sendTasks(opts: Record<string, unknown>, profile: Profile, ctx: Context): Task[] {
  const to = str(opts.sendTo);
  const token = str(opts.token);
  if (!to && !token) return [];
  return [
    {
      title: to ? `test send to ${to} through the relay` : `test send to token ${token?.slice(0, 8)}… directly`,
      group: 'send',
      run: async () => {
        const sendOpts: Record<string, unknown> = to
          ? { to, from: str(opts.from) ?? 'nim-push-check', text: 'nim-push check', pushText: str(opts.pushText) ?? DEFAULT_PUSH_TEXT, relay: opts.relay, timeout: opts.timeout }
          : { token: [token], pushText: str(opts.pushText) ?? DEFAULT_PUSH_TEXT, apnsUrl: opts.apnsUrl, apnsCa: opts.apnsCa, certName: opts.certName };
        if (to) await ensureLocalSender(sendOpts, profile, ctx);
        const result: CommandResult = await runSend([], sendOpts, ctx);
        const results = (result.data.results ?? []) as Array<{ status: string; apnsId?: string; findings: Finding[] }>;
        const first = results[0];
        const findings = results.flatMap((r) => r.findings).filter((f) => f.severity !== 'info');
        if (first?.status === 'sent') return { status: 'pass' as const, findings, detail: first.apnsId ? `apns-id ${first.apnsId}` : 'sent' };
        return { status: 'fail' as const, findings: findings.length ? findings : [describe(issue('send.failed', { status: first?.status ?? 'none' }), ctx.lang)] };
      },
    },
  ];
}

/** On a local relay the smoke test's sender may not exist yet; create it, as an app server would have. */
async function ensureLocalSender(sendOpts: Record<string, unknown>, profile: Profile, ctx: Context): Promise<void> {
  const relay = await openRelay(relayAccessFromProfile(ctx, sendOpts, profile), ctx);
  if (relay.kind !== 'nim') await ensureAccount(relay.client, sendOpts.from as string, ctx);
}

async function writeJUnit(path: string, profile: string, outcomes: CheckOutcome[], ctx: Context): Promise<void> {
  const xml = toJUnitXml(
    `nim-push check (${profile})`,
    outcomes.map((o) => {
      const failure = o.findings.find(failing) ?? o.findings[0];
      return {
        name: o.title,
        classname: `nim-push.${o.group}`,
        timeMs: o.ms,
        ...(o.status === 'fail'
          ? { failure: { type: failure?.id ?? 'check.failed', message: failure?.message ?? 'failed', detail: o.findings.map((f) => `${f.id}: ${f.message}\nfix: ${f.fix}`).join('\n\n') } }
          : {}),
        ...(o.status === 'skip' ? { skipped: o.detail ?? '' } : {}),
      };
    }),
    ctx.now(),
  );
  try {
    await writeFile(path, xml, 'utf8');
  } catch (error) {
    throw new UsageError(`Cannot write the JUnit report ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}.`, 'file.unwritable');
  }
}

function toResult(profile: string, outcomes: CheckOutcome[], junit: string | undefined, ctx: Context): CommandResult {
  const failed = outcomes.filter((o) => o.status === 'fail');
  const onlyUnreachable = failed.length > 0 && failed.every((o) => o.unreachable);
  const exitCode = failed.length === 0 ? 0 : onlyUnreachable ? 3 : 1;
  const summary = { passed: outcomes.filter((o) => o.status === 'pass').length, failed: failed.length, skipped: outcomes.filter((o) => o.status === 'skip').length };
  return {
    exitCode,
    data: { ok: failed.length === 0, profile, checks: outcomes.map(({ unreachable: _u, ...o }) => o), summary, ...(junit ? { junit } : {}) },
    human: renderCheck(outcomes, summary, ctx.lang),
  };
}
