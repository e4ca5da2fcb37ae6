/** Message findings: the push options of one message and NIM's limits on its push fields. */
import type { CatalogueEntry } from '../finding.js';

export const messageEntries: CatalogueEntry[] = [
  {
    id: 'message.push-disabled',
    severity: 'error',
    en: {
      message: 'The message is sent with push turned off (option push=false, apnsEnabled = NO, or --no-push): NIM delivers it but never pushes it.',
      fix: 'Send it with push on: drop --no-push, or set option push=true (NIMMessageSetting.apnsEnabled = YES).',
    },
    zh: {
      message: '该消息关闭了推送(option push=false、apnsEnabled = NO 或 --no-push):消息会送达,但云信不会为它发送离线推送。',
      fix: '开启推送后再发送:去掉 --no-push,或设置 option push=true(NIMMessageSetting.apnsEnabled = YES)。',
    },
  },
  {
    // The APNs request builder emits this id too, with the same `pushType` param.
    id: 'message.silent',
    severity: 'info',
    en: {
      message: 'This {pushType} push has no alert text: iOS wakes the app in the background but shows nothing, may throttle it, and does not deliver it to an app the user has force-quit.',
      fix: 'Give it push text (--push-text / pushcontent) if the user should see it; keep silent (content-available) pushes for background refresh.',
    },
    zh: {
      message: '该 {pushType} 推送没有推送文案(静默推送):iOS 只在后台唤醒 App,不展示通知,可能被限流,用户手动杀死的 App 收不到。',
      fix: '如需让用户看到,请设置推送文案(--push-text / pushcontent);静默推送(content-available)只适合后台刷新。',
    },
  },
  {
    id: 'pushcontent.too-long',
    severity: 'error',
    en: {
      message: 'The push text ({field}) is {length} characters; NIM accepts at most {max}, so sendMsg is refused with code 405 and nothing is pushed.',
      fix: 'Shorten the push text to {max} characters or fewer.',
    },
    zh: {
      message: '推送文案({field})长度为 {length} 个字符,超过云信上限 {max}:sendMsg 返回 405,不会推送。',
      fix: '将推送文案缩短到 {max} 个字符以内。',
    },
  },
  {
    id: 'nim-payload.too-long',
    severity: 'error',
    en: {
      message: 'The NIM push payload (payload / apnsPayload) is {length} characters; NIM accepts at most {max}, so sendMsg is refused with code 405 and nothing is pushed.',
      fix: 'Keep the payload to {max} characters or fewer: send an id in it and let the app fetch the rest.',
    },
    zh: {
      message: '推送 payload(payload / apnsPayload)长度为 {length} 个字符,超过云信上限 {max}:sendMsg 返回 405,不会推送。',
      fix: '将 payload 控制在 {max} 个字符以内:只放一个 id,其余内容由 App 收到后再拉取。',
    },
  },
];
