/**
 * Creating directories one level at a time. Node 20's `mkdir(…, {recursive: true})` never returns
 * for some paths (under /proc, say), synchronously or not, and a command stuck there ignores
 * SIGTERM. Walking up to the first existing ancestor and creating each level plainly ends every
 * such case in an ordinary error.
 */
import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Creates `dir` and its missing parents; throws the first filesystem error (ENOENT, EACCES, ENOTDIR, …). */
export function makeDirectory(dir: string, mode = 0o700): void {
  const missing: string[] = [];
  let current = resolve(dir);
  for (;;) {
    try {
      if (!statSync(current).isDirectory()) throw Object.assign(new Error(`${current} is not a directory`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(current);
      const parent = dirname(current);
      if (parent === current) throw error;
      current = parent;
    }
  }
  for (const level of missing.reverse()) {
    try {
      mkdirSync(level, { mode });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

/** A private directory (0700): created if missing, tightened if it is ours. */
export function makePrivateDirectory(dir: string): void {
  makeDirectory(dir, 0o700);
  try {
    chmodSync(dir, 0o700);
  } catch {
    // Not ours to change (e.g. a shared directory): the files in it are 0600 anyway.
  }
}
