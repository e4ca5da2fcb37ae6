/** Builds the relay child entry into one ESM file (test time only) and runs it as a separate process. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export async function bundleRelayChild(outDir: string): Promise<string> {
  // rolldown comes with vitest; it turns the TypeScript entry into plain JS node can run.
  const { build } = await import('rolldown');
  const file = join(outDir, 'relay-child.mjs');
  await build({
    input: fileURLToPath(new URL('./fixtures/relay-child.ts', import.meta.url)),
    platform: 'node',
    output: { file, format: 'esm' },
    logLevel: 'silent',
  });
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
