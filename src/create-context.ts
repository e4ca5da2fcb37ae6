/** Builds the Context of one run from global options and the process environment. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Context, Logger } from './context.js';
import { detectLang } from './core/lang.js';

export interface ProcessIo {
  env: Record<string, string | undefined>;
  cwd: string;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  /** Ends the process at once (a closed output stream); the binary passes Node's own exit. */
  exit?: (code: number) => void;
}

export interface GlobalOptions {
  profile?: string;
  configDir?: string;
  json?: boolean;
  color?: boolean;
  lang?: string;
  verbose?: boolean;
  yes?: boolean;
  proxy?: string;
}

export function defaultConfigDir(env: Record<string, string | undefined>): string {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'nim-push');
}

export const isTruthyEnv = (value: string | undefined): boolean =>
  value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';

/** no-color.org: any non-empty NO_COLOR disables colour; so do --no-color and a non-TTY stdout. */
export function decideColor(opts: GlobalOptions, io: ProcessIo): boolean {
  if (opts.color === false) return false;
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return Boolean(io.stdout.isTTY);
}

export function createContext(opts: GlobalOptions, io: ProcessIo): Context {
  const json = Boolean(opts.json);
  const verbose = Boolean(opts.verbose);
  const profileFromEnv = io.env.NIM_PUSH_PROFILE || undefined;
  const configDir = resolve(io.cwd, opts.configDir || io.env.NIM_PUSH_CONFIG_DIR || defaultConfigDir(io.env));
  const write = (line: string) => io.stderr.write(`${line}\n`);
  const log: Logger = {
    info: (line) => {
      if (!json || verbose) write(line);
    },
    debug: (line) => {
      if (verbose) write(line);
    },
    warn: (line) => write(line),
  };
  return {
    configDir,
    profileName: opts.profile || profileFromEnv || '',
    profileExplicit: Boolean(opts.profile || profileFromEnv),
    env: io.env,
    ...(opts.proxy ? { proxy: opts.proxy } : {}),
    cwd: io.cwd,
    lang: detectLang(opts.lang, io.env),
    json,
    verbose,
    color: decideColor(opts, io),
    interactive:
      Boolean(io.stdin.isTTY && io.stderr.isTTY) && !json && !opts.yes && !isTruthyEnv(io.env.CI),
    now: () => new Date(),
    log,
    stdin: io.stdin,
    stderrIsTTY: Boolean(io.stderr.isTTY),
    ...(io.stderr.isTTY ? { progress: io.stderr } : {}),
  };
}
