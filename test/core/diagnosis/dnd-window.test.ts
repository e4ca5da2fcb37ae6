import { describe, expect, it } from 'vitest';
import { evaluate, isInWindow, parseWindow, type Verdict } from '../../../src/core/diagnosis/index.js';
import { factsWith } from './fixtures.js';

describe('do-not-disturb window', () => {
  it.each<[string, string, Verdict]>([
    ['22:00-07:00', '23:30', 'blocked'],
    ['22:00-07:00', '00:15', 'blocked'],
    ['22:00-07:00', '06:59', 'blocked'],
    ['22:00-07:00', '07:00', 'fires'],
    ['22:00-07:00', '12:00', 'fires'],
    ['22:00-07:00', '21:59', 'fires'],
    ['22:00-07:00', '22:00', 'blocked'],
    ['09:00-18:00', '12:00', 'blocked'],
    ['09:00-18:00', '20:00', 'fires'],
    ['00:00-00:00', '12:00', 'blocked'],
  ])('%s at %s: %s', (text, at, verdict) => {
    const result = evaluate(factsWith({ dnd: true, dndWindow: parseWindow(text)!, at }));
    expect(result.verdict).toBe(verdict);
    if (verdict === 'blocked') expect(result.blocking?.params).toMatchObject({ window: text, at });
  });

  it('DND on with no window covers the whole day, and needs no time', () => {
    const result = evaluate(factsWith({ dnd: true, dndWindow: null }));
    expect(result.blocking).toMatchObject({ id: 'receiver.dnd', params: { window: '00:00-24:00' } });
    expect(result.missing).toEqual([]);
  });

  it('a window with no send time is unknown, naming --at', () => {
    const result = evaluate(factsWith({ dnd: true, dndWindow: { start: '22:00', end: '07:00' } }));
    expect(result.verdict).toBe('unknown');
    expect(result.missing).toEqual([{ fact: 'at', flag: '--at' }]);
  });

  it('DND off ignores the window', () => {
    expect(evaluate(factsWith({ dnd: false, dndWindow: { start: '00:00', end: '23:59' }, at: '12:00' })).verdict).toBe('fires');
  });

  it('reads and normalises windows', () => {
    expect(parseWindow('9:00-18:30')).toEqual({ start: '09:00', end: '18:30' });
    expect(parseWindow('22:00')).toBeUndefined();
    expect(parseWindow('25:00-07:00')).toBeUndefined();
    expect(isInWindow({ start: '22:00', end: '07:00' }, 'late')).toBeUndefined();
  });
});
