import type { CatalogueEntry } from '../finding.js';

const DOWNLOAD_EN = 'Download the key (AuthKey_<KEYID>.p8) again from Certificates, Identifiers & Profiles > Keys in the Apple Developer portal; a key can be downloaded only once, so create a new one if needed.';
const DOWNLOAD_ZH = '在 Apple Developer 网站 Certificates, Identifiers & Profiles > Keys 中下载密钥（AuthKey_<KEYID>.p8）；密钥只能下载一次，必要时请新建一个。';

export const p8Entries: CatalogueEntry[] = [
  {
    id: 'p8.unreadable',
    phrases: ['secretOrPrivateKey must be an asymmetric key', 'invalid key format'],
    severity: 'error',
    words: {
      reason: {
        'not-pkcs8': { en: 'not a PKCS#8 private key', zh: '不是 PKCS#8 私钥' },
        'cannot-sign': { en: 'the key cannot sign an ES256 token', zh: '该密钥无法签出 ES256 令牌' },
        'unexpected-structure': { en: 'its structure is not what a key file holds', zh: '它的结构不是密钥文件应有的结构' },
        'rejected-by-client': { en: 'the APNs client refused the key', zh: 'APNs 客户端拒绝了该密钥' },
      },
    },
    en: { message: 'The .p8 file is not a usable PKCS#8 private key ({reason}).', fix: `Use the file exactly as downloaded. ${DOWNLOAD_EN}` },
    zh: { message: '该 .p8 文件不是可用的 PKCS#8 私钥（{reason}）。', fix: `请使用下载后未经修改的原始文件。${DOWNLOAD_ZH}` },
  },
  {
    id: 'p8.not-ec-p256',
    severity: 'error',
    en: { message: 'The key is {found}; APNs token authentication needs an EC P-256 key (ES256).', fix: `This is not an APNs auth key. ${DOWNLOAD_EN}` },
    zh: { message: '该密钥为 {found}；APNs 令牌认证需要 EC P-256 密钥（ES256）。', fix: `这不是 APNs 认证密钥。${DOWNLOAD_ZH}` },
  },
  {
    id: 'p8.key-id-invalid',
    severity: 'error',
    en: {
      message: 'The Key ID "{keyId}" is not a 10-character Apple Key ID (upper-case letters and digits).',
      fix: 'Copy the Key ID shown next to the key in the Apple Developer portal (it is also in the file name AuthKey_<KEYID>.p8) and pass it with --key-id.',
    },
    zh: {
      message: 'Key ID “{keyId}” 不是 10 位的 Apple Key ID（大写字母和数字）。',
      fix: '从 Apple Developer 网站复制该密钥的 Key ID（也在文件名 AuthKey_<KEYID>.p8 中），通过 --key-id 传入。',
    },
  },
  {
    id: 'p8.key-id-missing',
    severity: 'error',
    en: {
      message: 'No Key ID was given and the file name does not contain one.',
      fix: 'Pass --key-id with the 10-character Key ID shown next to the key in the Apple Developer portal.',
    },
    zh: { message: '未提供 Key ID，文件名中也没有。', fix: '通过 --key-id 传入 Apple Developer 网站上该密钥的 10 位 Key ID。' },
  },
  {
    id: 'p8.key-id-mismatch-filename',
    severity: 'error',
    en: {
      message: 'The Key ID {keyId} differs from the one in the file name ({fileKeyId}); APNs answers InvalidProviderToken when the Key ID does not belong to the key.',
      fix: 'Check which key this is: use --key-id {fileKeyId} if the file name is right, or the matching AuthKey_{keyId}.p8 file.',
    },
    zh: {
      message: 'Key ID {keyId} 与文件名中的 Key ID（{fileKeyId}）不一致；Key ID 与密钥不对应时 APNs 会返回 InvalidProviderToken。',
      fix: '确认这是哪一个密钥：如果文件名正确，请使用 --key-id {fileKeyId}；否则请使用对应的 AuthKey_{keyId}.p8 文件。',
    },
  },
  {
    id: 'p8.team-id-invalid',
    severity: 'error',
    en: {
      message: 'The Team ID "{teamId}" is not a 10-character Apple Team ID (upper-case letters and digits).',
      fix: 'Copy the Team ID from Membership details in the Apple Developer portal and pass it with --team-id.',
    },
    zh: {
      message: 'Team ID “{teamId}” 不是 10 位的 Apple Team ID（大写字母和数字）。',
      fix: '从 Apple Developer 网站的 Membership details 复制 Team ID，通过 --team-id 传入。',
    },
  },
  {
    id: 'p8.team-id-missing',
    severity: 'error',
    en: {
      message: 'No Team ID was given; the APNs token (JWT) needs it as its issuer.',
      fix: 'Pass --team-id with the 10-character Team ID from Membership details in the Apple Developer portal.',
    },
    zh: { message: '未提供 Team ID；APNs 令牌（JWT）需要它作为签发者。', fix: '通过 --team-id 传入 Apple Developer 网站 Membership details 中的 10 位 Team ID。' },
  },
];
