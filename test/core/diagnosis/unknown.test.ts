import { describe, expect, it } from 'vitest';
import { evaluate, factsFromFlags, factsFromProfile, mergeFacts, type FactValues } from '../../../src/core/diagnosis/index.js';
import { DEV_TOKEN, factsWith, factsWithout } from './fixtures.js';

describe('unknown: a missing fact is named with its flag, never guessed', () => {
  it.each<[keyof FactValues, string]>([
    ['appState', '--app-state'],
    ['login', '--login'],
    ['banned', '--banned'],
    ['blacklisted', '--blacklisted'],
    ['dnd', '--dnd'],
    ['muted', '--muted'],
    ['desktopOnline', '--desktop-online'],
    ['tokens', '--token-env'],
  ])('without %s', (fact, flag) => {
    const result = evaluate(factsWithout(fact));
    expect(result.verdict).toBe('unknown');
    expect(result.blocking).toBeUndefined();
    expect(result.missing).toEqual([{ fact, flag }]);
  });

  it('friendship is only needed while the console forbids non-friend messages', () => {
    expect(evaluate(factsWithout('friends')).missing).toEqual([{ fact: 'friends', flag: '--friends' }]);
    const allowed = factsWithout('friends');
    allowed.nonFriendMessages = { value: 'allowed', source: 'flag' };
    expect(evaluate(allowed).verdict).toBe('fires');
    expect(evaluate(factsWithout('nonFriendMessages')).verdict).toBe('fires');
    const stranger = factsWithout('nonFriendMessages');
    stranger.friends = { value: false, source: 'relay' };
    expect(evaluate(stranger).missing).toEqual([{ fact: 'nonFriendMessages', flag: '--non-friend-messages' }]);
  });

  it('the multiport setting is only needed while a desktop is online', () => {
    expect(evaluate(factsWithout('pushWhenDesktopOnline')).verdict).toBe('fires');
    const desktop = factsWithout('pushWhenDesktopOnline');
    desktop.desktopOnline = { value: true, source: 'relay' };
    expect(evaluate(desktop).missing).toEqual([{ fact: 'pushWhenDesktopOnline', flag: '--push-when-desktop-online' }]);
  });

  it('a token of unknown environment needs --token-env; an unknown push environment needs --env', () => {
    const noEnv = factsWith({ tokens: [{ token: DEV_TOKEN, certName: 'demo-dev' }] });
    expect(evaluate(noEnv).missing).toEqual([{ fact: 'tokenEnv', flag: '--token-env' }]);
    const noTarget = factsWithout('environment', 'certs');
    expect(evaluate(noTarget).missing).toEqual([{ fact: 'environment', flag: '--env' }]);
  });

  it('with nothing known, every needed fact is listed once, in precedence order', () => {
    const result = evaluate({});
    expect(result.verdict).toBe('unknown');
    expect(result.missing.map((m) => m.flag)).toEqual([
      '--banned', '--login', '--app-state', '--blacklisted', '--friends', '--non-friend-messages',
      '--desktop-online', '--dnd', '--muted', '--token-env',
    ]);
  });

  it('a ticket replayed from flags alone (plus the profile) reaches a verdict', () => {
    const flags = factsFromFlags({
      appState: 'background', login: 'online', friends: 'no', nonFriendMessages: 'allowed', blacklisted: 'no',
      dnd: 'on', dndWindow: '22:00-07:00', at: '12:00', muted: 'no', desktopOnline: 'no', tokenEnv: 'development', banned: 'no',
    });
    const profile = factsFromProfile({ environment: 'development', certs: [] });
    const fires = evaluate(mergeFacts(profile, flags));
    expect(fires.missing).toEqual([]);
    expect(fires.verdict).toBe('fires');
    const late = evaluate(mergeFacts(profile, flags, factsFromFlags({ at: '23:30' })));
    expect(late.blocking?.id).toBe('receiver.dnd');
  });
});

describe('unknown token environments', () => {
  it('a token already known to be bad leaves nothing pending', () => {
    const facts = factsWith({ tokens: [{ token: DEV_TOKEN, certName: 'demo-dev', unregistered: true }] });
    const result = evaluate(facts);
    expect(result.verdict).toBe('blocked');
    expect(result.blocking?.id).toBe('token.unregistered');
    expect(result.missing).toEqual([]);
  });

  it('a token that might work keeps the verdict unknown and softens the bad one to a warning', () => {
    const facts = factsWith({ tokens: [
      { token: DEV_TOKEN, certName: 'demo-dev', environment: 'development', unregistered: true },
      { token: 'c'.repeat(64), certName: 'demo-dev' },
    ] });
    const result = evaluate(facts);
    expect(result.verdict).toBe('unknown');
    expect(result.missing).toEqual([{ fact: 'tokenEnv', flag: '--token-env' }]);
    expect(result.issues).toEqual([expect.objectContaining({ id: 'token.unregistered', severity: 'warning' })]);
  });
});
