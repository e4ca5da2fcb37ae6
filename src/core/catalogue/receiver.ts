/** Receiver and relation findings: why NIM sends (or skips) an offline push to this user. */
import type { CatalogueEntry } from '../finding.js';

export const receiverEntries: CatalogueEntry[] = [
  {
    id: 'receiver.foreground',
    phrases: ['app in foreground', 'no push while the app is open', 'App 在前台', '前台不推送'],
    severity: 'error',
    en: {
      message: "{to}'s app is in the foreground: the long connection is up, so the message is delivered in-app and NIM sends no APNs push.",
      fix: 'This is expected. To test offline push, log in, then send the app to the background or kill it (`nim-push relay device {to} --app-state background`).',
    },
    zh: {
      message: '{to} 的 App 在前台:与云信服务端的长连接在线,消息经长连接直接送达 App,云信不会发送 APNs 离线推送。',
      fix: '这是正常行为。测试离线推送时,请先登录,再将 App 切到后台或杀死 App(`nim-push relay device {to} --app-state background`)。',
    },
  },
  {
    id: 'receiver.not-logged-in',
    phrases: ['not logged in', '未登录'],
    severity: 'error',
    en: {
      message: '{to} is not logged in on any device: NIM pushes only to accounts that have logged in and uploaded a device token.',
      fix: 'Log in with the NIM SDK on the device and upload the token with `updateApnsToken:`, then send again.',
    },
    zh: {
      message: '{to} 的 IM 账号未登录:云信只会向已登录并上传了 deviceToken 的账号发送离线推送。',
      fix: '在设备上用 NIM SDK 登录该账号,并通过 `updateApnsToken:` 上传 deviceToken,然后重新发送。',
    },
  },
  {
    id: 'receiver.logged-out',
    phrases: ['logged out', '已登出'],
    severity: 'error',
    en: {
      message: '{to} has logged out: after a logout the device no longer receives offline pushes for this account.',
      fix: 'Log in again on the device; messages sent after the login are pushed again.',
    },
    zh: {
      message: '{to} 已主动登出:登出后该设备不再接收此账号的离线推送。',
      fix: '在设备上重新登录该账号,之后发送的消息会恢复离线推送。',
    },
  },
  {
    id: 'receiver.kicked',
    phrases: ['kicked', '被踢下线'],
    severity: 'error',
    en: {
      message: '{to} was kicked offline (by a login on another device or by the server): the device is no longer logged in, so NIM sends it no offline push.',
      fix: 'Log in again on this device. If another login keeps kicking it, check the multi-device login policy in the NIM console (多端登录).',
    },
    zh: {
      message: '{to} 已被踢下线(其他设备登录了同一账号,或被服务端踢出):该设备已不再登录,云信不会向它发送离线推送。',
      fix: '在该设备上重新登录;如果总被其他设备踢下线,请检查控制台的多端登录策略。',
    },
  },
  {
    id: 'receiver.banned',
    severity: 'error',
    en: {
      message: "{to}'s account is banned (user/block.action): a banned account cannot log in and receives no push.",
      fix: 'Unban it with user/unblock.action, then log in again on the device.',
    },
    zh: {
      message: '{to} 的账号已被封禁(user/block.action):被封禁的账号无法登录,也收不到离线推送。',
      fix: '通过 user/unblock.action 解封,然后在设备上重新登录。',
    },
  },
  {
    id: 'receiver.dnd',
    phrases: ['do not disturb', '免打扰'],
    severity: 'error',
    en: {
      message: '{to} has do-not-disturb on ({window}) and the message falls inside that window: NIM sends no offline push unless it is a force push.',
      fix: 'Turn do-not-disturb off or change its window on the device (NIMPushNotificationSetting.noDisturbing), or send messages that must get through as force push (`--force-push`, forcepushall/forcepushlist).',
    },
    zh: {
      message: '{to} 开启了免打扰({window}),消息在免打扰时段内:除非是强制推送,云信不会发送离线推送。',
      fix: '在设备上关闭免打扰或调整免打扰时段(NIMPushNotificationSetting.noDisturbing),或对必须送达的消息使用强制推送(`--force-push`,forcepushall/forcepushlist)。',
    },
  },
  {
    id: 'receiver.session-muted',
    severity: 'error',
    en: {
      message: '{to} has muted the session with {from} (mute list): the message is delivered, but NIM sends no offline push for it unless it is a force push.',
      fix: "Remove {from} from {to}'s mute list (user/setSpecialRelation.action relationType=2 value=0), or send as force push.",
    },
    zh: {
      message: '{to} 对与 {from} 的会话开启了消息免打扰(静音列表):消息照常送达,但除强制推送外不会触发离线推送。',
      fix: '将 {from} 移出 {to} 的静音列表(user/setSpecialRelation.action relationType=2 value=0),或使用强制推送。',
    },
  },
  {
    id: 'receiver.desktop-online',
    severity: 'error',
    en: {
      message: '{to} is online on a desktop or web client and has push-while-desktop-online off (shouldPushNotificationWhenPCOnline = NO, or user/setDonnop donnopOpen=true): NIM sends no mobile push while the desktop is online.',
      fix: 'Turn it on (NIMPushNotificationMultiportConfig.shouldPushNotificationWhenPCOnline = YES, or user/setDonnop.action donnopOpen=false), or log out of the desktop/web client.',
    },
    zh: {
      message: '{to} 的桌面端/Web 端在线,且关闭了“桌面端在线时推送”(shouldPushNotificationWhenPCOnline = NO,或 user/setDonnop donnopOpen=true):多端登录下桌面端在线时,云信不向手机发送离线推送。',
      fix: '打开该设置(NIMPushNotificationMultiportConfig.shouldPushNotificationWhenPCOnline = YES,或 user/setDonnop.action donnopOpen=false),或退出桌面端/Web 端登录。',
    },
  },
  {
    id: 'relation.not-friend',
    phrases: ['not friends', '非好友', '好友关系'],
    severity: 'error',
    en: {
      message: '{from} and {to} are not friends, and the NIM console forbids messages between non-friends: the message is refused (code 403), so there is nothing to push.',
      fix: 'Make them friends (friend/add.action), or allow non-friend messages in the app settings of the NIM console (非好友消息).',
    },
    zh: {
      message: '{from} 与 {to} 不是好友,且控制台设置为不允许非好友消息:消息被拒绝(错误码 403),因此不会有离线推送。',
      fix: '先让双方成为好友(friend/add.action),或在控制台中允许非好友之间发送消息。',
    },
  },
  {
    id: 'relation.blacklisted',
    phrases: ['blacklisted', 'blocked', '拉黑', '黑名单'],
    severity: 'error',
    en: {
      message: '{from} and {to} have blacklisted one another (at least one side): NIM does not deliver the message, so there is no push.',
      fix: 'Remove the blacklist entry on the side that added it (user/setSpecialRelation.action relationType=1 value=0).',
    },
    zh: {
      message: '{from} 与 {to} 之间存在拉黑(至少一方将对方加入了黑名单):云信不会投递这条消息,也就不会有离线推送。',
      fix: '由拉黑的一方将对方移出黑名单(user/setSpecialRelation.action relationType=1 value=0)。',
    },
  },
  {
    id: 'force-push.overrides',
    phrases: ['force push', '强制推送'],
    severity: 'info',
    en: {
      message: "Force push overrides {overridden}: NIM pushes this message despite the receiver's do-not-disturb or session mute.",
      fix: 'Nothing to fix. Force push does not get past the foreground, a logout, a kick, a ban or a blacklist.',
    },
    zh: {
      message: '强制推送忽略了 {overridden}:尽管接收方开启了免打扰或会话静音,云信仍会推送这条消息。',
      fix: '无需处理。强制推送不会绕过 App 在前台、已登出、被踢下线、账号封禁或黑名单。',
    },
  },
];
