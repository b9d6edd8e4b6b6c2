// Kept apart from io.ts: the whole application (every domain's handlers and their npm packages) is
// loaded only by the commands that open it, not by `hosoky --help` or `hosoky tokens`.
import { createApp, type App } from '../api';
import { defaultDataDir } from '../infra/fs/app-data';
import type { CliIo } from './io';
import pkg from '../../../package.json';

/** Opens the application core for one command, with the store chosen by --db or HOSOKY_DATA. */
export function openApp(io: CliIo, dataDir?: string): App {
  return createApp({ dataDir: dataDir ?? defaultDataDir(io.env), host: 'cli', version: pkg.version });
}
