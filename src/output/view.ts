/** The one renderer signature: every command's human output is `render(data, view)`. */
import type { Lang } from '../core/finding.js';
import type { Style } from './style.js';

export interface View {
  style: Style;
  lang: Lang;
  verbose: boolean;
}

export type Renderer<T> = (data: T, view: View) => string;

/** Picks the text of the view's language. */
export const say = (view: Pick<View, 'lang'>, en: string, zh: string): string => (view.lang === 'zh' ? zh : en);
