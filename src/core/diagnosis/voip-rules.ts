/**
 * PushKit (VoIP) and message pushes: NIM pushes a message to the receiver's APNs token (the SDK's
 * `updateApnsToken:`, under `apnsCername`), and a call invitation to the PushKit token
 * (`updatePushKitToken:`, under `pkCername`). A message to a receiver with only a PushKit token
 * has nowhere to go; a PushKit token under an APNs certificate name breaks calls, not messages.
 */
import { issue, type Issue } from '../finding.js';
import type { Rule } from './rule.js';

const short = (token: string | undefined): string => (token && token.length > 12 ? `${token.slice(0, 8)}…` : (token ?? '?'));

/** The message is an alert push and the receiver uploaded no APNs token, only PushKit ones. */
export const pushkitOnlyRule: Rule = {
  id: 'token.pushkit-alert',
  group: 'token',
  severity: 'error',
  needs: ['tokens', 'pushkitTokens'],
  evaluate: (f, p) => {
    // Unknown tokens are token.not-uploaded's to ask for.
    const tokens = f.tokens?.value;
    if (!tokens || tokens.length) return null;
    // Unknown PushKit tokens: token.not-uploaded speaks for the empty list.
    const pushkit = f.pushkitTokens?.value ?? [];
    return pushkit.length ? issue('token.pushkit-alert', { to: p.to, count: pushkit.length, token: short(pushkit[0].token) }) : null;
  },
};

/** A PushKit token under a certificate name that is not a PushKit one: call invitations fail; messages are not affected. */
export const pushkitUnderApnsCertRule: Rule = {
  id: 'token.pushkit-under-apns-cert',
  group: 'certname',
  severity: 'warning',
  needs: ['pushkitTokens', 'certs'],
  evaluate: (f, p) => {
    const pushkit = f.pushkitTokens?.value;
    const certs = f.certs?.value;
    if (!pushkit?.length || !certs) return null;
    const found: Issue[] = [];
    for (const t of pushkit) {
      const cert = certs.find((c) => c.name === t.certName);
      if (cert && !cert.voip) found.push(issue('token.pushkit-under-apns-cert', { to: p.to, certName: cert.name }, 'warning'));
    }
    return found.length ? found : null;
  },
};
