import { describe, expect, it } from 'vitest';
import { toJUnitXml } from '../../src/core/junit.js';

describe('JUnit XML', () => {
  const xml = toJUnitXml(
    'nim-push check',
    [
      { name: 'credential dev', classname: 'credentials', timeMs: 12 },
      { name: 'credential prod', classname: 'credentials', failure: { type: 'cert.expired', message: 'expired <2026> & "old"', detail: 'fix: renew' } },
      { name: 'test send', classname: 'send', skipped: 'no --send-to' },
    ],
    new Date('2026-11-28T10:00:00.123Z'),
  );

  it('counts tests, failures and skips on the suite', () => {
    expect(xml).toMatch(/<testsuite name="nim-push check" tests="3" failures="1" errors="0" skipped="1"/);
  });

  it('puts the finding id in the failure type and escapes markup', () => {
    expect(xml).toContain('<failure type="cert.expired" message="expired &lt;2026&gt; &amp; &quot;old&quot;">fix: renew</failure>');
  });

  it('drops control characters that XML cannot carry', () => {
    expect(toJUnitXml('s', [{ name: 'a\u0001b', classname: 'c' }], new Date(0))).toContain('name="ab"');
  });
});
