/**
 * What a token probe's answers prove. The probe sends a push that shows nothing (a background
 * push) to each APNs environment the credential can reach, the expected one first. Only an answer
 * about the token is evidence about it: a refused credential or a lost request proves nothing.
 *
 * - 200: the token belongs to that environment (and topic).
 * - 400 DeviceTokenNotForTopic / 410 Unregistered / ExpiredToken: a token of that environment
 *   (of another app, or no longer valid there).
 * - 400 BadDeviceToken: not a token of that environment.
 */
import { issue, type Issue } from '../finding.js';
import type { ApnsEnvironment } from '../profile.js';

export type ProbeMeaning = 'accepted' | 'other-topic' | 'unregistered' | 'not-this-environment' | 'no-evidence' | 'not-tried';

export interface ProbeAttempt {
  environment: ApnsEnvironment;
  status: 'sent' | 'failed' | 'not-tried';
  httpStatus?: number;
  reason?: string;
  meaning: ProbeMeaning;
}

export interface ProbeConclusion {
  /** The environment the token belongs to, when an answer proved it. */
  environment?: ApnsEnvironment;
  /** APNs accepted the push there. */
  accepted: boolean;
  issues: Issue[];
}

export const otherEnvironment = (env: ApnsEnvironment): ApnsEnvironment => (env === 'production' ? 'development' : 'production');

/** The expected environment first, then the other. */
export const probeOrder = (first: ApnsEnvironment): ApnsEnvironment[] => [first, otherEnvironment(first)];

/** What one APNs answer says about the token. */
export function meaningOf(answer: { status: 'sent' | 'failed'; httpStatus?: number; reason?: string }): ProbeMeaning {
  if (answer.status === 'sent') return 'accepted';
  if (answer.reason === 'DeviceTokenNotForTopic') return 'other-topic';
  if (answer.reason === 'Unregistered' || answer.reason === 'ExpiredToken' || answer.httpStatus === 410) return 'unregistered';
  if (answer.reason === 'BadDeviceToken') return 'not-this-environment';
  return 'no-evidence';
}

const PROVES_ENVIRONMENT: ReadonlySet<ProbeMeaning> = new Set(['accepted', 'other-topic', 'unregistered']);

const answerText = (a: ProbeAttempt | undefined): string =>
  !a ? '-' : a.status === 'not-tried' ? 'not tried' : a.status === 'sent' ? '200' : `${a.httpStatus ?? '-'} ${a.reason ?? ''}`.trim();

/** What the attempts prove, and the findings that say it. `credentialEnvs`: the environments the credential can push to. */
export function concludeProbe(attempts: ProbeAttempt[], ctx: { token: string; topic: string; credentialEnvs: ApnsEnvironment[] }): ProbeConclusion {
  const short = ctx.token.length > 12 ? `${ctx.token.slice(0, 8)}…` : ctx.token;
  const proof = attempts.find((a) => PROVES_ENVIRONMENT.has(a.meaning));
  if (proof) {
    const other = attempts.find((a) => a.environment !== proof.environment);
    const issues: Issue[] = [issue('token.probe-found', { token: short, environment: proof.environment, topic: ctx.topic, other: otherEnvironment(proof.environment), otherAnswer: answerText(other) })];
    if (proof.meaning === 'other-topic') issues.push(issue('apns.DeviceTokenNotForTopic'));
    if (proof.meaning === 'unregistered') issues.push(issue('token.unregistered', { to: short, token: short }));
    return { environment: proof.environment, accepted: proof.meaning === 'accepted', issues };
  }
  const refused = attempts.filter((a) => a.meaning === 'not-this-environment').map((a) => a.environment);
  const reachable = ctx.credentialEnvs;
  if (refused.length === 2) return { accepted: false, issues: [issue('token.probe-nowhere', { token: short, topic: ctx.topic })] };
  if (refused.length === 1 && reachable.length === 1 && reachable[0] === refused[0]) {
    // A single-environment certificate can rule its own environment out, never the other in.
    return { accepted: false, issues: [issue('token.probe-one-environment', { token: short, environment: refused[0], other: otherEnvironment(refused[0]) })] };
  }
  return { accepted: false, issues: [issue('token.probe-inconclusive', { token: short, answers: attempts.map((a) => `${a.environment}: ${answerText(a)}`).join('; ') })] };
}
