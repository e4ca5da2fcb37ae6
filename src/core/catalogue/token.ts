import type { CatalogueEntry } from '../finding.js';

/**
 * Device-token findings.
 * Params: `token` (a shortened token) where given; `problem` for invalid-format
 * (`empty`|`not-hex`|`odd-length`); `length` for length-unusual.
 * token.not-uploaded, token.env-mismatch and token.unregistered take no required params,
 * so the diagnosis engine can emit them from whatever facts it has.
 */
export const tokenEntries: CatalogueEntry[] = [
  {
    id: 'token.invalid-format',
    severity: 'error',
    en: {
      message: '"{token}" is not an APNs device token ({problem}): a token is an even number of hex digits.',
      fix: 'Copy the token from application:didRegisterForRemoteNotificationsWithDeviceToken: by hex-encoding the NSData bytes (e.g. map { String(format: "%02x", $0) }.joined()), not its description.',
    },
    zh: {
      message: '"{token}" 不是 APNs 设备 token({problem}):token 应为偶数位十六进制字符。',
      fix: '在 application:didRegisterForRemoteNotificationsWithDeviceToken: 中把 NSData 逐字节转成十六进制(如 map { String(format: "%02x", $0) }.joined()),不要直接用它的 description。',
    },
  },
  {
    id: 'token.length-unusual',
    severity: 'warning',
    en: {
      message: 'Token {token} has {length} hex digits; APNs tokens are usually 64. It is sent anyway, as longer tokens exist.',
      fix: 'If APNs answers BadDeviceToken, check that the whole token was copied and that it is an APNs token, not a VoIP/PushKit or FCM one.',
    },
    zh: {
      message: 'token {token} 长度为 {length} 位十六进制,APNs token 通常为 64 位。由于存在更长的 token,仍会发送。',
      fix: '若 APNs 返回 BadDeviceToken,请确认 token 复制完整,且是 APNs token 而不是 VoIP/PushKit 或 FCM token。',
    },
  },
  {
    id: 'token.normalized',
    severity: 'info',
    en: {
      message: 'The token was normalised to {token} (spaces and <> removed, hex lower-cased).',
      fix: 'Nothing to do; store tokens in this form to avoid surprises.',
    },
    zh: {
      message: 'token 已规范化为 {token}(去掉空格和 <>,十六进制转小写)。',
      fix: '无需处理;建议以此形式保存 token。',
    },
  },
  {
    id: 'token.looks-like-fcm',
    severity: 'error',
    en: {
      message: '"{token}" looks like a Firebase Cloud Messaging (FCM) token, not an APNs device token.',
      fix: 'Use the APNs token from didRegisterForRemoteNotificationsWithDeviceToken: (Messaging.messaging().apnsToken if you use Firebase), hex-encoded.',
    },
    zh: {
      message: '"{token}" 看起来是 Firebase Cloud Messaging (FCM) token,而不是 APNs 设备 token。',
      fix: '请使用 didRegisterForRemoteNotificationsWithDeviceToken: 返回的 APNs token(使用 Firebase 时为 Messaging.messaging().apnsToken),并转成十六进制。',
    },
  },
  {
    id: 'token.not-uploaded',
    phrases: ['no device token', 'updateApnsToken', '没有上传 token'],
    severity: 'error',
    en: {
      message: 'No APNs device token has been uploaded for this receiver, so there is nothing to push to.',
      fix: 'Call [[NIMSDK sharedSDK] updateApnsToken:deviceToken] in didRegisterForRemoteNotificationsWithDeviceToken:, after registerWithOption: with the right apnsCername, and make sure the app asks for notification permission.',
    },
    zh: {
      message: '该接收方没有上传 APNs 设备 token,无法推送。',
      fix: '在 didRegisterForRemoteNotificationsWithDeviceToken: 中调用 [[NIMSDK sharedSDK] updateApnsToken:deviceToken](在以正确 apnsCername 调用 registerWithOption: 之后),并确认 App 已申请通知权限。',
    },
  },
  {
    id: 'token.env-mismatch',
    phrases: ['sandbox token', 'production token', 'development token', '沙盒', '生产环境'],
    severity: 'error',
    en: {
      message: 'The device token belongs to a different APNs environment than the credential used to push (development vs production); APNs answers BadDeviceToken.',
      fix: 'Debug builds installed from Xcode get development tokens, TestFlight/App Store builds get production tokens: use the certificate name whose credential and console environment match the build.',
    },
    zh: {
      message: '设备 token 与推送所用证书属于不同的 APNs 环境(开发/生产),APNs 会返回 BadDeviceToken。',
      fix: 'Xcode 直接安装的 Debug 包得到开发环境 token,TestFlight/App Store 包得到生产环境 token:请使用与包类型及云信控制台环境一致的证书名。',
    },
  },
  {
    id: 'token.unregistered',
    severity: 'error',
    en: {
      message: 'APNs reports this device token is no longer valid for the topic (the app was uninstalled or the token changed).',
      fix: 'Stop pushing to this token and wait for the app to upload a fresh one with updateApnsToken: on its next launch.',
    },
    zh: {
      message: 'APNs 表示该设备 token 对此 topic 已失效(App 已卸载或 token 已变更)。',
      fix: '停止向该 token 推送,等待 App 下次启动时通过 updateApnsToken: 上传新的 token。',
    },
  },
  {
    id: 'token.env-unknown',
    severity: 'info',
    en: {
      message: 'Which APNs environment the token {token} belongs to is not known: NIM itself never knows it (the SDK uploads none), and a token of the other environment gets BadDeviceToken.',
      fix: 'Find out with `nim-push token probe {token}` (a push that shows nothing), then give it with {flag}.',
    },
    zh: {
      message: '不知道 token {token} 属于哪个 APNs 环境:云信本身也不知道(SDK 上传时不带环境),而另一个环境的 token 会得到 BadDeviceToken。',
      fix: '用 `nim-push token probe {token}`(发送一条不显示内容的推送)查明环境,然后用 {flag} 给出。',
    },
  },
  {
    id: 'token.probe-found',
    severity: 'info',
    en: {
      message: 'The token {token} is a {environment} token (topic {topic}): APNs answered about it there; the {other} environment answered {otherAnswer}.',
      fix: 'Push to it with a {environment} certificate (or a .p8 key) and give diagnose --token-env {environment}.',
    },
    zh: {
      message: 'token {token} 属于 {environment} 环境(主题 {topic}):APNs 在该环境对它作出了应答;{other} 环境的应答是 {otherAnswer}。',
      fix: '用 {environment} 环境的证书(或 .p8 密钥)推送,诊断时给出 --token-env {environment}。',
    },
  },
  {
    id: 'token.probe-nowhere',
    severity: 'error',
    phrases: ['token accepted nowhere'],
    en: {
      message: 'Neither APNs environment knows the token {token} for {topic} (BadDeviceToken in both): it is not an APNs device token of this app (an FCM or PushKit token, a token of another app, or a truncated one).',
      fix: 'Take the token from application:didRegisterForRemoteNotificationsWithDeviceToken: of this app (hex of the NSData, as updateApnsToken: uploads it).',
    },
    zh: {
      message: '两个 APNs 环境都不认识 {topic} 的 token {token}(均为 BadDeviceToken):它不是本 App 的 APNs deviceToken(可能是 FCM 或 PushKit token、其他 App 的 token 或被截断)。',
      fix: '从本 App 的 application:didRegisterForRemoteNotificationsWithDeviceToken: 取 token(NSData 的十六进制,与 updateApnsToken: 上传的一致)。',
    },
  },
  {
    id: 'token.probe-one-environment',
    severity: 'warning',
    en: {
      message: 'The token {token} is not a {environment} token (BadDeviceToken), and the credential can only push to {environment}: that it is a {other} token is likely but not proven.',
      fix: 'Probe again with a credential that reaches both environments (a universal "Apple Push Services" certificate or a .p8 key) to prove it.',
    },
    zh: {
      message: 'token {token} 不是 {environment} 环境的 token(BadDeviceToken),而该证书只能推送到 {environment}:它很可能属于 {other} 环境,但无法证明。',
      fix: '用能推送两个环境的凭据(通用 “Apple Push Services” 证书或 .p8 密钥)再探测一次以证实。',
    },
  },
  {
    id: 'token.probe-inconclusive',
    severity: 'warning',
    en: {
      message: 'The probe of {token} proved nothing about its environment: {answers}.',
      fix: 'Fix what the answers name (the credential, the network), then probe again.',
    },
    zh: {
      message: '对 {token} 的探测没能确定其环境:{answers}。',
      fix: '先解决应答中指出的问题(凭据、网络),再重新探测。',
    },
  },
  {
    id: 'token.pushkit-alert',
    severity: 'error',
    en: {
      message: '{to} uploaded only a PushKit (VoIP) token ({token}): NIM pushes messages as alerts to the APNs token (updateApnsToken:) and PushKit tokens take call invitations only, so this message has no device to go to.',
      fix: 'Upload the APNs device token too: call [[NIMSDK sharedSDK] updateApnsToken:deviceToken] in application:didRegisterForRemoteNotificationsWithDeviceToken:, with NIMSDKOption.apnsCername set; keep updatePushKitToken: for calls.',
    },
    zh: {
      message: '{to} 只上传了 PushKit(VoIP)token({token}):云信的消息推送以提醒形式发往 APNs token(updateApnsToken:),PushKit token 只接收呼叫邀请,因此这条消息没有可推送的设备。',
      fix: '同时上传 APNs deviceToken:在 application:didRegisterForRemoteNotificationsWithDeviceToken: 中调用 [[NIMSDK sharedSDK] updateApnsToken:deviceToken],并设置 NIMSDKOption.apnsCername;呼叫仍用 updatePushKitToken:。',
    },
  },
  {
    id: 'token.pushkit-under-apns-cert',
    severity: 'error',
    en: {
      message: 'A PushKit (VoIP) token of {to} was uploaded under {certName}, which is an APNs certificate name: NIM pushes VoIP only with the PushKit certificate name (pkCername).',
      fix: 'Pass the PushKit certificate name as NIMSDKOption.pkCername and upload the token with updatePushKitToken:; register that name with `nim-push init --add-cert --voip`.',
    },
    zh: {
      message: '{to} 的 PushKit(VoIP)token 上传在 APNs 证书名 {certName} 下:云信只会用 PushKit 证书名(pkCername)推送 VoIP。',
      fix: '把 PushKit 证书名设为 NIMSDKOption.pkCername,用 updatePushKitToken: 上传该 token;并用 `nim-push init --add-cert --voip` 登记该证书名。',
    },
  },
  {
    id: 'token.apns-under-pushkit-cert',
    severity: 'error',
    en: {
      message: 'An APNs token of {to} was uploaded under {certName}, which is a PushKit (VoIP) certificate name: alert pushes to it go to the .voip topic and are refused.',
      fix: 'Pass the APNs certificate name as NIMSDKOption.apnsCername (and the PushKit one as pkCername), then upload again with updateApnsToken:.',
    },
    zh: {
      message: '{to} 的 APNs token 上传在 PushKit(VoIP)证书名 {certName} 下:提醒类推送会发往 .voip 主题并被拒绝。',
      fix: '把 APNs 证书名设为 NIMSDKOption.apnsCername(PushKit 证书名设为 pkCername),再用 updateApnsToken: 重新上传。',
    },
  },
];
