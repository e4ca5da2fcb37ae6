import { describe, expect, it } from 'vitest';
import { normalizeToken } from '../../src/core/token.js';
import { describe as describeIssue } from '../../src/core/catalogue/index.js';

const hex64 = 'a1b2c3d4'.repeat(8);
const fcm = `dXNlcl9pbnN0YW5jZQ:APA91b${'Hk3x_Q-z'.repeat(18)}`;

describe('normalizeToken', () => {
  it.each([
    // input, token, issue ids
    [hex64, hex64, []],
    [hex64.toUpperCase(), hex64, ['token.normalized']],
    [`<${hex64.match(/.{8}/g)!.join(' ')}>`, hex64, ['token.normalized']],
    [`  ${hex64}\n`, hex64, ['token.normalized']],
    ['ab'.repeat(80), 'ab'.repeat(80), ['token.length-unusual']],
    ['<ABCD 12>', 'abcd12', ['token.normalized', 'token.length-unusual']],
    ['', undefined, ['token.invalid-format']],
    ['< >', undefined, ['token.invalid-format']],
    ['xyz123', undefined, ['token.invalid-format']],
    ['abc', undefined, ['token.invalid-format']],
    [`${hex64}-`, undefined, ['token.invalid-format']],
    [`g${hex64.slice(1)}`, undefined, ['token.invalid-format']],
    [`${hex64.slice(0, 63)}A`, `${hex64.slice(0, 63)}a`, ['token.normalized']],
    [fcm, undefined, ['token.looks-like-fcm']],
  ])('%j → %s %j', (input, token, ids) => {
    const result = normalizeToken(input);
    expect(result.token).toBe(token);
    expect(result.issues.map((i) => i.id)).toEqual(ids);
  });

  it('names the problem of a malformed token', () => {
    expect(normalizeToken('abc').issues[0].params?.problem).toBe('odd-length');
    expect(normalizeToken('zz').issues[0].params?.problem).toBe('not-hex');
    expect(normalizeToken('  ').issues[0].params?.problem).toBe('empty');
  });

  it('reports the length of an unusual token', () => {
    expect(normalizeToken('ab'.repeat(40)).issues[0].params?.length).toBe(80);
  });
});

describe('token catalogue', () => {
  const ids = ['token.invalid-format', 'token.length-unusual', 'token.normalized', 'token.looks-like-fcm',
    'token.not-uploaded', 'token.env-mismatch', 'token.unregistered'];
  it.each(ids)('%s renders in both languages without unfilled params', (id) => {
    const params = { token: 'abcd…1234', problem: 'not-hex', length: 80 };
    for (const lang of ['en', 'zh'] as const) {
      const f = describeIssue({ id, params }, lang);
      expect(f.message).not.toMatch(/\{\w+\}/);
      expect(f.fix.length).toBeGreaterThan(10);
    }
  });
  it('renders a normalised token issue in Chinese', () => {
    const f = describeIssue(normalizeToken(hex64.toUpperCase()).issues[0], 'zh');
    expect(f).toMatchObject({ id: 'token.normalized', severity: 'info' });
    expect(f.message).toContain('规范化');
  });
});
