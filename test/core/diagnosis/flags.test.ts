import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/core/errors.js';
import { DIAGNOSE_FLAGS, FlagValueError, factsFrom, factsFromFlags, mergeFacts, valuesOf } from '../../../src/core/diagnosis/index.js';

describe('factsFromFlags', () => {
  it('parses every diagnose flag into facts sourced from flags', () => {
    const facts = factsFromFlags({
      appState: 'foreground', login: 'kicked', friends: 'no', nonFriendMessages: 'forbidden', blacklisted: 'yes',
      dnd: 'off', dndWindow: '22:00-07:00', at: '7:05', muted: 'yes', desktopOnline: 'yes', pushWhenDesktopOnline: 'no',
      forcePush: true, tokenEnv: 'production', banned: 'no',
    });
    expect(valuesOf(facts)).toEqual({
      appState: 'foreground', login: 'kicked', friends: false, nonFriendMessages: 'forbidden', blacklisted: true,
      dnd: false, dndWindow: { start: '22:00', end: '07:00' }, at: '07:05', muted: true, desktopOnline: true,
      pushWhenDesktopOnline: false, forcePush: true, tokenEnv: 'production', banned: false,
    });
    expect(Object.values(facts).every((f) => f?.source === 'flag')).toBe(true);
  });

  it('gives no facts for flags not given', () => {
    expect(factsFromFlags({ json: true, to: 'bob', appState: undefined })).toEqual({});
  });

  it('--dnd-window implies DND on, unless --dnd says otherwise', () => {
    expect(valuesOf(factsFromFlags({ dndWindow: '22:00-07:00' })).dnd).toBe(true);
    expect(valuesOf(factsFromFlags({ dndWindow: 'all-day' }))).toEqual({ dnd: true, dndWindow: null });
    expect(valuesOf(factsFromFlags({ dnd: 'off', dndWindow: '22:00-07:00' })).dnd).toBe(false);
  });

  it('a repeated flag counts by its last value', () => {
    expect(valuesOf(factsFromFlags({ appState: ['foreground', 'background'] })).appState).toBe('background');
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['--app-state', { appState: 'asleep' }, /--app-state must be one of foreground, background, killed \(got "asleep"\)/],
    ['--login', { login: 'online-ish' }, /--login must be one of online, logged-out, kicked, never/],
    ['--friends', { friends: 'maybe' }, /--friends must be one of yes, no/],
    ['--dnd', { dnd: 'yes' }, /--dnd must be one of on, off/],
    ['--dnd-window', { dndWindow: '22-07' }, /--dnd-window must be HH:MM-HH:MM/],
    ['--at', { at: '24:00' }, /--at must be a time HH:MM/],
    ['--token-env', { tokenEnv: 'sandbox' }, /--token-env must be one of development, production/],
  ])('rejects a bad %s value with a usage error naming the flag', (flag, flags, message) => {
    let thrown: unknown;
    try {
      factsFromFlags(flags);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(FlagValueError);
    expect(thrown).toBeInstanceOf(UsageError);
    expect((thrown as FlagValueError).exitCode).toBe(2);
    expect((thrown as FlagValueError).flag).toBe(flag);
    expect((thrown as Error).message).toMatch(message);
  });

  it('lists the DESIGN.md flags as data', () => {
    expect(DIAGNOSE_FLAGS.map((f) => f.flag)).toEqual(expect.arrayContaining([
      '--app-state', '--login', '--friends', '--non-friend-messages', '--blacklisted', '--dnd', '--dnd-window', '--at',
      '--muted', '--desktop-online', '--push-when-desktop-online', '--force-push', '--token-env', '--banned',
    ]));
    expect(DIAGNOSE_FLAGS.find((f) => f.flag === '--force-push')?.argument).toBeUndefined();
  });
});

describe('mergeFacts', () => {
  const relay = factsFrom({ appState: 'background', login: 'online' }, 'relay');
  const flags = factsFrom({ appState: 'foreground' }, 'flag');
  const profile = factsFrom({ environment: 'development', login: 'never' }, 'profile');

  it('a flag beats the relay, which beats the profile, whatever the order', () => {
    for (const merged of [mergeFacts(profile, relay, flags), mergeFacts(flags, relay, profile)]) {
      expect(merged.appState).toEqual({ value: 'foreground', source: 'flag' });
      expect(merged.login).toEqual({ value: 'online', source: 'relay' });
      expect(merged.environment).toEqual({ value: 'development', source: 'profile' });
    }
  });

  it('between equal sources the later layer wins', () => {
    const later = factsFrom({ appState: 'killed' }, 'flag');
    expect(mergeFacts(flags, later).appState?.value).toBe('killed');
  });
});
