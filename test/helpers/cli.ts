/** Spawns the built binary, as users run it. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/nim-push.cjs', import.meta.url));

/** The machine's proxy settings never reach a test: tests that use a proxy set their own. */
export const NO_AMBIENT_PROXY: Record<string, undefined> = Object.fromEntries(
  ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy'].map((name) => [name, undefined]),
);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  opts: { env?: Record<string, string | undefined>; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string> = {};
    for (const [k, v] of Object.entries({ ...process.env, ...NO_AMBIENT_PROXY, CI: 'true', NO_COLOR: '', FORCE_COLOR: '', ...opts.env })) {
      if (v !== undefined) env[k] = v;
    }
    const child = spawn(process.execPath, [BIN, ...args], { env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/** Parses stdout as exactly one JSON document (fails the test otherwise). */
export function parseJson(stdout: string): Record<string, unknown> {
  const text = stdout.trim();
  return JSON.parse(text) as Record<string, unknown>;
}
