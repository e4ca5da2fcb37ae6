/**
 * Parses argv, runs one command and prints its result. The only place that maps errors to exit
 * codes and the only catch: commands return results or throw CliError.
 */
import { CommanderError, type Command } from 'commander';
import type { CommandResult } from './context.js';
import { createContext, type GlobalOptions, type ProcessIo } from './create-context.js';
import { CliError } from './errors.js';
import { createProgram } from './program.js';
import { loadCommand } from './command-loaders.js';

export async function main(argv: string[], io: ProcessIo): Promise<number> {
  const wantsJson = argv.includes('--json');
  const verbose = argv.includes('--verbose');
  let result: CommandResult | undefined;
  let usedColor = false;

  const program = createProgram(async (name, args, opts) => {
    const ctx = createContext(opts as GlobalOptions, io);
    usedColor = ctx.color;
    const command = await loadCommand(name);
    result = await command(args, opts, ctx);
    if (result.human && !ctx.json) {
      const { createStyle } = await import('./output/style.js');
      const text = result.human(createStyle(ctx.color));
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
    return reportError(error, { json: wantsJson, verbose, io, commanderMessage, color: usedColor });
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
}

function reportError(error: unknown, o: ReportOptions): number {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version') {
      if (o.commanderMessage) o.io.stderr.write(o.commanderMessage);
      return 0;
    }
    // A command group run without a subcommand: commander printed its help and says "(outputHelp)".
    const message =
      error.code === 'commander.help'
        ? 'missing command: run `nim-push --help` (or `nim-push <command> --help`) to see the commands'
        : error.message.replace(/^error:\s*/i, '');
    if (o.json) o.io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'usage', message } })}\n`);
    else o.io.stderr.write(o.commanderMessage || `error: ${message}\n`);
    return 2;
  }
  if (error instanceof CliError) {
    if (o.json) {
      o.io.stdout.write(
        `${JSON.stringify({ ok: false, error: { code: error.code, message: error.message }, ...(error.details ?? {}) })}\n`,
      );
    } else {
      o.io.stderr.write(`error: ${error.message}\n`);
      const findings = error.details?.findings;
      if (Array.isArray(findings)) {
        for (const f of findings as Array<{ id: string; message: string; fix: string }>) {
          o.io.stderr.write(`  ${f.id}  ${f.message}\n    fix: ${f.fix}\n`);
        }
      }
    }
    if (o.verbose && error.stack) o.io.stderr.write(`${error.stack}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message : String(error);
  if (o.json) {
    o.io.stdout.write(`${JSON.stringify({ ok: false, error: { code: 'internal', message } })}\n`);
  } else {
    o.io.stderr.write(
      `error: unexpected failure: ${message}\nThis is a bug in nim-push; please report it${o.verbose ? '' : ' (run again with --verbose for details)'}.\n`,
    );
  }
  if (o.verbose && error instanceof Error && error.stack) o.io.stderr.write(`${error.stack}\n`);
  return 1;
}
