/** NIM account ids (accid): at most 32 characters of letters, digits and `_ . @ -`, case-insensitive. */

export const ACCID_MAX = 32;
const ACCID_CHARS = /^[A-Za-z0-9_.@-]+$/;

export type AccidProblem = 'empty' | 'too-long' | 'characters';

/** What is wrong with an accid, or undefined when it can be one. Length in UTF-16 units, as NIM counts. */
export function accidProblem(accid: string): AccidProblem | undefined {
  if (accid === '') return 'empty';
  if (accid.length > ACCID_MAX) return 'too-long';
  return ACCID_CHARS.test(accid) ? undefined : 'characters';
}

export const isValidAccid = (accid: string): boolean => accidProblem(accid) === undefined;

/** NIM stores accids lower-cased. */
export const normalizeAccid = (accid: string): string => accid.toLowerCase();
