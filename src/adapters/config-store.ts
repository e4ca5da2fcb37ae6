/** The profile store: a `conf` JSON file (atomic writes, mode 0600) in the config dir. */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import type { ConfigData, Profile } from '../core/profile.js';
import { UsageError } from '../errors.js';

export const CONFIG_FILE_NAME = 'config.json';

export interface ConfigStore {
  readonly path: string;
  read(): ConfigData;
  getProfile(name: string): Profile | undefined;
  /** The profile or a usage error that says how to create it. */
  requireProfile(name: string): Profile;
  saveProfile(name: string, profile: Profile, makeCurrent?: boolean): void;
  removeProfile(name: string): boolean;
  setCurrent(name: string): void;
}

/** Creates the directory with mode 0700 (and tightens an existing one we own). */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    chmodSync(dir, 0o700);
  } catch {
    // Not ours to change (e.g. a shared directory): the file itself stays 0600.
  }
}

export function openConfigStore(configDir: string): ConfigStore {
  const path = join(configDir, CONFIG_FILE_NAME);
  let conf: Conf<ConfigData> | undefined;

  const open = (): Conf<ConfigData> => {
    if (conf) return conf;
    ensurePrivateDir(configDir);
    try {
      conf = new Conf<ConfigData>({
        cwd: configDir,
        configName: 'config',
        projectName: 'nim-push',
        configFileMode: 0o600,
        clearInvalidConfig: false,
        accessPropertiesByDotNotation: false,
      });
      // Reading here surfaces a corrupted file before any write could replace it.
      void conf.store;
    } catch (error) {
      conf = undefined;
      throw corrupted(path, error);
    }
    return conf;
  };

  const read = (): ConfigData => {
    let store: Partial<ConfigData>;
    try {
      store = open().store;
    } catch (error) {
      throw error instanceof UsageError ? error : corrupted(path, error);
    }
    if (store.profiles !== undefined && (typeof store.profiles !== 'object' || store.profiles === null)) {
      throw corrupted(path, new Error('"profiles" is not an object'));
    }
    return { current: store.current, profiles: { ...(store.profiles ?? {}) } };
  };

  const write = (data: ConfigData): void => {
    const c = open();
    c.store = data;
  };

  return {
    path,
    read,
    getProfile: (name) => read().profiles[name],
    requireProfile(name) {
      const profile = read().profiles[name];
      if (!profile) {
        throw new UsageError(
          `No profile '${name}'. Run \`nim-push init --profile ${name}\` (or \`nim-push config list\` to see the profiles in ${configDir}).`,
          'config.no-profile',
        );
      }
      return profile;
    },
    saveProfile(name, profile, makeCurrent = false) {
      const data = read();
      data.profiles[name] = profile;
      if (makeCurrent || !data.current || !data.profiles[data.current]) data.current = name;
      write(data);
    },
    removeProfile(name) {
      const data = read();
      if (!data.profiles[name]) return false;
      delete data.profiles[name];
      if (data.current === name) data.current = Object.keys(data.profiles)[0];
      write(data);
      return true;
    },
    setCurrent(name) {
      const data = read();
      if (!data.profiles[name]) throw new UsageError(`No profile '${name}'. Run \`nim-push config list\`.`, 'config.no-profile');
      data.current = name;
      write(data);
    },
  };
}

function corrupted(path: string, error: unknown): UsageError {
  // Never echo the parser's message: it quotes file content, which may hold secrets.
  const reason =
    error instanceof SyntaxError
      ? 'not valid JSON'
      : error instanceof Error && 'code' in error
        ? String((error as NodeJS.ErrnoException).code)
        : error instanceof Error && error.message.startsWith('"profiles"')
          ? error.message
          : 'unreadable';
  return new UsageError(
    `The config file ${path} cannot be read (${reason}). It was left untouched: fix or move it, then run the command again.`,
    'config.corrupted',
  );
}
