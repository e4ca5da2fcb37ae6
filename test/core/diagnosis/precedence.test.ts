import { describe, expect, it } from 'vitest';
import { evaluate, PRECEDENCE, type FactValues } from '../../../src/core/diagnosis/index.js';
import { DEV_TOKEN, factsWith, factsWithout } from './fixtures.js';

/** Every error-producing change, in the precedence the engine documents. */
const errors: Array<[string, Partial<FactValues>]> = [
  ['pushcontent.too-long', { pushContent: 'x'.repeat(501) }],
  ['nim-payload.too-long', { payload: 'x'.repeat(2049) }],
  ['message.push-disabled', { pushEnabled: false }],
  ['receiver.banned', { banned: true }],
  ['receiver.kicked', { login: 'kicked' }],
  ['receiver.foreground', { appState: 'foreground' }],
  ['relation.blacklisted', { blacklisted: true }],
  ['relation.not-friend', { friends: false }],
  ['receiver.desktop-online', { desktopOnline: true, pushWhenDesktopOnline: false }],
  ['receiver.dnd', { dnd: true }],
  ['receiver.session-muted', { muted: true }],
  ['token.unregistered', { tokens: [{ token: DEV_TOKEN, certName: 'demo-dev', environment: 'development', unregistered: true }] }],
];

describe('precedence: the first check the NIM server meets blocks', () => {
  it.each(errors.map((_, i) => [errors[i][0], i] as const))('%s blocks when it and every later error are present', (id, start) => {
    const changes = Object.assign({}, ...errors.slice(start).map(([, c]) => c)) as Partial<FactValues>;
    const result = evaluate(factsWith(changes));
    expect(result.verdict).toBe('blocked');
    expect(result.blocking?.id).toBe(id);
    // The other findings follow, each in precedence order.
    expect(result.issues.map((i) => i.id)).toEqual(errors.slice(start).map(([e]) => e));
  });

  it('lists the documented order', () => {
    const order = ['message.push-disabled', 'receiver.banned', 'receiver.not-logged-in', 'receiver.logged-out', 'receiver.kicked',
      'receiver.foreground', 'relation.blacklisted', 'relation.not-friend', 'receiver.desktop-online', 'receiver.dnd',
      'receiver.session-muted', 'token.not-uploaded', 'token.unregistered', 'token.env-mismatch', 'certname.missing',
      'certname.too-long', 'certname.unknown', 'credential'];
    expect(PRECEDENCE.filter((id) => order.includes(id))).toEqual(order);
  });

  it('puts the blocking finding first even after an earlier warning', () => {
    const good = { token: DEV_TOKEN, certName: 'demo-dev', environment: 'development' as const };
    const gone = { ...good, token: 'c'.repeat(64), unregistered: true };
    const result = evaluate(factsWith({ tokens: [gone, good], credentialIssues: [{ id: 'cert.expired', severity: 'error' }] }));
    expect(result.issues.map((i) => [i.id, i.severity])).toEqual([['cert.expired', 'error'], ['token.unregistered', 'warning']]);
  });

  it('a blocking error beats facts that are unknown', () => {
    const facts = factsWithout('appState', 'dnd');
    facts.login = { value: 'kicked', source: 'flag' };
    const result = evaluate(facts);
    expect(result.verdict).toBe('blocked');
    expect(result.blocking?.id).toBe('receiver.kicked');
    expect(result.missing.map((m) => m.fact)).toEqual(['appState', 'dnd']);
  });
});

describe('force push', () => {
  it('overrides DND and session mute together, noting each', () => {
    const result = evaluate(factsWith({ dnd: true, muted: true, forcePush: true }));
    expect(result.verdict).toBe('fires');
    expect(result.issues).toEqual([
      { id: 'force-push.overrides', params: { overridden: 'receiver.dnd' }, severity: 'info' },
      { id: 'force-push.overrides', params: { overridden: 'receiver.session-muted' }, severity: 'info' },
    ]);
  });

  it('says nothing when there is nothing to override', () => {
    expect(evaluate(factsWith({ forcePush: true })).issues).toEqual([]);
  });

  it.each<[string, Partial<FactValues>]>([
    ['receiver.foreground', { appState: 'foreground' }],
    ['receiver.logged-out', { login: 'logged-out' }],
    ['receiver.kicked', { login: 'kicked' }],
    ['receiver.banned', { banned: true }],
    ['relation.blacklisted', { blacklisted: true }],
    ['receiver.desktop-online', { desktopOnline: true, pushWhenDesktopOnline: false }],
  ])('does not override %s', (id, changes) => {
    const result = evaluate(factsWith({ ...changes, dnd: true, forcePush: true }));
    expect(result.verdict).toBe('blocked');
    expect(result.blocking?.id).toBe(id);
  });
});
