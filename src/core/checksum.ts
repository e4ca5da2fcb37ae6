/** The NIM server API signature: CheckSum = sha1(AppSecret + Nonce + CurTime), lowercase hex. */
import { createHash, timingSafeEqual } from 'node:crypto';

export function computeCheckSum(appSecret: string, nonce: string, curTime: string): string {
  return createHash('sha1').update(appSecret + nonce + curTime, 'utf8').digest('hex');
}

/**
 * Compares in constant time so a caller cannot learn the expected CheckSum byte by byte.
 * Both sides are hashed first so unequal lengths take the same path as unequal content.
 */
export function verifyCheckSum(appSecret: string, nonce: string, curTime: string, given: string): boolean {
  const expected = createHash('sha256').update(computeCheckSum(appSecret, nonce, curTime)).digest();
  const actual = createHash('sha256').update(String(given).toLowerCase()).digest();
  return timingSafeEqual(expected, actual);
}
