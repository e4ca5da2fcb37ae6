/**
 * The relay reads a request's path and query without building a URL for the common case; what it
 * reads must be what URL's parser reads, for every target, or a route could be reached (or missed)
 * by a path URL would have rewritten.
 */
import { describe, expect, it } from 'vitest';
import { requestTarget } from '../../src/relay/http-io.js';

const viaUrl = (target: string) => new URL(target, 'http://relay.invalid');
const same = (target: string) => {
  let theirs: URL;
  try {
    theirs = viaUrl(target);
  } catch {
    // A target URL cannot parse (`//%`) is refused as before.
    expect(() => requestTarget(target), target).toThrow();
    return;
  }
  const ours = requestTarget(target);
  expect(ours.pathname, target).toBe(theirs.pathname);
  expect([...ours.searchParams], target).toEqual([...theirs.searchParams]);
};

describe('requestTarget', () => {
  it.each([
    '/nimserver/msg/sendMsg.action',
    '/nimserver/im/v2/accounts/bob?x=1&y=%E5%B0%8F&z=a+b',
    '/nimserver/im/v2.1/friends/alice?friend_account_id=bob',
    '/nimserver/./msg/sendMsg.action',
    '/nimserver/../msg/sendMsg.action',
    '/nimserver/msg/..',
    '/nimserver/msg/.',
    '/nimserver/%2e%2e/msg',
    '/nimserver\\msg\\sendMsg.action',
    '//evil/nimserver/msg/sendMsg.action',
    '/',
    '/a?',
    '/a?b#frag',
    '/a#frag?b',
    '/a/.hidden/b..c/d.',
    '/a b?c d',
    '/小明?名=值',
    '/a|b^c[d]{e}`f"g<h>',
    '/a?q=%zz&r=%',
  ])('%s: the same path and query as URL', (target) => same(target));

  it('agrees with URL on random targets built from URL-sensitive characters', () => {
    const alphabet = ['/', '.', '..', 'a', 'Z', '0', '%', '%2e', '%2F', '?', '#', '&', '=', '+', ' ', '\\', '~', '@', ':', '小', '|', '"'];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 3000; i++) {
      let target = '/';
      const n = next() % 12;
      for (let j = 0; j < n; j++) target += alphabet[next() % alphabet.length];
      same(target);
    }
  });
});
