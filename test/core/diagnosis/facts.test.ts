import { describe, expect, it } from 'vitest';
import { evaluate, fact, factsFrom, mergeFacts, MESSAGE_DEFAULTS, withDefaults, type Facts } from '../../../src/core/diagnosis/index.js';

const slowDefaults = (facts: Facts): Facts => mergeFacts(factsFrom(MESSAGE_DEFAULTS, 'default'), facts);

describe('withDefaults', () => {
  const cases: Facts[] = [
    {},
    factsFrom({ badge: false, appState: 'background', tokens: [] }, 'relay'),
    { ...factsFrom({ pushEnabled: false }, 'flag'), login: fact('online' as const, 'relay'), forcePush: undefined },
    mergeFacts(factsFrom({ environment: 'development' }, 'profile'), factsFrom({ needPushNick: false, at: '12:00' }, 'relay')),
    // Opening with every default's key, in order (as the relay builds its facts).
    factsFrom({ pushEnabled: false, needPushNick: true, badge: false, forcePush: true, contentAvailable: false, login: 'online' }, 'relay'),
    { ...factsFrom({ pushEnabled: true, needPushNick: true, badge: true, forcePush: false, contentAvailable: true }, 'flag'), login: undefined },
    factsFrom({ needPushNick: true, pushEnabled: true, badge: true, forcePush: false, contentAvailable: true, at: '09:00' }, 'relay'),
  ];

  it('fills the message defaults exactly as merging the default layer would, key order included', () => {
    for (const facts of cases) {
      const fast = withDefaults(facts);
      expect(fast).toEqual(slowDefaults(facts));
      expect(Object.keys(fast)).toEqual(Object.keys(slowDefaults(facts)));
    }
  });

  it('hands back facts that already open with the defaults as they are, and copies any other', () => {
    expect(withDefaults(cases[4])).toBe(cases[4]);
    expect(withDefaults(cases[5])).not.toBe(cases[5]);
    expect(withDefaults(cases[6])).not.toBe(cases[6]);
  });

  it('never lets one evaluation change the defaults another one sees', () => {
    const first = evaluate({});
    expect(() => {
      (first.facts.badge as { value: boolean }).value = false;
    }).toThrow();
    expect(evaluate({}).facts.badge).toEqual({ value: true, source: 'default' });
  });
});
