import { create } from 'zustand';
import type { DocumentSummary, FolderNode, ImportFileResult, SchoolYearInfo } from '../../../shared/contract/records';
import type { ApiError } from '../../../shared/result';
import { call, onEvent, transport } from '../../api/client';
import { useActor } from '../../app/actor-store';

const PAGE = 200;

interface RecordsState {
  years: SchoolYearInfo[];
  yearId: number | undefined;
  tree: FolderNode[];
  folderId: number | undefined;
  /** Rows of the open folder by index; pages are loaded as they scroll into view. */
  rows: Map<number, DocumentSummary>;
  pagesLoading: Set<number>;
  query: string;
  searchResults: DocumentSummary[] | undefined;
  importing: boolean;
  importProgress: { done: number; total: number } | undefined;
  importResults: ImportFileResult[] | undefined;
  error: ApiError | undefined;
  load(): Promise<void>;
  selectYear(id: number): Promise<void>;
  reloadTree(): Promise<void>;
  selectFolder(id: number): void;
  needRange(from: number, to: number): void;
  search(query: string): Promise<void>;
  importPaths(paths: string[]): Promise<void>;
  importFiles(files: File[]): Promise<void>;
}

export function findFolder(nodes: FolderNode[], id: number | undefined): FolderNode | undefined {
  for (const n of nodes) {
    if (n.id === id) return n;
    const inChild = findFolder(n.children, id);
    if (inChild) return inChild;
  }
  return undefined;
}

/** Base64 of a file without building one huge string of characters first. */
async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export const useRecords = create<RecordsState>((set, get) => ({
  years: [],
  yearId: undefined,
  tree: [],
  folderId: undefined,
  rows: new Map(),
  pagesLoading: new Set(),
  query: '',
  searchResults: undefined,
  importing: false,
  importProgress: undefined,
  importResults: undefined,
  error: undefined,
  async load() {
    const r = await call('records.listSchoolYears', {});
    if (!r.ok) return set({ error: r.error });
    set({ years: r.value, error: undefined });
    const current = get().yearId ?? r.value[r.value.length - 1]?.id;
    if (current !== undefined) await get().selectYear(current);
  },
  async selectYear(id) {
    set({ yearId: id });
    await get().reloadTree();
  },
  async reloadTree() {
    const yearId = get().yearId;
    if (yearId === undefined) return;
    const r = await call('records.tree', { schoolYearId: yearId });
    if (!r.ok) return set({ error: r.error });
    const folderId = get().folderId ?? r.value[0]?.id;
    set({ tree: r.value, error: undefined, rows: new Map(), pagesLoading: new Set() });
    if (folderId !== undefined) get().selectFolder(folderId);
  },
  selectFolder(id) {
    set({ folderId: id, rows: new Map(), pagesLoading: new Set(), searchResults: undefined, query: '' });
    get().needRange(0, PAGE);
  },
  needRange(from, to) {
    const { folderId, rows, pagesLoading } = get();
    if (folderId === undefined) return;
    for (let page = Math.floor(from / PAGE); page * PAGE < to; page++) {
      if (pagesLoading.has(page) || rows.has(page * PAGE)) continue;
      pagesLoading.add(page);
      void call('records.list', { folderId, limit: PAGE, offset: page * PAGE }).then((r) => {
        if (get().folderId !== folderId) return;
        if (!r.ok) return set({ error: r.error });
        const next = new Map(get().rows);
        r.value.forEach((d, i) => next.set(page * PAGE + i, d));
        set({ rows: next });
      });
    }
  },
  async search(query) {
    set({ query });
    if (!query.trim()) return set({ searchResults: undefined });
    const r = await call('records.search', { query, ...(get().yearId ? { schoolYearId: get().yearId } : {}), limit: 500 });
    if (get().query !== query) return;
    set(r.ok ? { searchResults: r.value, error: undefined } : { error: r.error });
  },
  async importPaths(paths) {
    const folderId = get().folderId;
    if (folderId === undefined || paths.length === 0) return;
    set({ importing: true, importResults: undefined, importProgress: { done: 0, total: paths.length } });
    // The person importing is the author of what they import (a teacher adds their own plans).
    const actor = useActor.getState().actorId;
    const r = await call('records.import', { paths, folderId, ...(actor ? { ownerStaffId: actor, actorStaffId: actor } : {}) });
    set({ importing: false, importProgress: undefined, ...(r.ok ? { importResults: r.value, error: undefined } : { error: r.error }) });
    await get().reloadTree();
  },
  async importFiles(files) {
    const folderId = get().folderId;
    if (folderId === undefined || files.length === 0) return;
    set({ importing: true, importResults: undefined, importProgress: { done: 0, total: files.length } });
    const paths: string[] = [];
    for (const f of files) {
      const staged = await call('files.stage', { fileName: f.name, contentBase64: await fileToBase64(f) });
      if (!staged.ok) {
        set({ importing: false, importProgress: undefined, error: staged.error });
        return;
      }
      paths.push(staged.value.path);
    }
    await get().importPaths(paths);
  },
}));

if (transport.kind !== 'none') {
  onEvent('records.progress', (p) => {
    if (p.operation === 'import' && useRecords.getState().importing) useRecords.setState({ importProgress: { done: p.done, total: p.total } });
  });
}
