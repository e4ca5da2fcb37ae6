/** What every command receives, and what it returns: no command reaches for globals; tests pass their own. */
import type { ExitCode } from './core/errors.js';
import type { Lang } from './core/finding.js';
import type { Style } from './output/style.js';
import type { Renderer } from './output/view.js';

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
  /** `--proxy <url>`: the HTTP proxy for APNs and NIM (else HTTPS_PROXY/HTTP_PROXY/NO_PROXY from env). */
  proxy?: string;
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
  /** Where a progress line may be drawn (stderr), when it is a terminal. */
  progress?: NodeJS.WritableStream;
}

/** What a command returns; main.ts prints it (JSON or human) and exits with `exitCode`. */
export interface CommandResult<T extends { ok: boolean } = { ok: boolean }> {
  exitCode: ExitCode;
  data: T;
  /** Human rendering for stdout. Receives a style helper (colour on/off already decided). */
  human: (style: Style) => string;
}

/** A command module's entry: commander's positionals and options in, a result out. */
export type CommandRunner = (args: Array<string | undefined>, opts: Record<string, unknown>, ctx: Context) => Promise<CommandResult>;

/** A result rendered by `render` in the context's language. */
export function respond<T extends { ok: boolean }>(ctx: Pick<Context, 'lang' | 'verbose'>, exitCode: ExitCode, data: T, render: Renderer<T>): CommandResult<T> {
  return { exitCode, data, human: (style) => render(data, { style, lang: ctx.lang, verbose: ctx.verbose }) };
}
