/** `nim-push token probe`: where APNs knows the token, and each environment's answer. */
import type { ProbeAttempt } from '../core/apns/token-probe.js';
import type { Finding } from '../core/finding.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { formatFindings } from './style.js';
import { say, type View } from './view.js';

export interface TokenProbeData {
  ok: boolean;
  token: string;
  /** Proven by an answer about the token; null when nothing proved it. */
  environment: ApnsEnvironment | null;
  topic: string;
  certName: string;
  attempts: ProbeAttempt[];
  findings: Finding[];
}

const MEANING: Record<ProbeAttempt['meaning'], { en: string; zh: string }> = {
  accepted: { en: 'accepted: the token belongs here', zh: '已接受:token 属于此环境' },
  'other-topic': { en: 'a token of this environment, for another topic', zh: '属于此环境,但不是该主题的 token' },
  unregistered: { en: 'a token of this environment, no longer valid', zh: '属于此环境,但已失效' },
  'not-this-environment': { en: 'not a token of this environment', zh: '不是此环境的 token' },
  'no-evidence': { en: 'says nothing about the token', zh: '无法据此判断 token' },
  'not-tried': { en: 'not tried: the credential cannot push here', zh: '未尝试:该凭据不能推送到此环境' },
};

export function renderTokenProbe(data: TokenProbeData, view: View): string {
  const s = view.style;
  const head = data.environment
    ? say(view, `${data.token.slice(0, 8)}… is a ${s.bold(data.environment)} token (topic ${data.topic}, certificate ${data.certName})`, `${data.token.slice(0, 8)}… 属于 ${s.bold(data.environment)} 环境(主题 ${data.topic},证书 ${data.certName})`)
    : say(view, `The environment of ${data.token.slice(0, 8)}… is not proven (topic ${data.topic}, certificate ${data.certName})`, `未能确定 ${data.token.slice(0, 8)}… 的环境(主题 ${data.topic},证书 ${data.certName})`);
  const rows = data.attempts.map((a) => {
    const answer = a.status === 'not-tried' ? '-' : a.status === 'sent' ? '200' : `${a.httpStatus ?? '-'} ${a.reason ?? ''}`.trim();
    return `  ${a.environment.padEnd(12)} ${answer.padEnd(28)} ${MEANING[a.meaning][view.lang]}`;
  });
  return [data.ok ? s.ok(head) : head, ...rows, '', formatFindings(data.findings, s, view.lang)].join('\n').trimEnd();
}
