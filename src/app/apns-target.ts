/** Where a direct send goes: Apple, a URL, or `sim` (the simulator running for this config dir). */
import { readServiceRecord } from '../adapters/service-registry.js';
import type { Context } from '../context.js';
import { describe } from '../core/catalogue/index.js';
import { UnreachableError } from '../core/errors.js';
import { issue } from '../core/finding.js';
import type { ApnsEnvironment } from '../core/profile.js';

export interface ApnsTarget {
  apnsUrl?: string;
  apnsCa?: string;
  /** The simulator of this config dir: a local stand-in, reached directly (never through a proxy). */
  localSim?: boolean;
  /** That simulator registers any token on its first push (it accepts tokens it never issued). */
  autoRegister?: boolean;
}

export async function resolveApnsTarget(url: string | undefined, ca: string | undefined, environment: ApnsEnvironment, ctx: Pick<Context, 'configDir' | 'lang'>): Promise<ApnsTarget> {
  if (url !== 'sim') return { apnsUrl: url, apnsCa: ca };
  const sim = await readServiceRecord(ctx.configDir, 'apns-sim');
  const simUrl = sim?.urls?.[environment] ?? sim?.url;
  if (!sim || !simUrl) {
    // No simulator is the thing to say, not firewalls and Apple's hosts.
    const finding = describe(issue('apns-sim.not-running', { configDir: ctx.configDir }), ctx.lang);
    throw new UnreachableError(`${finding.message} ${finding.fix}`, 'apns-sim.unreachable', { findings: [finding] });
  }
  return { apnsUrl: simUrl, apnsCa: ca ?? sim.caFile, localSim: true, ...(sim.autoRegister ? { autoRegister: true } : {}) };
}
