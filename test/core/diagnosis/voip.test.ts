/**
 * PushKit (VoIP) against message pushes: NIM pushes a message to the APNs token uploaded with
 * updateApnsToken: under apnsCername, and call invitations to the PushKit token uploaded with
 * updatePushKitToken: under pkCername. Each mismatch is found, and only the ones that stop the
 * message stop the verdict.
 */
import { describe, expect, it } from 'vitest';
import { describe as describeIssue } from '../../../src/core/catalogue/index.js';
import { evaluate } from '../../../src/core/diagnosis/index.js';
import { DEV_TOKEN, factsWith, firing } from './fixtures.js';

const PUSHKIT = 'c'.repeat(64);
const certs = [...(firing.certs ?? []), { name: 'demo-voip', environment: 'development' as const, voip: true }];
const parties = { to: 'bob', from: 'alice' };

describe('VoIP mismatches in a message diagnosis', () => {
  it('only a PushKit token: the message has nowhere to go (token.pushkit-alert), not "no token uploaded"', () => {
    const d = evaluate(factsWith({ tokens: [], pushkitTokens: [{ token: PUSHKIT, certName: 'demo-voip' }], certs }), parties);
    expect(d.verdict).toBe('blocked');
    expect(d.blocking?.id).toBe('token.pushkit-alert');
    expect(d.issues.map((i) => i.id)).not.toContain('token.not-uploaded');
    expect(describeIssue(d.blocking!, 'zh').fix).toContain('updateApnsToken:');
  });

  it('no token of either kind is still token.not-uploaded', () => {
    const d = evaluate(factsWith({ tokens: [], pushkitTokens: [], certs }), parties);
    expect(d.blocking?.id).toBe('token.not-uploaded');
  });

  it('an APNs token under the PushKit certificate name blocks the message push', () => {
    const d = evaluate(factsWith({ tokens: [{ token: DEV_TOKEN, certName: 'demo-voip', environment: 'development' }], certs }), parties);
    expect(d.verdict).toBe('blocked');
    expect(d.blocking).toMatchObject({ id: 'token.apns-under-pushkit-cert', params: { certName: 'demo-voip' } });
  });

  it('a PushKit token under an APNs certificate name is a warning: calls break, the message still fires', () => {
    const d = evaluate(factsWith({ pushkitTokens: [{ token: PUSHKIT, certName: 'demo-dev' }], certs }), parties);
    expect(d.verdict).toBe('fires');
    expect(d.issues).toContainEqual(expect.objectContaining({ id: 'token.pushkit-under-apns-cert', severity: 'warning', params: expect.objectContaining({ certName: 'demo-dev' }) }));
  });

  it('a PushKit token under the PushKit certificate name, beside a good APNs token, is no finding', () => {
    const d = evaluate(factsWith({ pushkitTokens: [{ token: PUSHKIT, certName: 'demo-voip' }], certs }), parties);
    expect(d.verdict).toBe('fires');
    expect(d.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });
});
