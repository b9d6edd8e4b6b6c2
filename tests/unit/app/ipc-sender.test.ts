import { describe, it, expect } from 'vitest';
import { isTrustedSender, makeApiListener, type InvokeEventLike } from '../../../src/main/transports/ipc';
import { createApp } from '../../../src/main/api';
import os from 'node:os';

const main = { senderId: 7, mainWindowId: 7, frameUrl: 'app://hosoky/index.html', isMainFrame: true };

describe('IPC sender validation', () => {
  it('accepts the main window top frame loaded from app://hosoky', () => {
    expect(isTrustedSender(main)).toBe(true);
    expect(isTrustedSender({ ...main, frameUrl: 'app://hosoky/' })).toBe(true);
  });

  it('refuses other windows, iframes, other origins and a closed main window', () => {
    expect(isTrustedSender({ ...main, senderId: 8 })).toBe(false);
    expect(isTrustedSender({ ...main, mainWindowId: undefined })).toBe(false);
    expect(isTrustedSender({ ...main, isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ ...main, frameUrl: 'file:///tmp/evil.html' })).toBe(false);
    expect(isTrustedSender({ ...main, frameUrl: 'https://hosoky/index.html' })).toBe(false);
    expect(isTrustedSender({ ...main, frameUrl: 'app://evil/index.html' })).toBe(false);
    expect(isTrustedSender({ ...main, frameUrl: 'app://user:pw@hosoky/' })).toBe(false);
    expect(isTrustedSender({ ...main, frameUrl: 'http://127.0.0.1:5173/' })).toBe(false);
    expect(isTrustedSender({ ...main, frameUrl: 'not a url' })).toBe(false);
    expect(isTrustedSender({ ...main, frameUrl: undefined })).toBe(false);
  });

  it('answers a refused sender with a Vietnamese error and never reaches the API', async () => {
    const app = createApp({ dataDir: os.tmpdir(), host: 'electron', version: '0.0.0-test' });
    const win = { webContents: { id: 7, send: () => undefined, isDestroyed: () => false } };
    const listener = makeApiListener(app.server, () => win);
    const fromIframe: InvokeEventLike = { sender: { id: 7 }, senderFrame: { url: 'app://hosoky/index.html', parent: {} } };
    const refused = await listener(fromIframe, 'system.info', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'API_SENDER_REFUSED' } });
    expect(refused.ok || refused.error.message).toMatch(/không đến từ cửa sổ của Hồ Sơ Ký/);

    const fromMain: InvokeEventLike = { sender: { id: 7 }, senderFrame: { url: 'app://hosoky/index.html', parent: null } };
    const answered = await listener(fromMain, 'system.info', {});
    expect(answered).toMatchObject({ ok: true, value: { appName: 'Hồ Sơ Ký', host: 'electron' } });
    // The input is still checked against the contract's schema after the sender passes.
    const badInput = await listener(fromMain, 'system.info', { extra: 1 });
    expect(badInput).toMatchObject({ ok: false, error: { code: 'API_INVALID_INPUT' } });
    const unknown = await listener(fromMain, 'fs.readFile', {});
    expect(unknown).toMatchObject({ ok: false, error: { code: 'API_UNKNOWN_METHOD' } });
    await app.ctx.close();
  });
});
