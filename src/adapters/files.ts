/**
 * Every file nim-push reads or writes for a user goes through here, so each is checked the same
 * way: missing, unreadable, a directory or a special file is a usage error (exit 2) with a
 * `file.*` code that names the path and the reason; a report's missing folders are created.
 */
import type { ReadStream } from 'node:fs';
import { open, rename, stat, writeFile } from 'node:fs/promises';
import { makeDirectory } from './dirs.js';
import { dirname } from 'node:path';
import { bilingual, UsageError } from '../core/errors.js';

const REASONS: Record<string, [en: string, zh: string]> = {
  ENOENT: ['no such file', '文件不存在'],
  EISDIR: ['it is a directory, not a file', '它是目录而不是文件'],
  EACCES: ['permission denied', '没有权限'],
  EPERM: ['permission denied', '没有权限'],
  ENOTDIR: ['a parent of it is not a directory', '它的上级路径不是目录'],
  ELOOP: ['too many symbolic links', '符号链接层数过多'],
  ENAMETOOLONG: ['the path is too long', '路径过长'],
  EROFS: ['the file system is read-only', '文件系统是只读的'],
  ENOSPC: ['the disk is full', '磁盘已满'],
  SPECIAL: ['it is a special file (a device or socket), not a regular file', '它是特殊文件(设备或套接字),不是普通文件'],
};

const reasonOf = (code: string): [string, string] => REASONS[code] ?? ['it cannot be read', '无法读取'];

/** The error for an input file that cannot be used. `what` names it in both languages. */
export function unreadable(what: { en: string; zh: string }, path: string, code: string): UsageError {
  const [en, zh] = reasonOf(code);
  return new UsageError(bilingual(`Cannot read ${what.en} ${path}: ${en}.`, `无法读取${what.zh} ${path}:${zh}。`), 'file.unreadable', { path, reason: code || 'unknown' });
}

async function checkInput(path: string, what: { en: string; zh: string }, allowPipe: boolean): Promise<number> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    throw unreadable(what, path, (error as NodeJS.ErrnoException).code ?? '');
  }
  if (info.isDirectory()) throw unreadable(what, path, 'EISDIR');
  if (!info.isFile() && !(allowPipe && info.isFIFO())) throw unreadable(what, path, 'SPECIAL');
  return info.size;
}

/** A whole input file (a payload, a credential, a CA), refusing more than `maxBytes`. */
export async function readInputFile(path: string, what: { en: string; zh: string }, maxBytes = 1024 * 1024): Promise<Buffer> {
  const size = await checkInput(path, what, false);
  if (size > maxBytes) {
    throw new UsageError(bilingual(`Cannot use ${what.en} ${path}: ${size} bytes is more than such a file can be (${maxBytes}).`, `无法使用${what.zh} ${path}:${size} 字节,超出此类文件的上限(${maxBytes})。`), 'file.unreadable', { path, reason: 'too-large' });
  }
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw unreadable(what, path, error.code ?? '');
  });
  try {
    return await handle.readFile();
  } catch (error) {
    throw unreadable(what, path, (error as NodeJS.ErrnoException).code ?? '');
  } finally {
    await handle.close();
  }
}

/** A streamed input (a token list): a regular file or a named pipe, opened or refused now, read later. */
export async function openInputStream(path: string, what: { en: string; zh: string }): Promise<ReadStream> {
  await checkInput(path, what, true);
  const handle = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw unreadable(what, path, error.code ?? '');
  });
  // The handle's own stream closes the handle when it ends.
  return handle.createReadStream({ encoding: 'utf8' }) as unknown as ReadStream;
}

/** Writes a report atomically, creating its folders; any failure is `file.unwritable` (exit 2). */
export async function writeOutputFile(path: string, content: string, what: { en: string; zh: string }): Promise<void> {
  try {
    makeDirectory(dirname(path), 0o755);
    const temp = `${path}.${process.pid}.tmp`;
    await writeFile(temp, content, 'utf8');
    await rename(temp, path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const [en, zh] = reasonOf(code === 'ENOENT' ? 'ENOTDIR' : code);
    throw new UsageError(bilingual(`Cannot write ${what.en} ${path}: ${en}.`, `无法写入${what.zh} ${path}:${zh}。`), 'file.unwritable', { path, reason: code || 'unknown' });
  }
}
