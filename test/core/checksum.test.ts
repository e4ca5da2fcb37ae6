import { describe, expect, it } from 'vitest';
import { computeCheckSum, verifyCheckSum } from '../../src/core/checksum.js';

describe('verifyCheckSum', () => {
  const sum = computeCheckSum('app-secret', 'nonce-1', '1700000000');

  it('accepts the digest in either case and nothing that merely resembles it', () => {
    expect(verifyCheckSum('app-secret', 'nonce-1', '1700000000', sum)).toBe(true);
    expect(verifyCheckSum('app-secret', 'nonce-1', '1700000000', sum.toUpperCase())).toBe(true);
    expect(verifyCheckSum('app-secret', 'nonce-1', '1700000000', `${sum}0`)).toBe(false);
    expect(verifyCheckSum('app-secret', 'nonce-1', '1700000000', sum.slice(0, 39))).toBe(false);
  });

  it('refuses non-ASCII look-alikes whose low bytes spell the digest', () => {
    // U+0161 'š' and U+0131 'ı' truncate to 'a' and '1' in latin1: they must not pass for them.
    const i = [...sum].findIndex((c) => c === 'a' || c === '1');
    expect(i).toBeGreaterThanOrEqual(0);
    const lookAlike = sum.slice(0, i) + (sum[i] === 'a' ? '\u0161' : '\u0131') + sum.slice(i + 1);
    expect(lookAlike).toHaveLength(40);
    expect(verifyCheckSum('app-secret', 'nonce-1', '1700000000', lookAlike)).toBe(false);
  });
});
