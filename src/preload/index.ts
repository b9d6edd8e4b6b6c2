/**
 * The preload of the main window (sandboxed: bundled whole into dist/preload.cjs, requires only
 * 'electron'). Exposes the typed API as `window.hosoky` and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { buildExposedApi } from './exposed-api';

// Kept in step with src/main/transports/ipc.ts (the preload may not import main/).
const API_CHANNEL = 'hosoky:call';
const EVENT_CHANNEL = 'hosoky:event';

const api = buildExposedApi(
  (method, input) => ipcRenderer.invoke(API_CHANNEL, method, input),
  (listener) => {
    const wrapped = (_event: unknown, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => void ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
  },
);

contextBridge.exposeInMainWorld('hosoky', api);
