/** Compares what the relay and `diagnose` did in a FAQ case with what NIM documents. */
import { describe } from '../../core/catalogue/index.js';
import { issueForApnsResponse } from '../../core/catalogue/apns-reasons.js';
import type { Finding, Lang } from '../../core/finding.js';
import type { NimApi } from '../../core/profile.js';
import type { CaseOutcome } from '../../output/demo-view.js';
import type { SendOutcome } from './demo-relay.js';
import type { FaqCase } from './faq-cases.js';

export interface CaseObservation {
  loginCode: number;
  sent: SendOutcome;
  diagnosis: { verdict: string; findings: Finding[] };
}

export function judgeCase(faq: FaqCase, seen: CaseObservation, api: NimApi, lang: Lang): CaseOutcome {
  const want = faq.expect;
  const push = seen.sent.push;
  const relayFindings = (push?.findings ?? []).map((f) => f.id);
  const apns = push?.apns?.[0];
  const diagnoseFindings = seen.diagnosis.findings.map((f) => f.id);
  const wantDiagnose = want.diagnose ?? { verdict: want.verdict, finding: want.finding };
  const problems: string[] = [];
  const expectEqual = (what: string, actual: unknown, expected: unknown) => {
    if (actual !== expected) problems.push(`${what}: expected ${String(expected)}, got ${String(actual)}`);
  };

  expectEqual('login code', seen.loginCode, want.loginCode ?? 200);
  expectEqual('send code', seen.sent.code, want.sendCode?.[api] ?? 200);
  if (seen.sent.code === 200) {
    expectEqual('relay verdict', push?.verdict, want.verdict);
    if (want.apnsReason) expectEqual('APNs reason', apns?.reason, want.apnsReason);
    else if (!relayFindings.includes(want.finding)) problems.push(`relay findings lack ${want.finding} (got ${relayFindings.join(', ') || 'none'})`);
  }
  // diagnose reads the same state through the documented API (and the push log): it must reach the verdict NIM documents.
  expectEqual('diagnose verdict', seen.diagnosis.verdict, wantDiagnose.verdict);
  if (!diagnoseFindings.includes(wantDiagnose.finding)) problems.push(`diagnose findings lack ${wantDiagnose.finding} (got ${diagnoseFindings.join(', ') || 'none'})`);

  return {
    key: faq.key,
    title: faq.title[lang],
    ok: problems.length === 0,
    expected: want,
    relay: {
      loginCode: seen.loginCode,
      sendCode: seen.sent.code,
      delivery: push?.delivery,
      verdict: push?.verdict,
      findings: relayFindings,
      ...(apns ? { apns: { status: apns.status, reason: apns.reason } } : {}),
    },
    diagnose: { verdict: seen.diagnosis.verdict, findings: diagnoseFindings },
    finding: explainingFinding(want, seen, lang),
    problems,
  };
}

/** The finding as the run produced it (with its real parameters), in the user's language. */
function explainingFinding(want: FaqCase['expect'], seen: CaseObservation, lang: Lang): Finding {
  const apns = seen.sent.push?.apns?.[0];
  if (want.apnsReason && apns?.httpStatus) return describe(issueForApnsResponse(apns.httpStatus, apns.reason), lang);
  const fromDiagnose = seen.diagnosis.findings.find((f) => f.id === want.finding);
  if (fromDiagnose) return fromDiagnose;
  const fromRelay = seen.sent.push?.findings?.find((f) => f.id === want.finding);
  if (fromRelay) return describe({ id: fromRelay.id, params: fromRelay.params }, lang);
  return { id: want.finding, severity: 'error', message: lang === 'zh' ? '(本次运行未出现该发现)' : '(this run did not produce it)', fix: '' };
}
