import type { Lang } from './finding.js';

/** `--lang` wins; else LC_ALL, LC_MESSAGES, LANG (POSIX precedence); zh* means Chinese. */
export function detectLang(flag: string | undefined, env: Record<string, string | undefined>): Lang {
  if (flag === 'en' || flag === 'zh') return flag;
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

export const isLang = (value: string): value is Lang => value === 'en' || value === 'zh';
