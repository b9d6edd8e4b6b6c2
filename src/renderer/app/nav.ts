import { create } from 'zustand';

export type Screen = 'token' | 'records' | 'document' | 'sign' | 'staff' | 'forms' | 'report' | 'settings';

interface NavState {
  screen: Screen;
  /** The document open in the Document screen, or those chosen for signing. */
  documentId: string | undefined;
  go(screen: Screen): void;
  openDocument(id: string): void;
}

export const useNav = create<NavState>((set) => ({
  screen: 'records',
  documentId: undefined,
  go: (screen) => set({ screen }),
  openDocument: (documentId) => set({ screen: 'document', documentId }),
}));
