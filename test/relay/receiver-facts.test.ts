import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/core/diagnosis/engine.js';
import { issue } from '../../src/core/finding.js';
import type { PushParams } from '../../src/core/nim/push-params.js';
import { buildMessageFacts, type RelayCertInfo } from '../../src/relay/receiver-facts.js';
import { createState, newUser } from '../../src/relay/state.js';

const push: PushParams = { pushcontent: 'hi', option: { push: true, needPushNick: false, badge: true, route: true, persistent: true }, forcePushAll: false, forcePushList: ['BOB'], forcePushContent: 'now' };
const certs: RelayCertInfo[] = [
  { name: 'dev', environment: 'development', issues: [issue('cert.expired', { certName: 'dev' })] },
  { name: 'prod', environment: 'production', issues: [issue('cert.expired', { certName: 'prod' })] },
];

describe('the facts of one message at the relay', () => {
  const state = createState();
  const alice = { ...newUser('alice'), name: 'Alice', blacklist: ['carol'] };
  const bob = {
    ...newUser('bob'),
    login: 'online' as const,
    appState: 'background' as const,
    friends: ['alice'],
    dnd: { on: true, start: '22:00', end: '07:00' },
    tokens: [
      { token: 'a'.repeat(64), certName: 'dev', environment: 'development' as const, updatedAt: 1 },
      { token: 'b'.repeat(64), certName: '', updatedAt: 2, unregistered: true },
      { token: 'c'.repeat(64), certName: 'voip', updatedAt: 3, kind: 'pushkit' as const },
    ],
  };
  const facts = buildMessageFacts({ state, sender: alice, receiver: bob, push, pushEnabled: true, payloadText: '{"a":1}', certs, environment: 'development', at: '23:15' });

  it('are the facts the engine decides on, unchanged: the defaults first, every fact known', () => {
    const evaluation = evaluate(facts, { to: 'bob', from: 'alice', asServer: true });
    expect(evaluation.facts).toBe(facts);
    expect(Object.keys(facts).slice(0, 5)).toEqual(['pushEnabled', 'needPushNick', 'badge', 'forcePush', 'contentAvailable']);
    expect(facts.contentAvailable).toEqual({ value: false, source: 'default' });
    expect(Object.values(facts).every((f) => f !== undefined)).toBe(true);
  });

  it('knows what the NIM server knows: accounts, session, relations, settings and the message', () => {
    expect(facts.receiverAccount?.value).toBe('exists');
    expect(facts.senderAccount?.value).toBe('exists');
    expect(facts.iosOnline?.value).toBe(false);
    expect(facts.friends?.value).toBe(true);
    expect(facts.forcePush?.value).toBe(true);
    expect(facts.dndWindow?.value).toEqual({ start: '22:00', end: '07:00' });
    // Only the credential of a certificate name the receiver's tokens use is its concern.
    expect(facts.credentialIssues?.value).toEqual([certs[0].issues![0]]);
  });

  it('never knows a token environment (the SDK uploads none) and leaves PushKit tokens out of alert pushes', () => {
    expect(facts.tokens?.value).toEqual([
      { token: 'a'.repeat(64), certName: 'dev' },
      { token: 'b'.repeat(64), certName: null, unregistered: true },
    ]);
  });

  it('decides as the server: an unknown token environment does not hold the push back', () => {
    const clean = buildMessageFacts({ state, sender: alice, receiver: { ...bob, dnd: { on: false } }, push, pushEnabled: true, certs: [{ name: 'dev', environment: 'development' }], environment: 'development', at: '12:00' });
    expect(evaluate(clean, { to: 'bob', from: 'alice', asServer: true }).verdict).toBe('fires');
    // Asked as diagnose asks, the same facts leave the token environment open.
    expect(evaluate(clean, { to: 'bob', from: 'alice' }).missing.map((m) => m.fact)).toContain('tokenEnv');
  });
});
