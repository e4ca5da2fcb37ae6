/** `init`: its JSON document and rendering. */
import type { Finding } from '../core/finding.js';
import type { ProfileView } from '../core/profile-view.js';
import { formatFindings } from './style.js';
import { say, type View } from './view.js';

export interface InitData {
  ok: true;
  profile: ProfileView;
  path: string;
  credential: unknown;
  findings: Finding[];
}

export function renderInit(data: InitData, view: View): string {
  const cert = data.profile.certs.at(-1);
  return [
    view.style.ok(say(view, `✔ Saved profile '${data.profile.name}' in ${data.path}`, `✔ 已将配置 '${data.profile.name}' 保存到 ${data.path}`)),
    `  ${say(view, 'certificate', '证书')} '${cert?.name}' (${cert?.kind}, ${cert?.environment}${cert?.voip ? ', PushKit' : ''})  api=${data.profile.api}`,
    data.findings.length ? formatFindings(data.findings, view.style, view.lang) : '',
  ]
    .filter(Boolean)
    .join('\n');
}
