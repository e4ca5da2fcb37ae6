/** `relay serve` and `relay status`: JSON documents and renderings. */
import { say, type View } from './view.js';

export interface RelayServeData {
  ok: true;
  url: string;
  apnsUrls?: Record<string, string>;
  caFile?: string;
  /** The in-process simulator registers unknown tokens on their first push (off with --strict-tokens). */
  autoRegister?: boolean;
  stopped: string;
}

export interface RelayStatusData {
  ok: true;
  relay: { url: string; pid: number };
  apnsSim: { urls: Record<string, string>; caFile?: string; pid: number; autoRegister: boolean } | null;
}

export const renderRelayServe = (data: RelayServeData, view: View): string => view.style.dim(say(view, `relay on ${data.url} stopped (${data.stopped})`, `${data.url} 上的中转服务已停止(${data.stopped})`));

/** The lines `relay serve` prints when it listens (on stderr, even with --json: users copy the URL). */
export function renderRelayReady(info: { url: string; apnsUrls?: Record<string, string>; caFile?: string }, autoRegister: boolean | undefined, lang: 'en' | 'zh'): string {
  const zh = lang === 'zh';
  const lines = [zh ? `中转服务监听于 ${info.url}` : `relay listening on ${info.url}`];
  if (info.apnsUrls) lines.push(zh ? `APNs 模拟器:开发环境 ${info.apnsUrls.development}  生产环境 ${info.apnsUrls.production}` : `APNs simulator: development ${info.apnsUrls.development}  production ${info.apnsUrls.production}`);
  if (info.caFile) lines.push(zh ? `APNs 模拟器 CA:${info.caFile}` : `APNs simulator CA: ${info.caFile}`);
  if (autoRegister) {
    lines.push(zh ? '模拟器会在首次推送时自动登记未知 token(Apple 会返回 BadDeviceToken);用 --strict-tokens 让它像 Apple 一样。' : 'The simulator registers unknown tokens on their first push (Apple answers BadDeviceToken); --strict-tokens makes it behave like Apple.');
  }
  lines.push(zh ? '按 Ctrl+C 停止。' : 'Press Ctrl+C to stop.');
  return lines.join('\n');
}

export function renderRelayStatus(data: RelayStatusData, view: View): string {
  const s = view.style;
  const lines = [`${s.ok('●')} ${say(view, 'relay', '中转服务')} ${data.relay.url} (pid ${data.relay.pid})`];
  const sim = data.apnsSim;
  if (!sim) lines.push(`${s.dim('○')} ${say(view, 'no APNs simulator', '没有 APNs 模拟器')}`);
  else {
    lines.push(`${s.ok('●')} ${say(view, 'APNs simulator', 'APNs 模拟器')}  ${Object.entries(sim.urls).map(([env, url]) => `${say(view, env, env === 'production' ? '生产环境' : '开发环境')} ${url}`).join('  ')}  CA ${sim.caFile ?? '-'}`);
    if (sim.autoRegister) lines.push(`  ${s.warn(say(view, 'auto-register: unknown tokens are bound on their first push (Apple refuses them); start with --strict-tokens to behave like Apple', '自动登记:未知 token 在首次推送时被绑定(Apple 会拒绝);用 --strict-tokens 启动可与 Apple 一致'))}`);
  }
  return lines.join('\n');
}
