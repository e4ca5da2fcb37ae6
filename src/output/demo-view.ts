/** Human rendering of the demo: the push that fires and arrives, then one line per FAQ case. */
import type { Lang } from '../core/finding.js';
import type { DemoReport } from '../demo/run-demo.js';
import { formatFinding, type Style } from './style.js';

const T = {
  en: {
    title: 'nim-push demo — offline push through a local NIM relay and APNs simulator',
    main: (m: DemoReport['main']) => `${m.from} → ${m.to}: "${m.text}" with push text "${m.pushText}" (bob's app in the background)`,
    decided: 'relay decision',
    sent: 'sent to APNs',
    delivered: 'delivered by APNs',
    notDelivered: 'not delivered',
    faq: 'FAQ cases',
    summary: (p: number, t: number) => `${p}/${t} FAQ cases behaved as documented`,
  },
  zh: {
    title: 'nim-push 演示 — 通过本地云信中转和 APNs 模拟器的离线推送',
    main: (m: DemoReport['main']) => `${m.from} → ${m.to}:"${m.text}",推送文案"${m.pushText}"(bob 的 App 在后台)`,
    decided: '中转判定',
    sent: '已发给 APNs',
    delivered: 'APNs 已投递',
    notDelivered: '未投递',
    faq: '常见问题场景',
    summary: (p: number, t: number) => `${p}/${t} 个常见问题场景符合文档`,
  },
};

export const renderDemo = (report: DemoReport, lang: Lang) => (s: Style): string => {
  const t = T[lang];
  const m = report.main;
  const lines = [s.bold(t.title), '', t.main(m)];
  lines.push(`  ${m.verdict === 'fires' ? s.ok('✔') : s.error('✖')} ${t.decided}: ${m.verdict ?? `code ${m.sendCode}`}`);
  lines.push(`  ${m.apnsId ? s.ok('✔') : s.error('✖')} ${t.sent}${m.apnsId ? `: apns-id ${m.apnsId}` : ''}`);
  if (m.delivery) {
    lines.push(`  ${s.ok('✔')} ${t.delivered} (${m.delivery.environment}, ${m.delivery.topic}, token ${m.delivery.token.slice(0, 8)}…):`);
    lines.push(`      ${JSON.stringify(m.delivery.payload)}`);
  } else lines.push(`  ${s.error('✖')} ${t.notDelivered}`);
  lines.push('', s.bold(t.faq));
  report.cases.forEach((c, i) => {
    const mark = c.ok ? s.ok('✔') : s.error('✖');
    const verdict = c.relay.sendCode === 200 ? (c.relay.verdict ?? '?') : `sendMsg ${c.relay.sendCode}`;
    const apns = c.relay.apns?.reason ? `, APNs ${c.relay.apns.reason}` : '';
    lines.push(`${mark} ${String(i + 1).padStart(2)}. ${c.title} — ${verdict}${apns}`);
    lines.push(`      ${formatFinding(c.finding, s, lang).replace(/\n/g, '\n      ')}`);
    for (const p of c.problems) lines.push(`      ${s.error(p)}`);
  });
  lines.push('', (report.ok ? s.ok : s.error)(`${report.ok ? '✔' : '✖'} ${t.summary(report.summary.passed, report.summary.total)}`));
  return lines.join('\n');
};
