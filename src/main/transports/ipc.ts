/**
 * The Electron transport: one IPC channel for every API call, one for events. The sender is checked
 * before anything else (only the main window's top frame, loaded from app://), then the input goes to
 * ApiServer.call, which validates it against the contract's schema like every other transport.
 *
 * Electron is not imported here: main.ts hands in ipcMain and the window, so the checks can be tested
 * as plain functions without an Electron binary.
 */
import type { ApiServer } from '../api/server';
import type { Result } from '../../shared/result';

export const API_CHANNEL = 'hosoky:call';
export const EVENT_CHANNEL = 'hosoky:event';
/** The origin the renderer is served from (a privileged, standard, secure scheme registered in main.ts). */
export const APP_ORIGIN = 'app://hosoky';

export interface SenderFacts {
  /** webContents id of the event's sender. */
  senderId: number;
  /** webContents id of the main window (undefined when it is closed). */
  mainWindowId: number | undefined;
  /** URL of the frame that sent the message (event.senderFrame.url). */
  frameUrl: string | undefined;
  /** true when the sending frame is the top frame (no iframes call the API). */
  isMainFrame: boolean;
}

/** Only the main window's own page, served from app://hosoky/, may call the API. */
export function isTrustedSender(f: SenderFacts): boolean {
  if (f.mainWindowId === undefined || f.senderId !== f.mainWindowId || !f.isMainFrame || !f.frameUrl) return false;
  let url: URL;
  try {
    url = new URL(f.frameUrl);
  } catch {
    return false;
  }
  return url.protocol === 'app:' && url.host === 'hosoky' && url.username === '' && url.password === '' && url.port === '';
}

const refused: Result<never> = {
  ok: false,
  error: {
    code: 'API_SENDER_REFUSED',
    message: 'Yêu cầu bị từ chối vì không đến từ cửa sổ của Hồ Sơ Ký.',
    messageEn: 'Request refused: it did not come from the Hồ Sơ Ký window.',
  },
};

/** The slice of Electron's IpcMainInvokeEvent that the checks read. */
export interface InvokeEventLike {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export interface WindowLike {
  webContents: { id: number; send(channel: string, ...args: unknown[]): void; isDestroyed(): boolean };
}

/** The handler of the API channel, separated from ipcMain so that it can be tested directly. */
export function makeApiListener(server: Pick<ApiServer, 'call'>, mainWindow: () => WindowLike | undefined) {
  return async (event: InvokeEventLike, name: unknown, input: unknown): Promise<Result<unknown>> => {
    const facts: SenderFacts = {
      senderId: event.sender.id,
      mainWindowId: mainWindow()?.webContents.id,
      frameUrl: event.senderFrame?.url,
      isMainFrame: !!event.senderFrame && event.senderFrame.parent === null,
    };
    if (!isTrustedSender(facts)) return refused;
    if (typeof name !== 'string') return server.call('', input);
    return server.call(name, input);
  };
}

/** Serves the API over IPC and forwards events to the main window; returns the function that stops it. */
export function serveIpc(ipcMain: IpcMainLike, server: ApiServer, mainWindow: () => WindowLike | undefined): () => void {
  ipcMain.handle(API_CHANNEL, makeApiListener(server, mainWindow) as (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>);
  const unsubscribe = server.events.subscribe((name, payload) => {
    const win = mainWindow();
    if (win && !win.webContents.isDestroyed()) win.webContents.send(EVENT_CHANNEL, name, payload);
  });
  return () => {
    unsubscribe();
    ipcMain.removeHandler(API_CHANNEL);
  };
}
