/** The NIM server API signature: CheckSum = sha1(AppSecret + Nonce + CurTime), lowercase hex. */
import { hash, timingSafeEqual } from 'node:crypto';

export function computeCheckSum(appSecret: string, nonce: string, curTime: string): string {
  // One call (no Hash object): the relay checks, and its clients sign, every request.
  return hash('sha1', appSecret + nonce + curTime, 'hex');
}

/**
 * Compares in constant time so a caller cannot learn the expected CheckSum byte by byte. A SHA-1
 * hex digest is always 40 characters, so refusing another length early reveals nothing about the
 * expected value; UTF-8 keeps any non-ASCII input from ever matching the hex digits.
 */
export function verifyCheckSum(appSecret: string, nonce: string, curTime: string, given: string): boolean {
  const expected = Buffer.from(computeCheckSum(appSecret, nonce, curTime), 'utf8');
  const actual = Buffer.from(String(given).toLowerCase(), 'utf8');
  return actual.length === expected.length && timingSafeEqual(expected, actual);
}
