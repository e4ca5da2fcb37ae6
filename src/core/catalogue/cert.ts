import type { CatalogueEntry } from '../finding.js';

const RENEW_EN = 'Create a new APNs certificate in the Apple Developer portal (Certificates, Identifiers & Profiles), export it as .p12 and upload it to the NIM console under the same certificate name.';
const RENEW_ZH = '在 Apple Developer 网站（Certificates, Identifiers & Profiles）重新创建 APNs 推送证书，导出为 .p12，并在云信控制台以相同的证书名称上传。';

export const certEntries: CatalogueEntry[] = [
  {
    id: 'cert.not-push',
    severity: 'error',
    en: {
      message: 'The certificate ({subject}) is not an APNs push certificate: it has neither the development nor the production push extension.',
      fix: 'Create an "Apple Push Notification service SSL" certificate for the app id in the Apple Developer portal and export that one (not a development/distribution signing certificate).',
    },
    zh: {
      message: '该证书（{subject}）不是 APNs 推送证书：既没有开发环境也没有生产环境的推送扩展。',
      fix: '在 Apple Developer 网站为该 App ID 创建 “Apple Push Notification service SSL” 推送证书并导出它（而不是开发/发布签名证书）。',
    },
  },
  {
    id: 'cert.expired',
    phrases: ['certificate expired', 'certificate has expired', '证书过期', '证书已过期'],
    severity: 'error',
    en: {
      message: 'The push certificate expired on {notAfter} ({days} days ago); APNs rejects it.',
      fix: RENEW_EN,
    },
    zh: {
      message: '推送证书已于 {notAfter} 过期（{days} 天前），APNs 会拒绝它。',
      fix: RENEW_ZH,
    },
  },
  {
    id: 'cert.not-yet-valid',
    severity: 'error',
    en: {
      message: 'The push certificate is not valid before {notBefore}.',
      fix: "Check this machine's clock; if it is right, wait until the certificate becomes valid or use the previous certificate until then.",
    },
    zh: {
      message: '推送证书在 {notBefore} 之前尚未生效。',
      fix: '检查本机时钟；如果时钟正确，请等到证书生效，或在此之前继续使用旧证书。',
    },
  },
  {
    id: 'cert.expires-soon',
    severity: 'warning',
    en: {
      message: 'The push certificate expires on {notAfter}, in {daysLeft} days (warning threshold: {warnDays} days).',
      fix: `Renew it before then: ${RENEW_EN}`,
    },
    zh: {
      message: '推送证书将于 {notAfter} 过期，剩余 {daysLeft} 天（提醒阈值：{warnDays} 天）。',
      fix: `请在过期前更新：${RENEW_ZH}`,
    },
  },
  {
    id: 'cert.env-mismatch',
    severity: 'error',
    en: {
      message: 'The certificate is for the {certEnv} environment, but {expected} was requested; APNs answers BadCertificateEnvironment and pushes never arrive.',
      fix: 'Use a certificate of the {expected} environment (or a universal "Apple Push Services" certificate), and make the certificate type, the build (debug = development, release/TestFlight = production) and the environment chosen in the NIM console agree.',
    },
    zh: {
      message: '推送证书的环境（{certEnv}）与要求的环境（{expected}）不一致；APNs 会返回 BadCertificateEnvironment，推送无法送达。',
      fix: '改用 {expected} 环境（development = 开发环境，production = 生产环境）的推送证书（或通用的 “Apple Push Services” 证书），并确保证书类型、打包方式（debug 对应开发环境，release/TestFlight 对应生产环境）与云信控制台中选择的环境三者一致。',
    },
  },
  {
    id: 'cert.topic-mismatch',
    severity: 'error',
    en: {
      message: 'The certificate is for {certTopics}, not for the bundle id {bundleId}; APNs rejects the topic.',
      fix: 'Create the push certificate for the app id {bundleId} in the Apple Developer portal, or correct --bundle-id if it is wrong.',
    },
    zh: {
      message: '该证书适用于 {certTopics}，而不是 Bundle ID {bundleId}；APNs 会拒绝该 topic。',
      fix: '在 Apple Developer 网站为 App ID {bundleId} 创建推送证书；如果 --bundle-id 填错了，请更正。',
    },
  },
  {
    id: 'cert.issuer-unknown',
    severity: 'warning',
    en: {
      message: 'The certificate was not issued by Apple Worldwide Developer Relations ({issuer}); the real APNs will not accept it.',
      fix: 'Fine for a local simulator; for real pushes use the certificate downloaded from the Apple Developer portal.',
    },
    zh: {
      message: '该证书不是由 Apple Worldwide Developer Relations 签发的（{issuer}），真实的 APNs 不会接受。',
      fix: '用于本地模拟器没有问题；真实推送请使用从 Apple Developer 网站下载的推送证书。',
    },
  },
  {
    id: 'cert.no-voip',
    severity: 'error',
    en: {
      message: 'The certificate cannot push to {topic} (it covers {certTopics}): PushKit (VoIP) pushes need the .voip topic.',
      fix: 'Use a VoIP Services certificate for the app id, a universal "Apple Push Services" certificate (which lists .voip), or a .p8 key, and register it as the PushKit certificate name (pkCername).',
    },
    zh: {
      message: '该证书无法向 {topic} 推送(它只覆盖 {certTopics}):PushKit(VoIP)推送需要 .voip 主题。',
      fix: '请为该 App ID 使用 VoIP Services 证书、包含 .voip 的通用 “Apple Push Services” 证书或 .p8 密钥,并将其登记为 PushKit 证书名(pkCername)。',
    },
  },
];
