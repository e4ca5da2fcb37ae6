import type { CatalogueEntry } from '../finding.js';

const e = (id: string, severity: CatalogueEntry['severity'], en: [string, string], zh: [string, string]): CatalogueEntry => ({
  id,
  severity,
  en: { message: en[0], fix: en[1] },
  zh: { message: zh[0], fix: zh[1] },
});

/** Lint of the NIM push payload and of the message texts NIM limits (params: key, type, size, limit, field, length). */
export const nimPayloadEntries: CatalogueEntry[] = [
  e('nim-payload.aps-field', 'error',
    ['apsField must be a JSON object (it is merged into aps), but it is {type}: NIM cannot use it.', 'Give apsField as an object, e.g. {"apsField":{"mutable-content":1,"category":"chat"}}.'],
    ['apsField 必须是 JSON 对象(它会合并进 aps),当前是 {type}:云信无法使用。', '请把 apsField 写成对象,例如 {"apsField":{"mutable-content":1,"category":"chat"}}。']),
  e('nim-payload.aps-alert', 'warning',
    ['apsField sets "alert": it replaces the alert NIM builds (the push text with its nick prefix and pushTitle).', 'Leave alert to NIM: set the text with the push text and the title with pushTitle.'],
    ['apsField 中设置了 "alert":它会覆盖云信生成的提醒内容(带昵称前缀的推送文案和 pushTitle)。', '请交给云信生成 alert:文案用推送文案,标题用 pushTitle。']),
  e('nim-payload.aps-key', 'warning',
    ['The payload has a top-level "aps" key: NIM builds aps itself, so this one is lost.', 'Put aps fields into apsField instead: {"apsField":{…}}.'],
    ['推送 payload 顶层有 "aps" 键:云信会自己生成 aps,该键会丢失。', '请把 aps 字段放进 apsField:{"apsField":{…}}。']),
  e('nim-payload.field-type', 'warning',
    ['{key} should be a {expected}, but it is a {type}: NIM ignores it.', 'Give {key} as a {expected}.'],
    ['{key} 应为 {expected},当前是 {type}:云信会忽略它。', '请把 {key} 写成 {expected}。']),
  e('nim-payload.android-field', 'info',
    ['{key} configures an Android vendor channel; iOS pushes ignore it.', 'Nothing to do for iOS.'],
    ['{key} 用于安卓厂商通道,iOS 推送会忽略它。', '对 iOS 无需处理。']),
  e('nim-payload.key-case', 'warning',
    ['"{key}" is not a key NIM reads: it goes into the APNs payload as a custom key. Did you mean {known}?', 'Spell it {known} (keys are case-sensitive).'],
    ['"{key}" 不是云信识别的键:它会作为自定义键放进 APNs payload。是否想写 {known}?', '请写成 {known}(键区分大小写)。']),
  e('nim-payload.apns-too-large', 'error',
    ['The APNs payload NIM would build is {size} bytes; APNs refuses more than {limit} (PayloadTooLarge).', 'Shorten the push text, pushTitle or the custom keys; let the app fetch large data.'],
    ['云信生成的 APNs payload 为 {size} 字节;APNs 拒绝超过 {limit} 字节的推送(PayloadTooLarge)。', '缩短推送文案、pushTitle 或自定义键;大数据请由 App 自行拉取。']),
  e('nim-payload.attach-no-push', 'warning',
    ['A custom system notification without push text pushes nothing: NIM delivers it online only.', 'Give --push-text (pushcontent) if the receiver should get a push.'],
    ['不带推送文案的自定义系统通知不会触发推送:云信只在线投递。', '如需推送,请给出 --push-text(pushcontent)。']),
  e('message.too-long', 'error',
    ['The message {field} is {length} characters; NIM allows at most {limit} (code 405).', 'Shorten the {field}; send large content as a file or a link.'],
    ['消息的 {field} 为 {length} 个字符,云信最多允许 {limit} 个(错误码 405)。', '缩短 {field};大内容请以文件或链接发送。']),
];
