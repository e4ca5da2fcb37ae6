/** `nim-push explain` as a command: exit 0 with matches, 1 with suggestions; JSON contract; Chinese. */
import { describe, expect, it } from 'vitest';
import { makeTempDir } from '../helpers/context.js';
import { runMain } from '../reliability/cli-fixture.js';

const dir = makeTempDir('nim-push-explain-');
const run = (args: string[]) => runMain(args, { NIM_PUSH_CONFIG_DIR: dir }, dir);

describe('nim-push explain', () => {
  it('--json: {ok, query, matches:[{id, kind, severity, message, fix}]}, exit 0', async () => {
    const r = await run(['explain', 'query', 'token', 'with', 'exception', 'must', 'not', 'refer', 'to', 'a', 'null', 'object', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { ok: boolean; query: string; matches: Array<Record<string, string>> };
    expect(out.ok).toBe(true);
    expect(out.query).toBe('query token with exception must not refer to a null object');
    expect(out.matches[0]).toMatchObject({ id: 'sdk.push-init-not-main-process', kind: 'app', severity: 'error' });
    expect(out.matches[0].message).toMatch(/main process/);
  });

  it('explains a NIM code and an APNs reason in Chinese', async () => {
    const code = await run(['explain', '416', '--lang', 'zh']);
    expect(code.code).toBe(0);
    expect(code.stdout).toContain('nim-code.416');
    expect(code.stdout).toContain('频率控制');
    const reason = await run(['explain', 'BadDeviceToken', '--lang', 'zh']);
    expect(reason.stdout).toContain('apns.BadDeviceToken');
    expect(reason.stdout).toMatch(/[\u4e00-\u9fff]/);
  });

  it('nothing matched: exit 1 with the nearest entries, in JSON too', async () => {
    const r = await run(['explain', 'cert.expird', '--json']);
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as { ok: boolean; matches: unknown[]; suggestions: Array<{ id: string }> };
    expect(out).toMatchObject({ ok: false, matches: [] });
    expect(out.suggestions[0].id).toBe('cert.expired');
    const human = await run(['explain', 'cert.expird']);
    expect(human.stdout).toMatch(/Nothing in the catalogue matches "cert.expird"\. The nearest entries:/);
  });
});
