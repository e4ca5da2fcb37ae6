import type { CatalogueEntry } from '../finding.js';

/** Findings that belong to no protocol group: the outcome of a whole step. */
export const generalEntries: CatalogueEntry[] = [
  {
    id: 'send.failed',
    severity: 'error',
    en: {
      message: 'The test send did not go out (status {status}).',
      fix: 'Run the same send with `nim-push send … --verbose` to see each step, or `nim-push diagnose --to <accid>` for why a push would not fire.',
    },
    zh: {
      message: '测试发送未成功(状态 {status})。',
      fix: '用 `nim-push send … --verbose` 查看每一步,或用 `nim-push diagnose --to <accid>` 查看推送为何不会发出。',
    },
  },
];
