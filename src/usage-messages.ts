/** commander's usage errors in the user's language (its own texts are English only). */
import type { CommanderError } from 'commander';
import type { Lang } from './core/finding.js';

type Translation = [pattern: RegExp, zh: (m: RegExpMatchArray) => string];

const ZH: Record<string, Translation> = {
  'commander.unknownOption': [/unknown option '([^']*)'(?:\s*\(Did you mean (\S+)\?\))?/, (m) => `未知选项 '${m[1]}'${m[2] ? `(是否想用 ${m[2]}?)` : ''}`],
  'commander.unknownCommand': [/unknown command '([^']*)'(?:\s*\(Did you mean (\S+)\?\))?/, (m) => `未知命令 '${m[1]}'${m[2] ? `(是否想用 ${m[2]}?)` : ''}`],
  'commander.missingArgument': [/missing required argument '([^']*)'/, (m) => `缺少必需的参数 '${m[1]}'`],
  'commander.optionMissingArgument': [/option '([^']*)' argument missing/, (m) => `选项 '${m[1]}' 缺少取值`],
  'commander.missingMandatoryOptionValue': [/required option '([^']*)' not specified/, (m) => `缺少必需的选项 '${m[1]}'`],
  'commander.invalidArgument': [/option '([^']*)' argument '([^']*)' is invalid\.?\s*(?:Allowed choices are (.*)\.)?/, (m) => `选项 '${m[1]}' 的取值 '${m[2]}' 无效${m[3] ? `,可选值为 ${m[3]}` : ''}`],
  'commander.excessArguments': [/too many arguments(?: for '([^']*)')?\. Expected (\d+) arguments? but got (\d+)\./, (m) => `${m[1] ? `'${m[1]}' 的` : ''}参数过多:应为 ${m[2]} 个,实际 ${m[3]} 个`],
};

const HINT = { en: '(run with --help for usage)', zh: '(加 --help 查看用法)' };

export function localizeCommanderError(error: CommanderError, lang: Lang): string {
  // A command group run without a subcommand: commander printed its help and says "(outputHelp)".
  if (error.code === 'commander.help') {
    return lang === 'zh' ? '缺少命令:运行 `nim-push --help`(或 `nim-push <命令> --help`)查看可用命令' : 'missing command: run `nim-push --help` (or `nim-push <command> --help`) to see the commands';
  }
  const english = error.message.replace(/^error:\s*/i, '');
  if (lang !== 'zh') return english;
  const rule = ZH[error.code];
  const m = rule ? english.match(rule[0]) : null;
  return m && rule ? `${rule[1](m)} ${HINT.zh}` : english;
}
