import { describe, expect, it } from 'vitest';
import { parseJson, runCli } from '../helpers/cli.js';
import { FAQ_CASES } from '../../src/app/demo/faq-cases.js';

interface DemoCase {
  key: string;
  ok: boolean;
  relay: { verdict?: string; sendCode: number; loginCode: number; apns?: { reason?: string } };
  diagnose: { verdict: string; findings: string[] };
  finding: { id: string; message: string; fix: string };
}

describe('nim-push demo (built binary)', () => {
  it.each([
    ['v1', 403],
    ['v2', 104404],
  ])('--json --api %s: the push fires and arrives, and every FAQ case behaves as documented', async (api, notFriendCode) => {
    const r = await runCli(['demo', '--json', '--api', api], { timeoutMs: 60_000 });
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.code).toBe(0);
    const doc = parseJson(r.stdout) as { ok: boolean; api: string; main: Record<string, unknown>; cases: DemoCase[]; summary: Record<string, number> };
    expect(doc.ok).toBe(true);
    expect(doc.api).toBe(api);
    expect(doc.main).toMatchObject({ ok: true, verdict: 'fires', text: 'hello', pushText: '发来了一条消息' });
    expect(doc.main.delivery).toMatchObject({ environment: 'development', payload: { aps: { alert: 'alice: 发来了一条消息' } } });

    const byKey = Object.fromEntries(doc.cases.map((c: DemoCase) => [c.key, c]));
    expect(Object.keys(byKey)).toEqual(FAQ_CASES.map((c) => c.key));
    const expected: Record<string, [string, string]> = {
      foreground: ['blocked', 'receiver.foreground'],
      'logged-out': ['blocked', 'receiver.logged-out'],
      kicked: ['blocked', 'receiver.kicked'],
      'not-friend': ['blocked', 'relation.not-friend'],
      blacklisted: ['blocked', 'relation.blacklisted'],
      dnd: ['blocked', 'receiver.dnd'],
      'dnd-force-push': ['fires', 'force-push.overrides'],
      'desktop-online': ['blocked', 'receiver.desktop-online'],
      'certname-too-long': ['blocked', 'certname.too-long'],
      // NIM pushes and APNs refuses; diagnose reads the refusal from the push log: blocked.
      'token-wrong-env': ['blocked', 'apns.BadDeviceToken'],
      'expired-cert': ['blocked', 'cert.expired'],
    };
    for (const [key, [verdict, finding]] of Object.entries(expected)) {
      const c = byKey[key];
      expect(c.ok, `${key}: ${JSON.stringify(c)}`).toBe(true);
      expect(c.diagnose.verdict, key).toBe(verdict);
      expect(c.finding.id, key).toBe(finding);
      expect(c.finding.fix.length, key).toBeGreaterThan(10);
    }
    expect(byKey['not-friend'].relay.sendCode).toBe(notFriendCode);
    expect(byKey['token-wrong-env'].relay.verdict).toBe('fires');
    expect(byKey['certname-too-long'].relay.loginCode).toBe(500);
    expect(byKey['token-wrong-env'].relay.apns?.reason).toBe('BadDeviceToken');
    expect(doc.summary).toEqual({ passed: 11, failed: 0, total: 11 });
  });

  it('--lang zh prints the story in Chinese, using the guide\'s terms, and ends with the summary line', async () => {
    const r = await runCli(['demo', '--lang', 'zh'], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('免打扰');
    expect(r.stdout).toContain('强制推送');
    expect(r.stdout.trim().split('\n').pop()).toMatch(/11\/11/);
  });
});
