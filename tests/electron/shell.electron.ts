/** The real Electron shell: security settings, the preload's surface, navigation and IPC sender checks. */
import { test, expect, _electron as electron, type ElectronApplication } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

let app: ElectronApplication;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-electron-'));
  app = await electron.launch({ executablePath: process.env.HOSOKY_ELECTRON_BIN, args: ['.', '--no-sandbox'], env: { ...process.env, HOSOKY_DATA: dataDir } });
});
test.afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('the window is isolated, sandboxed, without Node, and loaded from app://', async () => {
  const page = await app.firstWindow();
  await expect(page.getByRole('navigation')).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/hosoky\//);
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const w = BrowserWindow.getAllWindows()[0]!;
    const p = (w.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
    return { contextIsolation: p.contextIsolation, sandbox: p.sandbox, nodeIntegration: p.nodeIntegration, webSecurity: p.webSecurity };
  });
  expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
});

test('the preload exposes the contract API only, and it answers', async () => {
  const page = await app.firstWindow();
  const keys = await page.evaluate(() => Object.keys((window as unknown as { hosoky: object }).hosoky).sort());
  expect(keys).toEqual(['methods', 'on']);
  const info = await page.evaluate(() => (window as unknown as { hosoky: { methods: Record<string, (i: unknown) => Promise<unknown>> } }).hosoky.methods['system.info']!({}));
  expect(info).toMatchObject({ ok: true, value: { host: 'electron', appName: 'Hồ Sơ Ký' } });
});

test('navigation and new windows are refused; permission requests are denied', async () => {
  const page = await app.firstWindow();
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
  expect(app.windows()).toHaveLength(1);
  const state = await page.evaluate(async () => (await navigator.permissions.query({ name: 'geolocation' as PermissionName })).state);
  expect(state).not.toBe('granted');
});

test('an API call from a frame that is not the main window page is refused', async () => {
  const refused = await app.evaluate(async ({ ipcMain }) => {
    // Call the registered handler as a message from another webContents would arrive.
    const handlers = (ipcMain as unknown as { _invokeHandlers: Map<string, (e: unknown, ...a: unknown[]) => Promise<unknown>> })._invokeHandlers;
    const handler = handlers.get('hosoky:call')!;
    return handler({ sender: { id: 9999 }, senderFrame: { url: 'app://hosoky/index.html', parent: null } }, 'system.info', {});
  });
  expect(refused).toMatchObject({ ok: false, error: { code: 'API_SENDER_REFUSED' } });
});
