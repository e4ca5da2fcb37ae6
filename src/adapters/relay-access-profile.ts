/** Relay access (URL, App Key, App Secret) from the profile, with `--relay`/`--timeout` overrides. */
import type { Context } from '../context.js';
import type { Profile } from '../core/profile.js';
import type { RelayAccessOptions } from '../commands/relay-access.js';
import { UsageError } from '../errors.js';
import { loadProfile, resolveAppSecret } from './profile-resolver.js';

/** `profile` saves a second read of the config file when the caller has already loaded it. */
export function relayAccessFromProfile(ctx: Context, opts: Record<string, unknown>, profile: Profile = loadProfile(ctx).profile): RelayAccessOptions {
  const timeout = opts.timeout === undefined ? undefined : Number(opts.timeout);
  if (timeout !== undefined && (!Number.isFinite(timeout) || timeout <= 0)) throw new UsageError('--timeout takes milliseconds, e.g. 5000.');
  return {
    relay: typeof opts.relay === 'string' ? opts.relay : profile.relay,
    appKey: profile.appKey,
    appSecret: resolveAppSecret(profile, ctx.env),
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
  };
}
