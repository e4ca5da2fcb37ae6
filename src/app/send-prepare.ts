/** A direct send's credential and target: the certificate name to send with, checked, and where to. */
import type { Context } from '../context.js';
import { evaluate } from '../core/diagnosis/engine.js';
import { factsFrom } from '../core/diagnosis/facts.js';
import { bilingual, CheckFailedError, UsageError } from '../core/errors.js';
import { pickCert, type ApnsEnvironment, type CertEntry, type Profile } from '../core/profile.js';
import type { SendDirectOptions } from './send-direct.js';
import { resolveApnsTarget } from './apns-target.js';
import { checkCredentialFile } from './credentials.js';
import { loadProfile } from './profiles.js';

export interface DirectTarget {
  certName?: string;
  env?: ApnsEnvironment;
  apnsUrl?: string;
  apnsCa?: string;
  /** Send although the credential has error findings (to see what APNs answers). */
  force?: boolean;
  dryRun?: boolean;
  /** A VoIP push: take a PushKit certificate name. */
  voip?: boolean;
}

/** The profile's certificate a push to APNs goes with: the one named, else the environment's; a usage error when there is none. */
export function requireCert(profile: Profile, t: Pick<DirectTarget, 'certName' | 'env' | 'voip'>): CertEntry {
  const cert = pickCert(profile, { name: t.certName, environment: t.env, voip: t.voip });
  if (cert) return cert;
  throw new UsageError(
    t.certName
      ? bilingual(`The profile has no certificate named '${t.certName}'.`, `该配置中没有名为 '${t.certName}' 的证书。`)
      : bilingual('The profile has no credential. Run `nim-push init --add-cert`.', '该配置中没有证书。请运行 `nim-push init --add-cert`。'),
    'certname.unknown',
  );
}

/** The credential material, environment, bundle id and endpoint of a direct send. */
export async function prepareDirect(t: DirectTarget, ctx: Context): Promise<Pick<SendDirectOptions, 'material' | 'environment' | 'bundleId' | 'apnsUrl' | 'apnsCa' | 'localSim'>> {
  const { profile } = loadProfile(ctx);
  const cert = requireCert(profile, t);
  const environment = t.env ?? cert.environment;
  const check = await checkCredentialFile({ ...cert, environment }, { bundleId: profile.bundleId, env: ctx.env, lang: ctx.lang, now: ctx.now() });
  // The same engine as diagnose and the relay decides whether the credential stops the push.
  const decision = evaluate(factsFrom({ credentialIssues: check.issues }, 'credential'), { groups: ['credential'] });
  if (!check.material || (decision.verdict === 'blocked' && t.force !== true && t.dryRun !== true)) {
    const hint = check.material ? bilingual(' (use --force to try anyway and see what APNs answers)', '(可加 --force 强行发送,看 APNs 如何应答)') : { en: '', zh: '' };
    throw new CheckFailedError('credential.rejected', bilingual(`Certificate '${cert.name}' cannot be used for a ${environment} push${hint.en}.`, `证书 '${cert.name}' 无法用于 ${environment} 环境的推送${hint.zh}。`), { findings: check.findings });
  }
  const target = await resolveApnsTarget(t.apnsUrl, t.apnsCa, environment, ctx);
  return { material: check.material, environment, bundleId: profile.bundleId, ...target };
}
