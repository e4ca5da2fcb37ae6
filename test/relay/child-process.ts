/** Writes the relay child entry (plain ESM over the built dist/, which `npm test` builds first) and runs it as a separate process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

export async function bundleRelayChild(outDir: string): Promise<string> {
  const server = new URL('../../dist/relay/server.js', import.meta.url).href;
  const file = join(outDir, 'relay-child.mjs');
  // A relay in its own process, for the crash tests: prints its URL as one JSON line, runs until killed.
  writeFileSync(
    file,
    [
      `const { startRelay } = await import(${JSON.stringify(server)});`,
      'const [dataDir, appKey, appSecret] = process.argv.slice(2);',
      'const relay = await startRelay({ dataDir, app: { appKey, appSecret, certs: [] }, rateLimit: false });',
      'process.stdout.write(`${JSON.stringify({ url: relay.url, skipped: relay.store.skippedAtOpen })}\n`);',
    ].join('\n'),
  );
  return file;
}

export interface RelayChild {
  child: ChildProcess;
  url: string;
  skipped: number;
}

export function spawnRelayChild(entry: string, args: string[]): Promise<RelayChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`relay child did not start: ${err}`)), 10_000);
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        clearTimeout(timer);
        const info = JSON.parse(line) as { url: string; skipped: number };
        resolve({ child, url: info.url, skipped: info.skipped });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`relay child exited with ${code}: ${err}`));
    });
  });
}

export const waitForExit = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
