/**
 * `token probe`: which APNs environment a device token belongs to, found with a push that shows
 * nothing (content-available, apns-push-type background, priority 5), sent to each environment
 * the credential can reach, the expected one first.
 */
import type { Context } from '../context.js';
import { describe, describeAll } from '../core/catalogue/index.js';
import { concludeProbe, meaningOf, probeOrder, type ProbeAttempt } from '../core/apns/token-probe.js';
import { environmentsOf } from '../core/credentials/apple.js';
import { bilingual, CheckFailedError, UsageError } from '../core/errors.js';
import type { ApnsEnvironment } from '../core/profile.js';
import { normalizeToken } from '../core/token.js';
import type { TokenProbeData } from '../output/token-probe-view.js';
import { resolveApnsTarget } from './apns-target.js';
import { checkCredentialFile } from './credentials.js';
import { loadProfile } from './profiles.js';
import { sendDirect } from './send-direct.js';
import { requireCert } from './send-prepare.js';

export interface TokenProbeOptions {
  token: string;
  certName?: string;
  /** The environment to try first (default: the certificate's). */
  env?: ApnsEnvironment;
  /** Default: the profile's bundle id. */
  topic?: string;
  /** Apple (default) or `sim`: both environments must be reachable. */
  apnsUrl?: string;
  apnsCa?: string;
  requestTimeoutMs?: number;
}

export async function probeToken(o: TokenProbeOptions, ctx: Context): Promise<TokenProbeData> {
  const normalized = normalizeToken(o.token);
  if (!normalized.token) {
    const head = describeAll(normalized.issues, ctx.lang)[0];
    throw new UsageError(head ? `${head.message} ${head.fix}` : bilingual('Not an APNs device token.', '不是 APNs 设备 token。'), head?.id ?? 'token.invalid-format');
  }
  const token = normalized.token;
  if (o.apnsUrl !== undefined && o.apnsUrl !== 'sim') {
    throw new UsageError(bilingual('token probe pushes to both APNs environments: use Apple (no --apns-url) or --apns-url sim (the simulator of this config dir).', 'token probe 需要推送到两个 APNs 环境:请使用 Apple(不加 --apns-url)或 --apns-url sim(本配置目录的模拟器)。'), 'usage', { flag: '--apns-url' });
  }
  const { profile } = loadProfile(ctx);
  const cert = requireCert(profile, { certName: o.certName, env: o.env });
  const check = await checkCredentialFile(cert, { bundleId: profile.bundleId, env: ctx.env, lang: ctx.lang, now: ctx.now() });
  if (!check.material) throw new CheckFailedError('credential.rejected', bilingual(`Certificate '${cert.name}' cannot be used to push.`, `证书 '${cert.name}' 无法用于推送。`), { findings: check.findings });
  const described = check.credential as { environment?: 'development' | 'production' | 'universal' };
  // A .p8 key reaches both environments; a certificate those its OIDs name.
  const credentialEnvs: ApnsEnvironment[] = check.material.kind === 'token' ? ['development', 'production'] : described.environment ? environmentsOf(described.environment) : [cert.environment];
  const topic = o.topic ?? profile.bundleId;

  const attempts: ProbeAttempt[] = [];
  for (const environment of probeOrder(o.env ?? cert.environment)) {
    if (!credentialEnvs.includes(environment)) {
      attempts.push({ environment, status: 'not-tried', meaning: 'not-tried' });
      continue;
    }
    const target = await resolveApnsTarget(o.apnsUrl, o.apnsCa, environment, ctx);
    if (target.autoRegister) {
      throw new UsageError(bilingual(
        'The simulator registers any token on its first push (--auto-register): a probe against it proves nothing. Run `nim-push apns-sim` without --auto-register, or `nim-push relay serve --strict-tokens`.',
        '模拟器会在首次推送时登记任何 token(--auto-register):对它探测无法证明任何事。请不带 --auto-register 运行 `nim-push apns-sim`,或运行 `nim-push relay serve --strict-tokens`。',
      ), 'apns-sim.auto-register');
    }
    ctx.log.info(ctx.lang === 'zh' ? `探测 ${environment} 环境…` : `probing ${environment}…`);
    const sent = await sendDirect({ material: check.material, environment, bundleId: topic, ...target, tokens: [token], contentAvailable: true, pushType: 'background', priority: 5, requestTimeoutMs: o.requestTimeoutMs }, ctx);
    const r = sent.results[0];
    const answer = { status: r.status === 'sent' ? ('sent' as const) : ('failed' as const), ...(r.httpStatus !== undefined ? { httpStatus: r.httpStatus } : {}), ...(r.reason ? { reason: r.reason } : {}) };
    attempts.push({ environment, ...answer, meaning: meaningOf(answer) });
  }
  const conclusion = concludeProbe(attempts, { token, topic, credentialEnvs });
  return {
    ok: conclusion.accepted,
    token,
    environment: conclusion.environment ?? null,
    topic,
    certName: cert.name,
    attempts,
    findings: conclusion.issues.map((i) => describe(i, ctx.lang)),
  };
}
