/**
 * Who is using the app now: the staff member whose name goes in the history and audit trail when they
 * import, submit, approve or return. Chosen once per computer (remembered), changed from the top bar.
 */
import { create } from 'zustand';
import type { StaffView } from '../../shared/contract/staff';
import { call } from '../api/client';

const KEY = 'hosoky.actorStaffId';

interface ActorState {
  staff: StaffView[];
  actorId: number | undefined;
  load(): Promise<void>;
  setActor(id: number | undefined): void;
}

export const useActor = create<ActorState>((set, get) => ({
  staff: [],
  actorId: Number(localStorage.getItem(KEY)) || undefined,
  async load() {
    const r = await call('staff.list', {});
    if (!r.ok) return;
    const actorId = get().actorId;
    set({ staff: r.value, actorId: r.value.some((s) => s.id === actorId) ? actorId : undefined });
  },
  setActor(id) {
    if (id) localStorage.setItem(KEY, String(id));
    else localStorage.removeItem(KEY);
    set({ actorId: id });
  },
}));

export const useActorView = (): StaffView | undefined => useActor((s) => s.staff.find((x) => x.id === s.actorId));
