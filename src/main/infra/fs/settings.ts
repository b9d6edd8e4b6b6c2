/**
 * `<dataDir>/settings.json`: read on every get (the command line and the app may both change it),
 * written whole with writeFileAtomic, updates in this process one at a time. A field that does not
 * validate (hand-edited file, older version) falls back to its default instead of losing the rest;
 * a file that is not JSON at all is kept aside as settings.json.broken-<time> for the school's IT.
 */
import fs from 'node:fs';
import path from 'node:path';
import { settingsSchema, type Settings, type SettingsPatch } from '../../../shared/contract/settings';
import { writeFileAtomic } from './atomic-write';

export class SettingsFile {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  async get(): Promise<Settings> {
    let text: string;
    try {
      text = await fs.promises.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return settingsSchema.parse({});
      throw e;
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      await fs.promises.rename(this.file, `${this.file}.broken-${Date.now()}`).catch(() => undefined);
      return settingsSchema.parse({});
    }
    return tolerantParse(raw);
  }

  /** Applies a patch (null removes an optional field) and returns the settings as written. */
  update(patch: SettingsPatch): Promise<Settings> {
    const next = this.queue.then(async () => {
      const current = await this.get();
      const merged: Record<string, unknown> = { ...current };
      for (const [k, v] of Object.entries(patch)) {
        if (v === null) delete merged[k];
        else if (v !== undefined) merged[k] = v;
      }
      const settings = settingsSchema.parse(merged);
      await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify(settings, null, 2) + '\n');
      return settings;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function tolerantParse(raw: unknown): Settings {
  const whole = settingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const kept: Record<string, unknown> = {};
  if (raw && typeof raw === 'object') {
    for (const [key, field] of Object.entries(settingsSchema.shape)) {
      const value = (raw as Record<string, unknown>)[key];
      if (value !== undefined && field.safeParse(value).success) kept[key] = value;
    }
  }
  return settingsSchema.parse(kept);
}
