/** The relay helper commands (`relay device|friend|block|mute|dnd|settings`): JSON documents and renderings. */
import type { DeviceStateUser } from '../core/nim/wire-relay.js';
import { say, type View } from './view.js';

export interface RelayDeviceData {
  ok: true;
  relay: string;
  user: DeviceStateUser;
}

export interface RelayActionData {
  ok: true;
  relay: string;
  action: 'friend' | 'unfriend' | 'block' | 'unblock' | 'mute' | 'unmute' | 'dnd-on' | 'dnd-off';
  accid: string;
  other?: string;
  window?: string;
}

export interface RelaySettingsData {
  ok: true;
  relay: string;
  nonFriendMessages: 'allowed' | 'forbidden';
  /** A setting was given and set. */
  changed: boolean;
}

/** A receiver's state in a few lines. */
export function renderRelayDevice(data: RelayDeviceData, view: View): string {
  const user = data.user;
  const yes = (b: boolean) => (b ? 'yes' : 'no');
  const dnd = user.dnd.on ? `on${user.dnd.start ? ` ${user.dnd.start}-${user.dnd.end}` : say(view, ' (all day)', '(全天)')}` : 'off';
  return [
    `${view.style.bold(user.accid)}  login=${user.login}  app=${user.appState}  cert-name=${user.certName ?? '(none)'}${user.pkCertName ? `  pk-cert-name=${user.pkCertName}` : ''}${user.banned ? say(view, '  BANNED', '  已封禁') : ''}${user.chatBanned ? say(view, '  MUTED', '  已禁言') : ''}`,
    `  tokens=${user.tokens.length}  dnd=${dnd}  desktop=${user.desktopOnline ? 'online' : 'offline'}${user.webOnline ? ' web=online' : ''}  push-when-desktop-online=${yes(user.pushWhenDesktopOnline && !user.donnop)}`,
    `  friends=[${user.friends.join(', ')}]  blacklist=[${user.blacklist.join(', ')}]  muted=[${user.mutelist.join(', ')}]`,
  ].join('\n');
}

export function renderRelayAction(data: RelayActionData, view: View): string {
  const { accid: a, other: b = '' } = data;
  const text: Record<RelayActionData['action'], [string, string]> = {
    friend: [`${a} and ${b} are friends`, `${a} 和 ${b} 已是好友`],
    unfriend: [`${a} and ${b} are no longer friends`, `${a} 和 ${b} 已不再是好友`],
    block: [`${a} blacklisted ${b}`, `${a} 已将 ${b} 拉黑`],
    unblock: [`${a} unblocked ${b}`, `${a} 已将 ${b} 移出黑名单`],
    mute: [`${a} muted ${b}`, `${a} 已对 ${b} 设置消息免打扰`],
    unmute: [`${a} unmuted ${b}`, `${a} 已取消对 ${b} 的消息免打扰`],
    'dnd-on': [`DND on for ${a}${data.window ? ` ${data.window}` : ' (all day)'}`, `已为 ${a} 开启免打扰${data.window ? ` ${data.window}` : '(全天)'}`],
    'dnd-off': [`DND off for ${a}`, `已为 ${a} 关闭免打扰`],
  };
  const [en, zh] = text[data.action];
  return view.style.ok(`✔ ${say(view, en, zh)}`);
}

export function renderRelaySettings(data: RelaySettingsData, view: View): string {
  const allowed = data.nonFriendMessages === 'allowed';
  const line = say(view, `messages between non-friends: ${data.nonFriendMessages}`, `非好友之间的消息:${allowed ? '允许' : '禁止'}`);
  return data.changed ? view.style.ok(`✔ ${line}`) : line;
}
