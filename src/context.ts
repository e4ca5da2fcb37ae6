/** What every command receives: no command reaches for globals; tests pass their own. */
import type { Lang } from './core/finding.js';

export interface Logger {
  /** Progress and log lines on stderr (never stdout). Suppressed in --json mode unless verbose. */
  info(line: string): void;
  /** Only with --verbose. */
  debug(line: string): void;
  warn(line: string): void;
}

export interface Context {
  configDir: string;
  profileName: string;
  /** Explicit --profile/NIM_PUSH_PROFILE given (false means "the current profile"). */
  profileExplicit: boolean;
  env: Record<string, string | undefined>;
  cwd: string;
  lang: Lang;
  json: boolean;
  verbose: boolean;
  color: boolean;
  /** true when prompting is allowed: stdin and stderr are TTYs and neither --yes, --json nor CI is set. */
  interactive: boolean;
  now: () => Date;
  log: Logger;
  /** stdin, for `--tokens-file -`. */
  stdin: NodeJS.ReadableStream;
  stderrIsTTY: boolean;
}

/** What a command returns; main.ts prints it (JSON or human) and exits with `exitCode`. */
export interface CommandResult<T extends { ok: boolean } = { ok: boolean } & Record<string, unknown>> {
  exitCode: 0 | 1 | 2 | 3;
  data: T;
  /** Human rendering for stdout. Receives a style helper (colour on/off already decided). */
  human: (style: import('./output/style.js').Style) => string;
}
