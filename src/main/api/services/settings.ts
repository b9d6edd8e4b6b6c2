import path from 'node:path';
import { defineService } from '../context';
import { SettingsFile } from '../../infra/fs/settings';

/** The user's settings (`<dataDir>/settings.json`): `await settingsService(ctx).get()`, `.update(patch)`. */
export const settingsService = defineService((ctx) => new SettingsFile(path.join(ctx.options.dataDir, 'settings.json')));
