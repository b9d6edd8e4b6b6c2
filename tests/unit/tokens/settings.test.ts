import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../../src/main/api';
import { settingsService } from '../../../src/main/api/services/settings';

let dataDir: string;
let app: App;
const settingsFile = () => path.join(dataDir, 'settings.json');

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-settings-'));
  app = createApp({ dataDir, host: 'bridge', version: 'test' });
});
afterEach(async () => {
  await app.ctx.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('settings', () => {
  it('gives the defaults when there is no file yet', async () => {
    const r = await app.server.call('settings.get', {});
    expect(r).toEqual({ ok: true, value: { tokenModulePaths: [], sessionIdleMinutes: 10, language: 'vi', signatureLevel: 'B-B', onlineChecks: true } });
    expect(fs.existsSync(settingsFile())).toBe(false);
  });

  it('saves an update to settings.json, keeps other fields, and removes a field set to null', async () => {
    await app.server.call('settings.update', { tsaUrl: 'http://ca.gov.vn/tsa', signatureLevel: 'B-T', sessionIdleMinutes: 5 });
    const r = await app.server.call('settings.update', { language: 'en', tsaUrl: null });
    expect(r.ok && r.value).toMatchObject({ language: 'en', signatureLevel: 'B-T', sessionIdleMinutes: 5 });
    expect(r.ok && 'tsaUrl' in (r.value as object)).toBe(false);
    const onDisk = JSON.parse(fs.readFileSync(settingsFile(), 'utf8'));
    expect(onDisk).toMatchObject({ language: 'en', signatureLevel: 'B-T', sessionIdleMinutes: 5 });
    // A second app over the same folder (e.g. the command line) reads the same settings.
    const other = createApp({ dataDir, host: 'cli', version: 'test' });
    expect((await settingsService(other.ctx).get()).signatureLevel).toBe('B-T');
    await other.ctx.close();
    // No temp files are left beside it.
    expect(fs.readdirSync(dataDir)).toEqual(['settings.json']);
  });

  it('rejects invalid values before writing anything', async () => {
    const r = await app.server.call('settings.update', { sessionIdleMinutes: 0, language: 'fr' });
    expect(!r.ok && r.error.code).toBe('API_INVALID_INPUT');
    expect(fs.existsSync(settingsFile())).toBe(false);
  });

  it('keeps the valid fields of a hand-edited file and sets a broken file aside', async () => {
    fs.writeFileSync(settingsFile(), JSON.stringify({ language: 'en', sessionIdleMinutes: 'mười', backupDir: '/mnt/usb/sao-luu' }));
    expect(await settingsService(app.ctx).get()).toMatchObject({ language: 'en', sessionIdleMinutes: 10, backupDir: '/mnt/usb/sao-luu' });
    fs.writeFileSync(settingsFile(), '{ not json');
    expect((await settingsService(app.ctx).get()).language).toBe('vi');
    expect(fs.readdirSync(dataDir).some((f) => f.startsWith('settings.json.broken-'))).toBe(true);
  });

  it('serialises concurrent updates so none is lost', async () => {
    await Promise.all([
      settingsService(app.ctx).update({ tokenModulePaths: ['/a.so'] }),
      settingsService(app.ctx).update({ language: 'en' }),
      settingsService(app.ctx).update({ onlineChecks: false }),
    ]);
    expect(await settingsService(app.ctx).get()).toMatchObject({ tokenModulePaths: ['/a.so'], language: 'en', onlineChecks: false });
  });
});
