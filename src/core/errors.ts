/**
 * Errors that carry an exit code. `src/main.ts` is the one place that turns them into an exit.
 * They live in core because core code refuses input too (a bad flag value, say); nothing here
 * does I/O.
 */
import type { Lang } from './finding.js';

export type ExitCode = 0 | 1 | 2 | 3;

/** A message in both languages; `en` is also the Error's own message. */
export interface Bilingual {
  en: string;
  zh: string;
}

export type Message = string | Bilingual;

export const bilingual = (en: string, zh: string): Bilingual => ({ en, zh });

export class CliError extends Error {
  /** The Chinese text, when the thrower gave one. */
  readonly zh?: string;

  constructor(
    /** Stable machine code: a catalogue id (e.g. `relay.unreachable`) or `usage`, `config`, … */
    readonly code: string,
    message: Message,
    readonly exitCode: ExitCode,
    /** Extra JSON fields placed next to `error` (e.g. findings). */
    readonly details?: Record<string, unknown>,
  ) {
    super(typeof message === 'string' ? message : message.en);
    this.name = 'CliError';
    if (typeof message !== 'string') this.zh = message.zh;
  }

  /** The message in the user's language (English when no Chinese text was given). */
  localized(lang: Lang): string {
    return lang === 'zh' && this.zh ? this.zh : this.message;
  }
}

/** Exit 2: a bad flag, a missing profile or value, an unreadable file, a prompt needed without a TTY. */
export class UsageError extends CliError {
  constructor(message: Message, code = 'usage', details?: Record<string, unknown>) {
    super(code, message, 2, details);
  }
}

/** Exit 3: network error or timeout talking to the relay or APNs. */
export class UnreachableError extends CliError {
  constructor(message: Message, code = 'relay.unreachable', details?: Record<string, unknown>) {
    super(code, message, 3, details);
  }
}

/** Exit 1: a check failed or a service rejected the request. */
export class CheckFailedError extends CliError {
  constructor(code: string, message: Message, details?: Record<string, unknown>) {
    super(code, message, 1, details);
  }
}
