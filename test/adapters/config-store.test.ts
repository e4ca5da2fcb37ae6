import { spawn } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openConfigStore } from '../../src/adapters/config-store.js';
import type { Profile } from '../../src/core/profile.js';
import { makeTempDir, removeDir } from '../helpers/context.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
const temp = () => {
  const d = makeTempDir();
  dirs.push(d);
  return d;
};

const profile = (appKey: string): Profile => ({
  appKey, appSecret: 's'.repeat(16), bundleId: 'com.x.y', environment: 'development', relay: 'local',
  certs: [{ name: 'dev', kind: 'p8', path: '/k.p8', environment: 'development', keyId: 'ABC123DEFG', teamId: 'DEF123GHIJ' }],
});

describe('config store', () => {
  it('keeps several profiles, switches and removes the current one', async () => {
    const store = openConfigStore(join(temp(), 'cfg'));
    await store.saveProfile('a', profile('ka'), true);
    await store.saveProfile('b', profile('kb'));
    expect(store.read().current).toBe('a');
    await store.setCurrent('b');
    expect(store.read().current).toBe('b');
    expect(await store.removeProfile('b')).toBe(true);
    expect(store.read().current).toBe('a');
    expect(await store.removeProfile('b')).toBe(false);
    await expect(store.setCurrent('zzz')).rejects.toThrow(/No profile 'zzz'/);
  });

  it('reports a config file that is valid JSON of the wrong shape, without touching it', async () => {
    const dir = join(temp(), 'cfg');
    const store = openConfigStore(dir);
    await store.saveProfile('a', profile('ka'));
    writeFileSync(store.path, '{"profiles": 42}');
    expect(() => openConfigStore(dir).read()).toThrow(/cannot be read/);
    expect(readFileSync(store.path, 'utf8')).toBe('{"profiles": 42}');
  });

  it('a write killed mid-way (SIGKILL, repeatedly) leaves a readable file holding a complete profile', async () => {
    const dir = join(temp(), 'cfg');
    const store = openConfigStore(dir);
    await store.saveProfile('p', profile('initial'), true);
    const moduleUrl = new URL('../../dist/adapters/config-store.js', import.meta.url).href;
    // The child rewrites a large profile in a tight loop; we kill it at varying moments.
    const script = `
      const { openConfigStore } = await import(${JSON.stringify(moduleUrl)});
      const store = openConfigStore(${JSON.stringify(dir)});
      const big = 'x'.repeat(200000);
      process.stdout.write('ready\\n');
      for (let i = 0; ; i++) await store.saveProfile('p', { appKey: 'k' + i, appSecret: big, bundleId: 'com.x.y', environment: 'development', relay: 'local', certs: [] });
    `;
    for (let round = 0; round < 8; round++) {
      await new Promise<void>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
        child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), 5 + round * 7));
        child.on('exit', () => resolve());
        child.on('error', reject);
      });
      const data = openConfigStore(dir).read();
      expect(data.profiles.p.appKey).toMatch(/^(initial|k\d+)$/);
      expect(statSync(store.path).mode & 0o777).toBe(0o600);
    }
  });
});
