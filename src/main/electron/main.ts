/**
 * The Electron shell: one window, one instance, the Vietnamese menu, the app:// protocol serving the
 * built renderer with the strict CSP, and the API served over IPC. All logic lives behind createApp;
 * this file only wires it and applies Electron's security checklist (see docs/app.md).
 */
import { app, BrowserWindow, Menu, ipcMain, protocol, session, shell, net } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp, type App } from '../api';
import { RENDERER_CSP } from '../transports/bridge';
import { serveIpc, APP_ORIGIN } from '../transports/ipc';
import { defaultDataDir } from '../infra/fs/app-data';
import { isVettedExternalUrl, rendererFileFor, secureWebPreferences } from './security';
import { buildMenuTemplate } from './menu';

const appRoot = app.getAppPath();
const rendererDir = path.join(appRoot, 'dist-renderer');
const preloadPath = path.join(appRoot, 'dist', 'preload.cjs');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);

let mainWindow: BrowserWindow | undefined;
let hosoky: App | undefined;
let stopIpc: (() => void) | undefined;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.whenReady().then(start, (e: unknown) => {
    console.error('Không khởi động được Hồ Sơ Ký:', e);
    app.exit(1);
  });
}

function serveRenderer(): void {
  protocol.handle('app', async (request) => {
    const file = rendererFileFor(request.url, rendererDir);
    if (!file) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', RENDERER_CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
}

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // Nothing leaves the machine from the renderer: only app:// (and devtools) may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_ORIGIN}/`) || details.url.startsWith('devtools:') || details.url.startsWith('blob:') || details.url.startsWith('data:');
    callback({ cancel: !allowed });
  });
}

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isVettedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
});

async function start(): Promise<void> {
  serveRenderer();
  lockDownSession();
  const dataDir = defaultDataDir();
  fs.mkdirSync(dataDir, { recursive: true });
  hosoky = createApp({ dataDir, host: 'electron', version: app.getVersion() });
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate({ openDataFolder: () => void shell.openPath(hosoky!.ctx.options.dataDir) })));

  mainWindow = new BrowserWindow({
    width: 1366,
    height: 768,
    minWidth: 1024,
    minHeight: 640,
    title: 'Hồ Sơ Ký',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: secureWebPreferences(preloadPath),
  });
  stopIpc = serveIpc(ipcMain, hosoky.server, () => mainWindow);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = undefined;
  });
  await mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('window-all-closed', () => app.quit());
app.on('will-quit', (event) => {
  if (!hosoky) return;
  event.preventDefault();
  const closing = hosoky;
  hosoky = undefined;
  stopIpc?.();
  void closing.ctx.close().finally(() => app.exit(0));
});
