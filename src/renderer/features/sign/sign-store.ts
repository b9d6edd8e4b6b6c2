/**
 * The signing flows: the teacher signs and submits a plan; the approver signs with their own
 * certificate, adds the school's seal in the same step, and approves (one plan or a batch with one PIN
 * entry); or returns a plan with a reason. Calls go through sign-actions.ts.
 */
import { create } from 'zustand';
import type { DocumentSummary } from '../../../shared/contract/records';
import type { ApiError } from '../../../shared/result';
import { call, onEvent, transport } from '../../api/client';
import { approvePlans, returnPlan, submitPlan, type Placement, type SignChoice } from './sign-actions';

export interface BatchItemResult {
  documentId: number;
  title: string;
  ok: boolean;
  error?: ApiError;
}

interface SignState {
  personalId: string | undefined;
  /** '' = approve without the seal; undefined = the first organisation certificate. */
  sealId: string | undefined;
  placement: Placement | undefined;
  busy: boolean;
  error: ApiError | undefined;
  done: string | undefined;
  /** Plans waiting for approval (status submitted), for the batch list. */
  waiting: DocumentSummary[];
  selected: Set<number>;
  progress: { done: number; total: number } | undefined;
  results: BatchItemResult[] | undefined;
  setPlacement(p: Placement | undefined): void;
  reset(): void;
  loadWaiting(schoolYearId: number | undefined): Promise<void>;
  toggle(id: number): void;
  selectAll(on: boolean): void;
  submit(documentId: number, actorStaffId: number, choice: SignChoice): Promise<boolean>;
  approve(documentIds: number[], actorStaffId: number, choice: SignChoice): Promise<boolean>;
  returnWithReason(documentId: number, actorStaffId: number, reason: string): Promise<boolean>;
}

export const useSign = create<SignState>((set, get) => ({
  personalId: undefined,
  sealId: undefined,
  placement: undefined,
  busy: false,
  error: undefined,
  done: undefined,
  waiting: [],
  selected: new Set(),
  progress: undefined,
  results: undefined,
  setPlacement: (placement) => set({ placement }),
  reset: () => set({ placement: undefined, error: undefined, done: undefined, results: undefined, progress: undefined }),
  async loadWaiting(schoolYearId) {
    // Submitted plans are found through search's filterless listing of the year's tree.
    if (schoolYearId === undefined) return;
    const tree = await call('records.tree', { schoolYearId });
    if (!tree.ok) return set({ error: tree.error });
    const folders: number[] = [];
    const walk = (nodes: typeof tree.value) => nodes.forEach((n) => (n.documentCount > 0 && folders.push(n.id), walk(n.children)));
    walk(tree.value);
    const lists = await Promise.all(folders.map((folderId) => call('records.list', { folderId, limit: 10_000 })));
    const waiting = lists.flatMap((l) => (l.ok ? l.value : [])).filter((d) => d.status === 'submitted');
    set({ waiting, selected: new Set([...get().selected].filter((id) => waiting.some((w) => w.id === id))) });
  },
  toggle(id) {
    const selected = new Set(get().selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    set({ selected });
  },
  selectAll(on) {
    set({ selected: on ? new Set(get().waiting.map((w) => w.id)) : new Set() });
  },
  async submit(documentId, actorStaffId, choice) {
    set({ busy: true, error: undefined, done: undefined });
    const r = await submitPlan(documentId, actorStaffId, choice, get().placement);
    set({ busy: false, ...(r.ok ? { done: 'submitted' } : { error: r.error }) });
    return r.ok;
  },
  async approve(documentIds, actorStaffId, choice) {
    set({ busy: true, error: undefined, done: undefined, results: undefined, progress: { done: 0, total: documentIds.length } });
    const r = await approvePlans(documentIds, actorStaffId, choice, documentIds.length === 1 ? get().placement : undefined);
    if (!r.ok) {
      set({ busy: false, progress: undefined, error: r.error });
      return false;
    }
    const titles = new Map(get().waiting.map((w) => [w.id, w.title]));
    const results = r.value.map((x) => ({ documentId: x.documentId, title: titles.get(x.documentId) ?? `#${x.documentId}`, ok: x.ok, ...(x.error ? { error: x.error } : {}) }));
    set({ busy: false, results, progress: { done: documentIds.length, total: documentIds.length }, done: results.every((x) => x.ok) ? 'approved' : undefined, selected: new Set() });
    return results.every((x) => x.ok);
  },
  async returnWithReason(documentId, actorStaffId, reason) {
    set({ busy: true, error: undefined, done: undefined });
    const r = await returnPlan(documentId, actorStaffId, reason);
    set({ busy: false, ...(r.ok ? { done: 'returned' } : { error: r.error }) });
    return r.ok;
  },
}));

if (transport.kind !== 'none') {
  onEvent('records.progress', (p) => {
    if (p.operation === 'approve' && useSign.getState().busy) useSign.setState({ progress: { done: p.done, total: p.total } });
  });
}
