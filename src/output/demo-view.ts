/** The demo: its JSON document, and the push that fires and arrives, then one line per FAQ case. */
import type { Finding } from '../core/finding.js';
import { formatFinding } from './style.js';
import type { View } from './view.js';

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

export interface CaseOutcome {
  key: string;
  title: string;
  ok: boolean;
  expected: unknown;
  /** What the relay did: its answers, its push decision, and APNs' answer. */
  relay: { loginCode: number; sendCode: number; delivery?: string; verdict?: string; findings: string[]; apns?: { status: string; reason?: string } };
  /** What `diagnose --to` concluded from the relay's state. */
  diagnose: { verdict: string; findings: string[] };
  /** The finding that explains the outcome, in the user's language. */
  finding: Finding;
  problems: string[];
}

export interface DemoReport {
  ok: boolean;
  /** The NIM server API version the app server spoke. */
  api: 'v1' | 'v2';
  relay: string;
  apns: Record<string, string>;
  main: DemoMain;
  cases: CaseOutcome[];
  summary: { passed: number; failed: number; total: number };
}

const T = {
  en: {
    title: (api: string) => `nim-push demo — offline push through a local NIM relay (server API ${api}) and APNs simulator`,
    main: (m: DemoReport['main']) => `${m.from} → ${m.to}: "${m.text}" with push text "${m.pushText}" (bob's app in the background)`,
    decided: 'relay decision',
    sent: 'sent to APNs',
    delivered: 'delivered by APNs',
    notDelivered: 'not delivered',
    faq: 'FAQ cases',
    summary: (p: number, t: number) => `${p}/${t} FAQ cases behaved as documented`,
  },
  zh: {
    title: (api: string) => `nim-push 演示 — 通过本地云信中转(服务端 API ${api})和 APNs 模拟器的离线推送`,
    main: (m: DemoReport['main']) => `${m.from} → ${m.to}:"${m.text}",推送文案"${m.pushText}"(bob 的 App 在后台)`,
    decided: '中转判定',
    sent: '已发给 APNs',
    delivered: 'APNs 已投递',
    notDelivered: '未投递',
    faq: '常见问题场景',
    summary: (p: number, t: number) => `${p}/${t} 个常见问题场景符合文档`,
  },
};

export function renderDemo(report: DemoReport, view: View): string {
  const { style: s, lang } = view;
  const t = T[lang];
  const m = report.main;
  const lines = [s.bold(t.title(report.api)), '', t.main(m)];
  lines.push(`  ${m.verdict === 'fires' ? s.ok('✔') : s.error('✖')} ${t.decided}: ${m.verdict ?? `code ${m.sendCode}`}`);
  lines.push(`  ${m.apnsId ? s.ok('✔') : s.error('✖')} ${t.sent}${m.apnsId ? `: apns-id ${m.apnsId}` : ''}`);
  if (m.delivery) {
    lines.push(`  ${s.ok('✔')} ${t.delivered} (${m.delivery.environment}, ${m.delivery.topic}, token ${m.delivery.token.slice(0, 8)}…):`);
    lines.push(`      ${JSON.stringify(m.delivery.payload)}`);
  } else lines.push(`  ${s.error('✖')} ${t.notDelivered}`);
  lines.push('', s.bold(t.faq));
  report.cases.forEach((c, i) => {
    const mark = c.ok ? s.ok('✔') : s.error('✖');
    const verdict = c.relay.sendCode === 200 ? (c.relay.verdict ?? '?') : `${lang === 'zh' ? '发送返回' : 'send answered'} ${c.relay.sendCode}`;
    const apns = c.relay.apns?.reason ? `, APNs ${c.relay.apns.reason}` : '';
    lines.push(`${mark} ${String(i + 1).padStart(2)}. ${c.title} — ${verdict}${apns}`);
    lines.push(`      ${formatFinding(c.finding, s, lang).replace(/\n/g, '\n      ')}`);
    for (const p of c.problems) lines.push(`      ${s.error(p)}`);
  });
  lines.push('', (report.ok ? s.ok : s.error)(`${report.ok ? '✔' : '✖'} ${t.summary(report.summary.passed, report.summary.total)}`));
  return lines.join('\n');
}
