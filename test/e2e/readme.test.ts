/**
 * The README's commands, run as a user would: every line of every `sh` block, in order, in one
 * bash session, against a relay and simulator the README itself starts. Each line's exit code must
 * match its `# exit N` annotation (0 when absent), and its output must hold every word after the
 * annotation's colon (`# exit 1: blocked receiver.foreground`): a line passes only for its reason.
 * The quick-start `bash` block (`npm install && npx nim-push demo`, `npm test`) is what CI runs
 * itself and what test/e2e/demo.test.ts covers.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../src/core/catalogue/index.js';
import { mintCa, mintP8, mintPushCert, toP12 } from '../../src/standin/mint.js';
import { rsaKeys } from '../fixtures/credentials.js';
import { BIN, NO_AMBIENT_PROXY } from '../helpers/cli.js';
import { makeTempDir, removeDir } from '../helpers/context.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const blocks = [...readme.matchAll(/```(\w*)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], body: m[2] }));

interface Line {
  text: string;
  expected: number;
  /** Words the line's output must contain (verdicts, finding ids). */
  words: string[];
}

export function readmeCommands(): Line[] {
  return blocks
    .filter((b) => b.lang === 'sh')
    .flatMap((b) => b.body.split('\n'))
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((text) => {
      const note = /#\s*(?:exit (\d)(?::\s*(.+))?|(interactive))/.exec(text);
      const words = note?.[2]?.trim().split(/\s+/) ?? [];
      return { text, expected: note?.[1] ? Number(note[1]) : note?.[3] ? 2 : 0, words };
    });
}

const dir = makeTempDir();
afterAll(() => removeDir(dir));

function prepareWorkspace(): Record<string, string> {
  const ca = mintCa({});
  const cert = mintPushCert({ ca, bundleId: 'com.example.app', teamId: 'DEF123GHIJ', environment: 'development', keys: rsaKeys(0) });
  writeFileSync(join(dir, 'push.p12'), toP12({ identities: [{ key: cert.key, certs: [cert.cert] }], password: 'readme-p12-pw' }));
  writeFileSync(join(dir, 'AuthKey_ABC123DEFG.p8'), mintP8({ keyId: 'ABC123DEFG' }).pem);
  return { NIM_PUSH_CONFIG_DIR: join(dir, 'cfg'), NIM_APP_SECRET: 'readme-app-secret-42', P12_PASSWORD: 'readme-p12-pw' };
}

const outputOf = (i: number): string => join(dir, `line-${i}.out`);

function runScript(lines: Line[], env: Record<string, string>): Promise<{ codes: number[]; stdout: string; stderr: string }> {
  const script = [
    'set +e',
    `nim-push() { "${process.execPath}" "${BIN}" "$@"; }`,
    // Braces keep each line in this shell (its variables stay set) while its output goes to a file.
    ...lines.map((l, i) => `{ ${l.text}\n} >"${outputOf(i)}" 2>&1\necho "__RC__ ${i} $?" >&2`),
    // A background line is a subshell running node: stop the node process, then the subshell.
    'for p in $(jobs -p); do pkill -TERM -P "$p"; kill "$p"; done 2>/dev/null; wait',
  ].join('\n');
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', script], { cwd: dir, env: { ...process.env, ...NO_AMBIENT_PROXY, CI: 'true', NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      const codes: number[] = [];
      for (const m of stderr.matchAll(/__RC__ (\d+) (\d+)/g)) codes[Number(m[1])] = Number(m[2]);
      resolve({ codes, stdout, stderr });
    });
  });
}

describe('README', () => {
  it('starts with the two quick-start commands', () => {
    expect(blocks[0]).toEqual({ lang: 'bash', body: 'npm install && npx nim-push demo\nnpm test\n' });
  });

  it('every command in its sh blocks runs and exits as annotated', async () => {
    const lines = readmeCommands();
    expect(lines.length).toBeGreaterThan(40);
    const { codes, stdout, stderr } = await runScript(lines, prepareWorkspace());
    const mismatches = lines
      .map((l, i) => ({ line: l.text, expected: l.expected, got: codes[i] }))
      .filter((r) => r.got !== r.expected);
    const outputs = lines.map((_, i) => (existsSync(outputOf(i)) ? readFileSync(outputOf(i), 'utf8') : ''));
    expect(mismatches, mismatches.map((m) => outputs[lines.findIndex((l) => l.text === m.line)]).join('\n---\n').slice(-3000)).toEqual([]);
    const unexplained = lines
      .map((l, i) => ({ line: l.text, missing: l.words.filter((w) => !outputs[i].includes(w)) }))
      .filter((r) => r.missing.length);
    expect(unexplained).toEqual([]);
    expect(lines.filter((l) => l.words.length).length).toBeGreaterThan(15);
    expect(outputs.join('')).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(outputs.join('')).not.toContain('readme-app-secret-42');
    expect(outputs.join('')).not.toContain('readme-p12-pw');
    expect(stdout + stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(stdout + stderr).not.toContain('readme-app-secret-42');
    expect(stdout + stderr).not.toContain('readme-p12-pw');
  }, 150_000);

  it('lists exactly the catalogue ids', () => {
    const section = readme.slice(readme.indexOf('## Diagnosis catalogue'), readme.indexOf('## Development'));
    const listed = new Set([...section.matchAll(/`([a-z0-9-]+\.[A-Za-z0-9-]+)`/g)].map((m) => m[1]));
    expect([...listed].sort()).toEqual([...catalogue.keys()].sort());
  });
});
