import { describe, expect, it } from 'vitest';
import { evaluate, fact, factsFrom, mergeFacts, MESSAGE_DEFAULTS, withDefaults, type Facts } from '../../../src/core/diagnosis/index.js';

const slowDefaults = (facts: Facts): Facts => mergeFacts(factsFrom(MESSAGE_DEFAULTS, 'default'), facts);

describe('withDefaults', () => {
  const cases: Facts[] = [
    {},
    factsFrom({ badge: false, appState: 'background', tokens: [] }, 'relay'),
    { ...factsFrom({ pushEnabled: false }, 'flag'), login: fact('online' as const, 'relay'), forcePush: undefined },
    mergeFacts(factsFrom({ environment: 'development' }, 'profile'), factsFrom({ needPushNick: false, at: '12:00' }, 'relay')),
  ];

  it('fills the message defaults exactly as merging the default layer would, key order included', () => {
    for (const facts of cases) {
      const fast = withDefaults(facts);
      expect(fast).toEqual(slowDefaults(facts));
      expect(Object.keys(fast)).toEqual(Object.keys(slowDefaults(facts)));
    }
  });

  it('never lets one evaluation change the defaults another one sees', () => {
    const first = evaluate({});
    expect(() => {
      (first.facts.badge as { value: boolean }).value = false;
    }).toThrow();
    expect(evaluate({}).facts.badge).toEqual({ value: true, source: 'default' });
  });
});
