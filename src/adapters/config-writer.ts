/**
 * Writes config.json through `conf` (atomic write, mode 0600). Its own module, imported only when
 * a profile is saved: reading profiles never loads conf or its schema validator.
 */
import Conf from 'conf';
import type { ConfigData } from '../core/profile.js';

export function writeConfig(configDir: string, data: ConfigData): void {
  const conf = new Conf<ConfigData>({
    cwd: configDir,
    configName: 'config',
    projectName: 'nim-push',
    configFileMode: 0o600,
    clearInvalidConfig: false,
    accessPropertiesByDotNotation: false,
  });
  conf.store = data;
}
