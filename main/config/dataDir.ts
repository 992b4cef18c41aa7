import { homedir } from 'node:os';
import { join } from 'node:path';

export const DATA_DIR_ENV = 'TANDEM_DATA_DIR';

/**
 * Where a user's Tandem data lives: the --data-dir flag, else TANDEM_DATA_DIR, else the platform's
 * per-user application-data folder (the same folder Electron's app.getPath('userData') names).
 */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag && flag.trim()) return flag;
  const fromEnv = env[DATA_DIR_ENV];
  if (fromEnv && fromEnv.trim()) return fromEnv;
  return defaultDataDir(process.platform, env);
}

export function defaultDataDir(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string {
  const home = env.HOME ?? env.USERPROFILE ?? homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Tandem');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Tandem');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Tandem');
}
