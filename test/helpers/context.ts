/** An in-process Context for command tests: temp config dir, captured logs, no TTY. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Context } from '../../src/context.js';

export interface TestContext extends Context {
  logs: string[];
}

export function makeTempDir(prefix = 'nim-push-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function makeContext(overrides: Partial<Context> = {}): TestContext {
  const logs: string[] = [];
  const push = (line: string) => logs.push(line);
  return {
    configDir: overrides.configDir ?? makeTempDir(),
    profileName: '',
    profileExplicit: false,
    env: {},
    cwd: process.cwd(),
    lang: 'en',
    json: false,
    verbose: false,
    color: false,
    interactive: false,
    now: () => new Date(),
    log: { info: push, debug: push, warn: push },
    stdin: new PassThrough(),
    stderrIsTTY: false,
    ...overrides,
    logs,
  };
}
