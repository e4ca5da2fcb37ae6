import type { CatalogueEntry } from '../finding.js';

/** Errors from the app side that support tickets quote: the guide's FAQ and the classic iOS registration errors. */
export const faqEntries: CatalogueEntry[] = [
  {
    id: 'sdk.push-init-not-main-process',
    severity: 'error',
    phrases: ['query token with exception must not refer to a null object', 'query token with exception', 'must not refer to a null object', 'oppo push query token with exception'],
    en: {
      message: '"query token with exception: must not refer to a null object" is logged by the NIM SDK\'s vendor push (mixed push) when it asks for a push token before the push SDK was set up: most likely the push was not registered in the application\'s main process.',
      fix: 'Register the push (the mixed-push config and the SDK init) in the Application main process, at the time the guide and the demo do it; check the init order and that the vendor push config object is not null.',
    },
    zh: {
      message: '“query token with exception must not refer to a null object”是 NIM SDK 的厂商推送(混合推送)在推送 SDK 尚未初始化时获取 token 打出的日志:很可能没有在 Application 主进程里注册推送。',
      fix: '在 Application 主进程中注册推送(混合推送配置与 SDK 初始化),初始化时机参照开发指南和 Demo 示例代码;检查初始化顺序,以及厂商推送配置对象不为空。',
    },
  },
  {
    id: 'app.no-aps-entitlement',
    severity: 'error',
    phrases: ['no valid aps-environment entitlement string found for application', 'aps-environment entitlement', 'didFailToRegisterForRemoteNotificationsWithError', 'Push Notifications capability'],
    en: {
      message: 'The app was built without the aps-environment entitlement: iOS gives it no device token, so the SDK uploads none and NIM has nothing to push to.',
      fix: 'Add the Push Notifications capability in Xcode (Signing & Capabilities) and use a provisioning profile of an App ID with push enabled; development builds get a sandbox token, App Store/TestFlight builds a production one.',
    },
    zh: {
      message: 'App 构建时缺少 aps-environment 权限:iOS 不会下发 deviceToken,SDK 无 token 可上传,云信也就无处推送。',
      fix: '在 Xcode 的 Signing & Capabilities 中添加 Push Notifications 能力,并使用已开启推送的 App ID 的描述文件;开发包得到沙盒 token,App Store/TestFlight 包得到生产 token。',
    },
  },
];
