import { describe, expect, it } from 'vitest';
import { factsFrom, mergeFacts } from '../../src/core/diagnosis/index.js';
import { issue } from '../../src/core/finding.js';
import type { PushParams } from '../../src/core/nim/push-params.js';
import { buildMessageFacts, receiverFacts, type RelayCertInfo } from '../../src/relay/receiver-facts.js';
import { createState, newUser } from '../../src/relay/state.js';

describe('buildMessageFacts', () => {
  it('gives the engine the same facts as the app, receiver and message layers merged', () => {
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
        { token: 'b'.repeat(64), certName: '', environment: 'production' as const, updatedAt: 2, unregistered: true },
      ],
    };
    const certs: RelayCertInfo[] = [
      { name: 'dev', environment: 'development', issues: [issue('cert.expired', { certName: 'dev' })] },
      { name: 'prod', environment: 'production', issues: [issue('cert.expired', { certName: 'prod' })] },
    ];
    const push: PushParams = { pushcontent: 'hi', option: { push: true, needPushNick: false, badge: true, route: true, persistent: true }, forcePushAll: false, forcePushList: ['BOB'], forcePushContent: 'now' };
    const built = buildMessageFacts({ state, sender: alice, receiver: bob, push, pushEnabled: true, payloadText: '{"a":1}', certs, environment: 'development', at: '23:15' });

    const expected = mergeFacts(
      factsFrom({ environment: 'development', certs: [{ name: 'dev', environment: 'development' }, { name: 'prod', environment: 'production' }], credentialIssues: [certs[0].issues![0]] }, 'profile'),
      receiverFacts(bob, alice, state.nonFriendMessages),
      factsFrom({ at: '23:15', forcePush: true, pushEnabled: true, needPushNick: false, badge: true, pushContent: 'hi', forcePushContent: 'now', payload: '{"a":1}' }, 'relay'),
    );
    expect(built).toEqual(expected);
  });
});
