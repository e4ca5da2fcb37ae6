/** Where a direct send goes: Apple, a URL, or `sim` (the simulator running for this config dir). */
import { describe } from '../core/catalogue/index.js';
import { issue } from '../core/finding.js';
import type { ApnsEnvironment } from '../core/profile.js';
import type { Context } from '../context.js';
import { UnreachableError } from '../errors.js';
import { readServiceRecord } from './service-registry.js';

export interface ApnsTarget {
  apnsUrl?: string;
  apnsCa?: string;
}

export async function resolveApnsTarget(url: string | undefined, ca: string | undefined, environment: ApnsEnvironment, ctx: Context): Promise<ApnsTarget> {
  if (url !== 'sim') return { apnsUrl: url, apnsCa: ca };
  const sim = await readServiceRecord(ctx.configDir, 'apns-sim');
  const simUrl = sim?.urls?.[environment] ?? sim?.url;
  if (!sim || !simUrl) {
    const finding = describe(issue('apns.unreachable', { detail: `no APNs simulator is running for ${ctx.configDir}; start one with \`nim-push apns-sim\` or \`nim-push relay serve\`` }), ctx.lang);
    throw new UnreachableError(finding.message, 'apns.unreachable', { findings: [finding] });
  }
  return { apnsUrl: simUrl, apnsCa: ca ?? sim.caFile };
}
