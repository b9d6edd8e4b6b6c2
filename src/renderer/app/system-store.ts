import { create } from 'zustand';
import type { SystemInfo } from '../../shared/contract/system';
import type { ApiError } from '../../shared/result';
import { call, onEvent, transport } from '../api/client';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
  messageEn: string;
}

interface SystemState {
  info: SystemInfo | undefined;
  /** Where forms and reports go unless the user types another folder. */
  exportDir: string | undefined;
  error: ApiError | undefined;
  notices: Notice[];
  load(): Promise<void>;
  notify(n: Omit<Notice, 'id'>): void;
  dismiss(id: number): void;
}

let nextNotice = 1;

export const useSystem = create<SystemState>((set, get) => ({
  info: undefined,
  exportDir: undefined,
  error: undefined,
  notices: [],
  async load() {
    const [r, exports] = await Promise.all([call('system.info', {}), call('files.exportFolder', {})]);
    set(r.ok ? { info: r.value, error: undefined } : { error: r.error });
    if (exports.ok) set({ exportDir: exports.value.path });
  },
  notify(n) {
    const id = nextNotice++;
    set({ notices: [...get().notices, { ...n, id }] });
    if (n.level === 'info') setTimeout(() => get().dismiss(id), 6000);
  },
  dismiss(id) {
    set({ notices: get().notices.filter((x) => x.id !== id) });
  },
}));

if (transport.kind !== 'none') onEvent('system.notice', (p) => useSystem.getState().notify(p));
