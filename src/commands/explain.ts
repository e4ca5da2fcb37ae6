/** `nim-push explain <query...>`: a finding id, NIM code, APNs reason or status, or a pasted error text. */
import { respond, type CommandRunner } from '../context.js';
import { bilingual, UsageError } from '../core/errors.js';
import { explain, explainText, type ExplainMatch } from '../core/explain.js';
import type { Lang } from '../core/finding.js';
import { renderExplain, type ExplainData, type ExplainedEntry } from '../output/explain-view.js';

const described = (m: ExplainMatch, lang: Lang): ExplainedEntry => ({ ...m, ...explainText(m.id, lang) });

export const run: CommandRunner = async (args, _opts, ctx) => {
  const words = (args[0] as unknown as string[] | undefined) ?? [];
  const query = words.join(' ').trim();
  if (!query) throw new UsageError(bilingual('explain needs something to explain: a finding id, a NIM code, an APNs reason or an error text.', 'explain 需要查询内容:诊断项 id、云信错误码、APNs 原因或报错原文。'));
  const found = explain(query);
  const data: ExplainData = {
    ok: found.matches.length > 0,
    query: found.query,
    matches: found.matches.map((m) => described(m, ctx.lang)),
    ...(found.matches.length ? {} : { suggestions: found.suggestions.map((m) => described(m, ctx.lang)) }),
  };
  return respond(ctx, data.ok ? 0 : 1, data, renderExplain);
};
