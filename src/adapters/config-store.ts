/**
 * The profile store: `config.json` in the config dir, mode 0600 in a 0700 directory. Reading is
 * a plain file read (no directory is created, nothing else is loaded); writing goes through
 * `conf`, loaded only then, which writes atomically, so a crash never leaves half a file.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bilingual, UsageError } from '../core/errors.js';
import type { ConfigData, Profile } from '../core/profile.js';
import { makePrivateDirectory } from './dirs.js';
import { unreadable } from './files.js';

export const CONFIG_FILE_NAME = 'config.json';

export interface ConfigStore {
  readonly path: string;
  read(): ConfigData;
  getProfile(name: string): Profile | undefined;
  /** The profile or a usage error that says how to create it. */
  requireProfile(name: string): Profile;
  saveProfile(name: string, profile: Profile, makeCurrent?: boolean): Promise<void>;
  removeProfile(name: string): Promise<boolean>;
  setCurrent(name: string): Promise<void>;
}

const CONFIG_DIR = { en: 'config directory', zh: '配置目录' };
const CONFIG_FILE = { en: 'config file', zh: '配置文件' };

/** A profile as saved, with the parts a hand edit may have dropped filled in (no certificates is an empty list). */
function normalizeProfile(profile: Profile): Profile {
  const p = (profile && typeof profile === 'object' ? profile : {}) as Partial<Profile>;
  return { ...(p as Profile), certs: Array.isArray(p.certs) ? p.certs.filter((c) => c && typeof c === 'object') : [] };
}

function corrupted(path: string, reason: string): UsageError {
  // Never echo the parser's message: it quotes file content, which may hold secrets.
  return new UsageError(
    bilingual(
      `The config file ${path} cannot be read (${reason}). It was left untouched: fix or move it, then run the command again.`,
      `无法读取配置文件 ${path}(${reason})。文件未被改动:请修复或移走它后重新运行命令。`,
    ),
    'config.corrupted',
  );
}

/** The parsed file; a missing directory or file is "no profiles yet". */
function readFile(configDir: string, path: string): ConfigData {
  try {
    if (!statSync(configDir).isDirectory()) throw unreadable(CONFIG_DIR, configDir, 'ENOTDIR');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') return { profiles: {} };
    throw unreadable(CONFIG_DIR, configDir, code);
  }
  let text: string;
  try {
    if (!statSync(path).isFile()) throw unreadable(CONFIG_FILE, path, 'SPECIAL');
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'ENOENT') return { profiles: {} };
    throw unreadable(CONFIG_FILE, path, code);
  }
  let store: Partial<ConfigData>;
  try {
    store = text.trim() === '' ? {} : (JSON.parse(text) as Partial<ConfigData>);
  } catch {
    throw corrupted(path, 'not valid JSON');
  }
  if (!store || typeof store !== 'object' || Array.isArray(store)) throw corrupted(path, 'not a JSON object');
  if (store.profiles !== undefined && (typeof store.profiles !== 'object' || store.profiles === null || Array.isArray(store.profiles))) {
    throw corrupted(path, '"profiles" is not an object');
  }
  const profiles: Record<string, Profile> = {};
  for (const [name, profile] of Object.entries(store.profiles ?? {})) profiles[name] = normalizeProfile(profile);
  return { current: typeof store.current === 'string' ? store.current : undefined, profiles };
}

async function writeFile(configDir: string, path: string, data: ConfigData): Promise<void> {
  try {
    makePrivateDirectory(configDir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new UsageError(bilingual(`Cannot create the config directory ${configDir} (${code}).`, `无法创建配置目录 ${configDir}(${code})。`), 'file.unwritable', { path: configDir, reason: code });
  }
  const { writeConfig } = await import('./config-writer.js');
  try {
    writeConfig(configDir, data);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new UsageError(bilingual(`Cannot write the config file ${path} (${code}).`, `无法写入配置文件 ${path}(${code})。`), 'file.unwritable', { path, reason: code });
  }
}

export function openConfigStore(configDir: string): ConfigStore {
  const path = join(configDir, CONFIG_FILE_NAME);
  const read = (): ConfigData => readFile(configDir, path);
  const noProfile = (name: string, hint: 'init' | 'list') =>
    new UsageError(
      hint === 'init'
        ? bilingual(
            `No profile '${name}'. Run \`nim-push init --profile ${name}\` (or \`nim-push config list\` to see the profiles in ${configDir}).`,
            `没有名为 '${name}' 的配置。请运行 \`nim-push init --profile ${name}\`(或用 \`nim-push config list\` 查看 ${configDir} 中的配置)。`,
          )
        : bilingual(`No profile '${name}'. Run \`nim-push config list\`.`, `没有名为 '${name}' 的配置。请运行 \`nim-push config list\`。`),
      'config.no-profile',
      { profile: name },
    );

  return {
    path,
    read,
    getProfile: (name) => read().profiles[name],
    requireProfile(name) {
      const profile = read().profiles[name];
      if (!profile) throw noProfile(name, 'init');
      return profile;
    },
    async saveProfile(name, profile, makeCurrent = false) {
      const data = read();
      data.profiles[name] = profile;
      if (makeCurrent || !data.current || !data.profiles[data.current]) data.current = name;
      await writeFile(configDir, path, data);
    },
    async removeProfile(name) {
      const data = read();
      if (!data.profiles[name]) return false;
      delete data.profiles[name];
      if (data.current === name) data.current = Object.keys(data.profiles)[0];
      await writeFile(configDir, path, data);
      return true;
    },
    async setCurrent(name) {
      const data = read();
      if (!data.profiles[name]) throw noProfile(name, 'list');
      data.current = name;
      await writeFile(configDir, path, data);
    },
  };
}
