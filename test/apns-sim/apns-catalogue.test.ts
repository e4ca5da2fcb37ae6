/** Every APNs reason the simulator (or Apple) can answer has a finding users can act on. */
import { describe, expect, it } from 'vitest';
import { describe as describeIssue } from '../../src/core/catalogue/index.js';
import { APNS_REASONS, issueForApnsResponse, isRetryableStatus, statusOfReason } from '../../src/core/catalogue/apns-reasons.js';

describe('apns.<Reason> findings', () => {
  it.each(APNS_REASONS)('%s has English and Chinese text with no unfilled parameter', (reason) => {
    const issue = issueForApnsResponse(statusOfReason(reason), reason, 1_700_000_000_000);
    expect(issue.id).toBe(`apns.${reason}`);
    for (const lang of ['en', 'zh'] as const) {
      const finding = describeIssue(issue, lang);
      expect(finding.message.length).toBeGreaterThan(5);
      expect(finding.fix.length).toBeGreaterThan(5);
      expect(`${finding.message} ${finding.fix}`).not.toMatch(/\{\w+\}/);
    }
  });

  it('includes both spellings of the environment-key reason', () => {
    expect(APNS_REASONS).toEqual(expect.arrayContaining(['BadEnvironmentKeyIdInToken', 'BadEnvironmentKeyInToken']));
  });

  it('renders the 410 timestamp as a date', () => {
    const finding = describeIssue(issueForApnsResponse(410, 'Unregistered', Date.parse('2024-03-01T12:00:00Z')), 'en');
    expect(finding.message).toContain('2024-03-01T12:00:00.000Z');
    expect(describeIssue(issueForApnsResponse(410, 'Unregistered'), 'zh').message).not.toContain('{date}');
  });

  it('explains BadDeviceToken as an environment mismatch between build and certificate', () => {
    const { fix } = describeIssue(issueForApnsResponse(400, 'BadDeviceToken'), 'en');
    expect(fix).toMatch(/debug build/i);
    expect(fix).toMatch(/sandbox/);
  });

  it('marks retryable responses as warnings and permanent ones as errors', () => {
    expect(describeIssue(issueForApnsResponse(503, 'ServiceUnavailable'), 'en').severity).toBe('warning');
    expect(describeIssue(issueForApnsResponse(410, 'Unregistered'), 'en').severity).toBe('error');
    expect([429, 500, 503].every(isRetryableStatus)).toBe(true);
    expect([400, 403, 410, 413].some(isRetryableStatus)).toBe(false);
  });

  it('turns a reason Apple may add later into apns.unknown with the status', () => {
    const finding = describeIssue(issueForApnsResponse(400, 'SomethingNew'), 'en');
    expect(finding.id).toBe('apns.unknown');
    expect(finding.message).toContain('HTTP 400');
    expect(finding.message).toContain('SomethingNew');
  });
});
