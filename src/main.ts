/**
 * Parses argv, runs one command and prints its result. The only place that maps errors to exit
 * codes and the only catch: commands return results or throw CliError.
 */
import { CommanderError, type Command } from 'commander';
import type { CommandResult } from './context.js';
import { CliError } from './core/errors.js';
import type { Lang } from './core/finding.js';
import { detectLang } from './core/lang.js';
import { createContext, type GlobalOptions, type ProcessIo } from './create-context.js';
import { localizeCommanderError } from './usage-messages.js';
import { createProgram } from './program.js';

export type { ProcessIo };

/** A stream whose reader went away (`| head -1`): the rest of the output has nowhere to go. */
const isClosed = (error: unknown): boolean => {
  const code = (error as NodeJS.ErrnoException)?.code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED' || code === 'ERR_STREAM_WRITE_AFTER_END';
};

/** Ends the process quietly (exit 0) when stdout or stderr is closed early, instead of an unhandled EPIPE. */
function endQuietlyOnClosedStreams(io: ProcessIo): void {
  for (const stream of [io.stdout, io.stderr]) {
    (stream as NodeJS.EventEmitter).on?.('error', (error: unknown) => {
      // Closed by the reader: quietly done. Any other failure to write output is a failed run.
      (io.exit ?? ((code: number) => process.exit(code)))(isClosed(error) ? 0 : 1);
    });
  }
}

export async function main(argv: string[], io: ProcessIo): Promise<number> {
  endQuietlyOnClosedStreams(io);
  const wantsJson = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  const langFlag = argv.find((a, i) => argv[i - 1] === '--lang') ?? argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
  let lang: Lang = detectLang(langFlag, io.env);
  let result: CommandResult | undefined;
  let usedColor = false;

  const program = createProgram(async (_name, args, opts, load) => {
    const ctx = createContext(opts as GlobalOptions, io);
    usedColor = ctx.color;
    lang = ctx.lang;
    const command = await load();
    const done = await command(args, opts, ctx);
    result = done;
    if (!ctx.json) {
      const { createStyle } = await import('./output/style.js');
      const text = done.human(createStyle(ctx.color));
      if (text) io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    }
  });
  let commanderMessage = '';
  const output = {
    writeOut: (s: string) => io.stdout.write(s),
    writeErr: (s: string) => {
      commanderMessage += s;
    },
  };
  // Subcommands keep their own settings, so every level gets the override and the output.
  const configure = (cmd: Command): void => {
    cmd.exitOverride();
    cmd.configureOutput(output);
    cmd.commands.forEach(configure);
  };
  configure(program);

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    return reportError(error, { json: wantsJson, verbose, io, commanderMessage, color: usedColor, lang });
  }
  if (!result) return 0;
  if (wantsJson) io.stdout.write(`${JSON.stringify(result.data)}\n`);
  return result.exitCode;
}

interface ReportOptions {
  json: boolean;
  verbose: boolean;
  io: ProcessIo;
  commanderMessage: string;
  color: boolean;
  lang: Lang;
}

function reportError(error: unknown, o: ReportOptions): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      if (o.commanderMessage) o.io.stderr.write(o.commanderMessage);
      return 0;
    }
    const message = localizeCommanderError(error, o.lang);
    if (o.json) o.io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'usage', message } })}\n`);
    else if (o.lang === 'zh' || error.code === 'commander.help') o.io.stderr.write(`error: ${message}\n`);
    else o.io.stderr.write(o.commanderMessage || `error: ${message}\n`);
    return 2;
  }
  if (error instanceof CliError) {
    const message = error.localized(o.lang);
    if (o.json) {
      o.io.stdout.write(`${JSON.stringify({ ok: false, error: { code: error.code, message }, ...(error.details ?? {}) })}\n`);
    } else {
      o.io.stderr.write(`${o.lang === 'zh' ? '错误' : 'error'}: ${message}\n`);
      const findings = error.details?.findings;
      if (Array.isArray(findings)) {
        for (const f of findings as Array<{ id: string; message: string; fix: string }>) {
          o.io.stderr.write(`  ${f.id}  ${f.message}\n    ${o.lang === 'zh' ? '修复' : 'fix'}: ${f.fix}\n`);
        }
      }
    }
    if (o.verbose && error.stack) o.io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (o.json) {
    o.io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'internal', message } })}\n`);
  } else if (o.lang === 'zh') {
    o.io.stderr.write(`错误:意外失败:${message}\n这是 nim-push 的缺陷,请报告${o.verbose ? '' : '(加 --verbose 重新运行可看到详情)'}。\n`);
  } else {
    o.io.stderr.write(`error: unexpected failure: ${message}\nThis is a bug in nim-push; please report it${o.verbose ? '' : ' (run again with --verbose for details)'}.\n`);
  }
  if (o.verbose && error instanceof Error && error.stack) o.io.stderr.write(`${error.stack}\n`);
  return 1;
}
