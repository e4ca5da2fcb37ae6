/** Errors that carry an exit code. `src/main.ts` is the one place that turns them into an exit. */

export type ExitCode = 0 | 1 | 2 | 3;

export class CliError extends Error {
  constructor(
    /** Stable machine code: a catalogue id (e.g. `relay.unreachable`) or `usage`, `config`, … */
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode,
    /** Extra JSON fields placed next to `error` (e.g. findings). */
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit 2: a bad flag, a missing profile or value, an unreadable file, a prompt needed without a TTY. */
export class UsageError extends CliError {
  constructor(message: string, code = 'usage', details?: Record<string, unknown>) {
    super(code, message, 2, details);
  }
}

/** Exit 3: network error or timeout talking to the relay or APNs. */
export class UnreachableError extends CliError {
  constructor(message: string, code = 'relay.unreachable', details?: Record<string, unknown>) {
    super(code, message, 3, details);
  }
}

/** Exit 1: a check failed or a service rejected the request. */
export class CheckFailedError extends CliError {
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, 1, details);
  }
}
