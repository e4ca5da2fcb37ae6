import type { CatalogueEntry } from '../finding.js';

const REEXPORT_EN = 'In Keychain Access, expand the push certificate, select it together with its private key, and export the 2 items as a .p12.';
const REEXPORT_ZH = '在“钥匙串访问”中展开推送证书，同时选中证书和它的私钥，将这 2 项导出为 .p12。';

export const p12Entries: CatalogueEntry[] = [
  {
    id: 'p12.unreadable',
    severity: 'error',
    words: {
      reason: {
        'not-pkcs12': { en: 'it is not a PKCS#12 file: the bytes are not a PKCS#12 structure', zh: '它不是 PKCS#12 文件:内容不是 PKCS#12 结构' },
        undecodable: { en: 'its PKCS#12 structure is damaged or uses an encoding that cannot be decoded', zh: '它的 PKCS#12 结构已损坏,或使用了无法解码的编码' },
        'certificate-unparsable': { en: 'the certificate in it cannot be parsed', zh: '其中的证书无法解析' },
        'key-unreadable': { en: 'the private key in it cannot be read', zh: '其中的私钥无法读取' },
        'not-pem-or-der': { en: 'it is neither PEM nor a DER certificate or key', zh: '它既不是 PEM,也不是 DER 格式的证书或密钥' },
        'malformed-pem': { en: 'a PEM block in it is malformed', zh: '其中的 PEM 块格式错误' },
        'unexpected-structure': { en: 'its structure is not what a credential file holds', zh: '它的结构不是证书文件应有的结构' },
        'file-unreadable': { en: 'the file cannot be read', zh: '无法读取该文件' },
      },
    },
    en: {
      message: 'The credential file cannot be read as a .p12 or PEM certificate ({reason}).',
      fix: `Check that this is the exported push certificate and that it was copied completely. ${REEXPORT_EN}`,
    },
    zh: {
      message: '无法将该文件读取为 .p12 或 PEM 证书（{reason}）。',
      fix: `确认这是导出的推送证书且文件完整。${REEXPORT_ZH}`,
    },
  },
  {
    id: 'p12.bad-password',
    phrases: ['mac verify failure', 'invalid password', 'PKCS12 password', '证书密码错误'],
    severity: 'error',
    en: {
      message: 'The password does not open the credential file (or none was given and it needs one).',
      fix: 'Pass the password chosen when exporting the certificate with --password (use --password "" for an empty one). If it is lost, export the .p12 again from Keychain Access.',
    },
    zh: {
      message: '密码无法打开该证书文件（或文件需要密码但未提供）。',
      fix: '通过 --password 传入导出证书时设置的密码（空密码用 --password ""）。如果忘记密码，请从“钥匙串访问”重新导出 .p12。',
    },
  },
  {
    id: 'p12.legacy-encryption',
    phrases: ['Unsupported PKCS12 PFX data', 'RC2-40-CBC', 'error:0308010C', 'unsupported algorithm'],
    severity: 'warning',
    en: {
      message: 'The .p12 file uses legacy encryption ({algorithm}). nim-push can read it, but OpenSSL 3 based tools (Node.js TLS, many servers) reject it.',
      fix: 'Re-export it with modern encryption: openssl pkcs12 -legacy -in old.p12 -nodes | openssl pkcs12 -export -out new.p12 (then upload new.p12 to the NIM console under the same certificate name).',
    },
    zh: {
      message: '该 .p12 文件使用旧式加密（{algorithm}）。nim-push 可以读取，但基于 OpenSSL 3 的工具（Node.js TLS 及许多服务端）会拒绝它。',
      fix: '用新式加密重新导出：openssl pkcs12 -legacy -in old.p12 -nodes | openssl pkcs12 -export -out new.p12，然后在云信控制台以相同的证书名称上传 new.p12。',
    },
  },
  {
    id: 'p12.no-key',
    severity: 'error',
    en: {
      message: 'The file holds a certificate but no private key, so it cannot authenticate to APNs.',
      fix: `${REEXPORT_EN} For a PEM certificate, pass its key file too.`,
    },
    zh: {
      message: '文件中只有证书，没有私钥，无法向 APNs 认证。',
      fix: `${REEXPORT_ZH}如果是 PEM 证书，请同时提供私钥文件。`,
    },
  },
  {
    id: 'p12.no-certificate',
    severity: 'error',
    en: {
      message: 'The file holds no certificate.',
      fix: `Export the APNs certificate itself, not only its key: ${REEXPORT_EN}`,
    },
    zh: {
      message: '文件中没有证书。',
      fix: `请导出 APNs 推送证书本身，而不仅是私钥：${REEXPORT_ZH}`,
    },
  },
  {
    id: 'p12.multiple-identities',
    severity: 'error',
    en: {
      message: 'The file holds {count} private keys ({subjects}); it is ambiguous which identity to push with.',
      fix: 'Export exactly one push certificate with its private key per .p12 file, and upload each under its own certificate name.',
    },
    zh: {
      message: '文件中包含 {count} 个私钥（{subjects}），无法确定使用哪一个身份推送。',
      fix: '每个 .p12 文件只导出一个推送证书及其私钥，并分别以各自的证书名称上传。',
    },
  },
  {
    id: 'p12.key-mismatch',
    severity: 'error',
    en: {
      message: 'The private key does not belong to the certificate.',
      fix: `Export the certificate together with the key it was created with (the one from your certificate signing request). ${REEXPORT_EN}`,
    },
    zh: {
      message: '私钥与证书不匹配。',
      fix: `请把证书与创建它时使用的私钥（生成证书签名请求的那台 Mac 上的私钥）一起导出。${REEXPORT_ZH}`,
    },
  },
];
