/** `apns-sim` and its helpers: JSON documents and renderings. */
import type { SimDelivery } from '../core/apns/sim-api.js';
import { say, type View } from './view.js';

export interface SimServeData {
  ok: true;
  urls: { development: string; production: string };
  caFile?: string;
  stopped: string;
}

export interface SimDeviceData {
  ok: true;
  token: string;
  topic: string;
  environment: 'development' | 'production';
}

export interface SimUnregisterData {
  ok: true;
  token: string;
  unregisteredAt: number;
  reason: string;
}

export interface SimDeliveriesData {
  ok: true;
  /** Deliveries since the simulator started. */
  total: number;
  /** Deliveries in its log that match (the token). */
  matching: number;
  next: number;
  deliveries: SimDelivery[];
}

export interface SimFaultsData {
  ok: true;
  faults: unknown;
}

export const renderSimServe = (data: SimServeData, view: View): string => view.style.dim(say(view, `APNs simulator stopped (${data.stopped})`, `APNs 模拟器已停止(${data.stopped})`));
export const renderSimDevice = (data: SimDeviceData): string => data.token;
export const renderSimUnregister = (data: SimUnregisterData, view: View): string =>
  view.style.ok(say(view, `✔ ${data.token} now answers 410 ${data.reason}`, `✔ ${data.token} 今后会返回 410 ${data.reason}`));
export const renderSimFaults = (data: SimFaultsData, view: View): string =>
  view.style.ok(data.faults === null ? say(view, '✔ faults cleared', '✔ 故障注入已清除') : say(view, `✔ faults set: ${JSON.stringify(data.faults)}`, `✔ 已设置故障注入:${JSON.stringify(data.faults)}`));

export function renderSimDeliveries(data: SimDeliveriesData, view: View): string {
  const s = view.style;
  if (!data.deliveries.length) return s.dim(say(view, 'No deliveries.', '没有投递记录。'));
  const auto = say(view, ' (auto-registered: Apple would refuse this token)', '(自动登记:Apple 会拒绝此 token)');
  const lines = data.deliveries.map((d) => `${s.ok('✔')} ${d.receivedAt} ${d.environment} ${d.topic} ${d.token.slice(0, 12)}… ${JSON.stringify(d.payload)}${d.autoRegistered ? s.warn(auto) : ''}`);
  const shown = data.deliveries.length;
  lines.push(s.dim(say(view, `newest ${shown} of ${data.matching} matching (${data.total} delivered in all)`, `显示最新 ${shown} 条,共 ${data.matching} 条符合条件(总计投递 ${data.total} 条)`)));
  return lines.join('\n');
}
