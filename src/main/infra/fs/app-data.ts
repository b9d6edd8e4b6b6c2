import os from 'node:os';
import path from 'node:path';

/**
 * The folder where Hồ Sơ Ký keeps the store, document files, settings and caches.
 * HOSOKY_DATA wins (tests, portable installs); otherwise the platform's per-user app-data folder.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.HOSOKY_DATA) return path.resolve(env.HOSOKY_DATA);
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'HoSoKy');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'HoSoKy');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'hosoky');
}
