import { describe, expect, it } from 'vitest';
import { evaluate, type FactValues, type Verdict } from '../../../src/core/diagnosis/index.js';
import { DEV_TOKEN, PROD_TOKEN, factsWith } from './fixtures.js';

const long = (n: number) => 'x'.repeat(n);

/** name, what differs from a receiver whose push fires, verdict, blocking id (or an id that must appear). */
const cases: Array<[string, Partial<FactValues>, Verdict, string | undefined]> = [
  // The NIM guide's FAQ
  ['FAQ: app in the background pushes', {}, 'fires', undefined],
  ['FAQ: app killed by the user pushes', { appState: 'killed' }, 'fires', undefined],
  ['FAQ: app in the foreground gets no push', { appState: 'foreground' }, 'blocked', 'receiver.foreground'],
  ['FAQ: never logged in', { login: 'never' }, 'blocked', 'receiver.not-logged-in'],
  ['FAQ: logged out', { login: 'logged-out' }, 'blocked', 'receiver.logged-out'],
  ['FAQ: kicked offline', { login: 'kicked' }, 'blocked', 'receiver.kicked'],
  ['FAQ: non-friends while the console forbids it', { friends: false }, 'blocked', 'relation.not-friend'],
  ['FAQ: non-friends while the console allows it', { friends: false, nonFriendMessages: 'allowed' }, 'fires', undefined],
  ['FAQ: blacklisted', { blacklisted: true }, 'blocked', 'relation.blacklisted'],
  ['FAQ: do-not-disturb on', { dnd: true }, 'blocked', 'receiver.dnd'],
  ['FAQ: do-not-disturb with force push', { dnd: true, forcePush: true }, 'fires', 'force-push.overrides'],
  // Receiver rules
  ['banned account', { banned: true }, 'blocked', 'receiver.banned'],
  ['session muted', { muted: true }, 'blocked', 'receiver.session-muted'],
  ['session muted with force push', { muted: true, forcePush: true }, 'fires', 'force-push.overrides'],
  ['desktop online, push-when-desktop-online off', { desktopOnline: true, pushWhenDesktopOnline: false }, 'blocked', 'receiver.desktop-online'],
  ['desktop online, push-when-desktop-online on', { desktopOnline: true, pushWhenDesktopOnline: true }, 'fires', undefined],
  // Message rules
  ['push disabled on the message', { pushEnabled: false }, 'blocked', 'message.push-disabled'],
  ['push text of 501 characters', { pushContent: long(501) }, 'blocked', 'pushcontent.too-long'],
  ['push text of exactly 500 characters', { pushContent: long(500) }, 'fires', undefined],
  ['force-push text of 501 characters', { forcePushContent: long(501) }, 'blocked', 'pushcontent.too-long'],
  ['NIM payload of 2049 characters', { payload: long(2049) }, 'blocked', 'nim-payload.too-long'],
  ['NIM payload of exactly 2048 characters', { payload: long(2048) }, 'fires', undefined],
  ['silent push (content-available, no text)', { contentAvailable: true }, 'fires', 'message.silent'],
  // Token rules
  ['no token uploaded', { tokens: [] }, 'blocked', 'token.not-uploaded'],
  ['token unregistered', { tokens: [{ token: DEV_TOKEN, certName: 'demo-dev', environment: 'development', unregistered: true }] }, 'blocked', 'token.unregistered'],
  ['production token under a development certificate', { tokens: [{ token: PROD_TOKEN, certName: 'demo-dev', environment: 'production' }] }, 'blocked', 'token.env-mismatch'],
  ['--token-env from the wrong environment', { tokenEnv: 'production' }, 'blocked', 'token.env-mismatch'],
  ['production token under a production certificate', { tokens: [{ token: PROD_TOKEN, certName: 'demo-prod', environment: 'production' }] }, 'fires', undefined],
  // Certificate-name rules
  ['certificate name over 32 characters', { tokens: [{ token: DEV_TOKEN, certName: long(33), environment: 'development' }] }, 'blocked', 'certname.too-long'],
  ['certificate name unknown to the relay', { tokens: [{ token: DEV_TOKEN, certName: 'nope', environment: 'development' }] }, 'blocked', 'certname.unknown'],
  ['token uploaded without a certificate name', { tokens: [{ token: DEV_TOKEN, certName: null, environment: 'development' }] }, 'blocked', 'certname.missing'],
  // Credential findings merged from the inspector
  ['expired credential', { credentialIssues: [{ id: 'cert.expired', severity: 'error' }] }, 'blocked', 'cert.expired'],
  ['credential expiring soon', { credentialIssues: [{ id: 'cert.expires-soon', severity: 'warning' }] }, 'fires', 'cert.expires-soon'],
];

describe('diagnosis rules, one line per case', () => {
  it.each(cases)('%s', (_name, changes, verdict, id) => {
    const result = evaluate(factsWith(changes), { to: 'bob', from: 'alice' });
    expect(result.missing).toEqual([]);
    expect(result.verdict).toBe(verdict);
    if (verdict === 'blocked') expect(result.blocking?.id).toBe(id);
    else {
      expect(result.blocking).toBeUndefined();
      if (id) expect(result.issues.map((i) => i.id)).toContain(id);
      else expect(result.issues).toEqual([]);
    }
  });

  it('pushes to the tokens that can take it', () => {
    const result = evaluate(factsWith());
    expect(result.deliverTo).toEqual([{ token: DEV_TOKEN, certName: 'demo-dev', environment: 'development' }]);
    expect(evaluate(factsWith({ appState: 'foreground' })).deliverTo).toEqual([]);
  });

  it('a bad token is only a warning while another token takes the push', () => {
    const good = { token: DEV_TOKEN, certName: 'demo-dev', environment: 'development' as const };
    const gone = { token: PROD_TOKEN, certName: 'demo-dev', environment: 'development' as const, unregistered: true };
    const result = evaluate(factsWith({ tokens: [gone, good] }));
    expect(result.verdict).toBe('fires');
    expect(result.deliverTo).toEqual([good]);
    expect(result.issues).toEqual([expect.objectContaining({ id: 'token.unregistered', severity: 'warning' })]);
  });

  it('names the receiver and sender in the issue parameters', () => {
    const result = evaluate(factsWith({ blacklisted: true }), { to: 'bob', from: 'alice' });
    expect(result.blocking).toEqual({ id: 'relation.blacklisted', params: { to: 'bob', from: 'alice' }, severity: 'error' });
  });

  it('reports the facts it used, with message defaults marked as such', () => {
    const result = evaluate(factsWith({ appState: 'killed' }));
    expect(result.facts.appState).toEqual({ value: 'killed', source: 'flag' });
    expect(result.facts.login).toEqual({ value: 'online', source: 'relay' });
    expect(result.facts.pushEnabled).toEqual({ value: true, source: 'default' });
    expect(result.facts.forcePush).toEqual({ value: false, source: 'default' });
  });

  it('runs only the requested rule groups', () => {
    const facts = factsWith({ appState: 'foreground', tokens: [] });
    expect(evaluate(facts, { groups: ['token'] }).blocking?.id).toBe('token.not-uploaded');
    const direct = evaluate({ pushContent: { value: long(501), source: 'flag' } }, { groups: ['message'] });
    expect(direct.verdict).toBe('blocked');
    expect(direct.missing).toEqual([]);
  });
});
