/** `config list|show|use|remove|path`: JSON documents and renderings. */
import type { ProfileView } from '../core/profile-view.js';
import { say, type View } from './view.js';

export interface ConfigListData {
  ok: true;
  path: string;
  configDir: string;
  current: string | null;
  profiles: Array<{ name: string; current: boolean; appKey: string; environment: string; relay: string; api: string; certs: string[] }>;
}

export interface ConfigShowData {
  ok: true;
  profile: ProfileView;
}

export interface ConfigPathData {
  ok: true;
  path: string;
  configDir: string;
}

export function renderConfigList(data: ConfigListData, view: View): string {
  const s = view.style;
  if (!data.profiles.length) return say(view, `No profiles in ${data.configDir}. Run \`nim-push init\`.`, `${data.configDir} 中没有配置。请运行 \`nim-push init\`。`);
  return data.profiles
    .map((p) => `${p.current ? s.ok('*') : ' '} ${s.bold(p.name)}  ${p.appKey}  ${p.environment}  relay=${p.relay}  api=${p.api}  certs=${p.certs.join(',') || say(view, '(none)', '(无)')}`)
    .join('\n');
}

export function renderConfigShow(data: ConfigShowData, view: View): string {
  const s = view.style;
  const p = data.profile;
  const label = (en: string, zh: string) => (view.lang === 'zh' ? zh : en).padEnd(view.lang === 'zh' ? 9 : 12);
  return [
    s.bold(say(view, `profile ${p.name}`, `配置 ${p.name}`)),
    `  ${label('App Key', 'App Key')} ${p.appKey}`,
    `  ${label('App Secret', 'App Secret')} ${p.appSecret}`,
    `  ${label('bundle id', 'Bundle ID')} ${p.bundleId}`,
    `  ${label('environment', '环境')} ${p.environment}`,
    `  ${label('relay', '中转服务')} ${p.relay}${p.relayUrl ? ` (${p.relayUrl})` : ''}`,
    `  ${label('api', 'API 版本')} ${p.api}`,
    ...(p.certs.length ? p.certs : []).map(
      (c) =>
        `  ${say(view, 'cert', '证书')} ${s.bold(c.name)}  ${c.kind} ${c.environment}${c.voip ? ' PushKit' : ''}  ${c.path}${c.password ? `  ${say(view, 'password', '密码')} ${c.password}` : ''}${c.keyId ? `  key ${c.keyId} team ${c.teamId ?? '?'}` : ''}`,
    ),
    ...(p.certs.length ? [] : [`  ${say(view, 'no certificates: run `nim-push init --add-cert`', '没有证书:请运行 `nim-push init --add-cert`')}`]),
  ].join('\n');
}

export const renderConfigUse = (data: { current: string }, view: View): string => view.style.ok(say(view, `✔ Now using profile '${data.current}'`, `✔ 已切换到配置 '${data.current}'`));
export const renderConfigRemove = (data: { removed: string }, view: View): string => view.style.ok(say(view, `✔ Removed profile '${data.removed}'`, `✔ 已删除配置 '${data.removed}'`));
export const renderConfigPath = (data: ConfigPathData): string => data.path;
export const renderConfigSet = (data: { profile: string; key: string; value: string }, view: View): string =>
  view.style.ok(say(view, `✔ ${data.key} of profile '${data.profile}' is now ${data.value}`, `✔ 配置 '${data.profile}' 的 ${data.key} 已改为 ${data.value}`));
