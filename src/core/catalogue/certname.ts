import type { CatalogueEntry } from '../finding.js';

export const certnameEntries: CatalogueEntry[] = [
  {
    id: 'certname.too-long',
    phrases: ['login error 500', 'login failed with 500', 'error 500 at login', '登录时会报 500 错误', '登录 500'],
    severity: 'error',
    en: {
      message: 'The certificate name "{certName}" has {length} characters; NIM allows at most {max}, and a longer apnsCername makes login fail with error 500.',
      fix: 'Choose a name of at most {max} characters, rename the certificate in the NIM console to it, and pass the same name as NIMSDKOption.apnsCername (nim-push init --cert-name <name>).',
    },
    zh: {
      message: '证书名称“{certName}”有 {length} 个字符，超过了 {max} 个字符的上限；apnsCername 过长会导致登录失败并返回错误 500。',
      fix: '改用不超过 {max} 个字符的证书名称：在云信控制台修改推送证书的证书名称，并在 NIMSDKOption.apnsCername 中填写同一名称（nim-push init --cert-name <名称>）。',
    },
  },
  {
    id: 'certname.missing',
    severity: 'error',
    en: {
      message: 'No certificate name is set, so the relay cannot tell which push certificate to use.',
      fix: 'Use the certificate name you gave the credential in the NIM console: pass it as NIMSDKOption.apnsCername in the app and as --cert-name here.',
    },
    zh: {
      message: '未设置证书名称，服务器无法确定使用哪一个推送证书。',
      fix: '使用在云信控制台上传推送证书时填写的证书名称：在 App 中设置 NIMSDKOption.apnsCername，并在这里通过 --cert-name 传入。',
    },
  },
  {
    id: 'certname.unknown',
    severity: 'error',
    en: {
      message: 'The relay has no push credential under the certificate name "{certName}".',
      fix: 'Upload the credential under exactly this certificate name in the NIM console (for the local relay: nim-push init --cert-name {certName}), or set apnsCername to one of the names it has.',
    },
    zh: {
      message: '服务器上没有证书名称为“{certName}”的推送证书。',
      fix: '在云信控制台以完全相同的证书名称上传推送证书（本地服务器：nim-push init --cert-name {certName}），或把 apnsCername 改为已有的证书名称之一。',
    },
  },
];
