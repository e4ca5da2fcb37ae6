/** `log`: the push log as JSON and one line per decision. */
import type { Finding } from '../core/finding.js';
import type { PushLogEntry } from '../core/nim/wire-relay.js';
import { say, type View } from './view.js';

export interface LogData {
  ok: true;
  relay: string;
  entries: Array<Omit<PushLogEntry, 'findings'> & { findings: Finding[] }>;
}

export function renderLog(data: LogData, view: View): string {
  const s = view.style;
  if (!data.entries.length) return s.dim(say(view, 'The push log has no such entries.', '推送日志中没有符合条件的记录。'));
  return data.entries
    .map((e) => {
      const mark =
        e.delivery === 'push' ? s.ok(say(view, 'push   ', '推送   ')) : e.delivery === 'in-app' ? s.dim(say(view, 'in-app ', '在线   ')) : e.delivery === 'refused' ? s.error(say(view, 'refused', '已拒绝 ')) : s.warn(say(view, 'no push', '未推送 '));
      const apns = (e.apns ?? []).map((a) => `${a.status}${a.reason ? ` ${a.reason}` : ''}`).join(', ');
      const refused = e.refused ? `  ${e.refused.code} ${e.refused.desc}` : '';
      const blocking = e.findings.find((f) => f.severity === 'error');
      return `${s.dim(e.time)} #${e.id} ${mark} ${e.from || '?'} → ${e.to || '?'}${e.text ? `  "${e.text}"` : ''}${refused}${apns ? `  apns: ${apns}` : ''}${blocking ? `  ${s.warn(blocking.id)} ${blocking.message}` : ''}`;
    })
    .join('\n');
}
