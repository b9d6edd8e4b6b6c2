import { create } from 'zustand';
import type { StaffCertificateView, StaffView } from '../../../shared/contract/staff';
import type { ApiError } from '../../../shared/result';
import { call } from '../../api/client';
import { useActor } from '../../app/actor-store';

export type StaffDraft = {
  fullName: string;
  dateOfBirth: string;
  position: string;
  unit: string;
  cccd: string;
  cccdIssuedOn: string;
  phone: string;
  roles: StaffView['roles'];
  status: StaffView['status'];
  statusNote: string;
};

export const emptyDraft = (): StaffDraft => ({ fullName: '', dateOfBirth: '', position: '', unit: '', cccd: '', cccdIssuedOn: '', phone: '', roles: ['teacher'], status: 'working', statusNote: '' });

export const draftOf = (s: StaffView): StaffDraft => ({
  fullName: s.fullName,
  dateOfBirth: s.dateOfBirth ?? '',
  position: s.position ?? '',
  unit: s.unit ?? '',
  cccd: s.cccd ?? '',
  cccdIssuedOn: s.cccdIssuedOn ?? '',
  phone: s.phone ?? '',
  roles: s.roles,
  status: s.status,
  statusNote: s.statusNote ?? '',
});

interface StaffState {
  staff: StaffView[];
  expiring: Array<{ staffId: number; fullName: string; certificate: StaffCertificateView }>;
  error: ApiError | undefined;
  editing: { id?: number; draft: StaffDraft } | undefined;
  saveError: ApiError | undefined;
  load(): Promise<void>;
  edit(s?: StaffView): void;
  cancel(): void;
  save(draft: StaffDraft): Promise<boolean>;
  attach(der: string, token: string, staffId: number): Promise<ApiError | undefined>;
}

const nul = (v: string) => (v.trim() === '' ? null : v.trim());

export const useStaff = create<StaffState>((set, get) => ({
  staff: [],
  expiring: [],
  error: undefined,
  editing: undefined,
  saveError: undefined,
  async load() {
    const [list, expiring] = await Promise.all([call('staff.list', { includeLeft: true }), call('staff.expiring', {})]);
    set({ ...(list.ok ? { staff: list.value, error: undefined } : { error: list.error }), ...(expiring.ok ? { expiring: expiring.value } : {}) });
  },
  edit(s) {
    set({ editing: s ? { id: s.id, draft: draftOf(s) } : { draft: emptyDraft() }, saveError: undefined });
  },
  cancel() {
    set({ editing: undefined, saveError: undefined });
  },
  async save(d) {
    const id = get().editing?.id;
    const r = await call('staff.save', {
      ...(id ? { id } : {}),
      staff: {
        fullName: d.fullName.trim(),
        dateOfBirth: nul(d.dateOfBirth),
        position: nul(d.position),
        unit: nul(d.unit),
        cccd: nul(d.cccd),
        cccdIssuedOn: nul(d.cccdIssuedOn),
        phone: nul(d.phone),
        roles: d.roles,
        status: d.status,
        statusNote: nul(d.statusNote),
      },
    });
    if (!r.ok) {
      set({ saveError: r.error });
      return false;
    }
    set({ editing: undefined, saveError: undefined });
    await get().load();
    void useActor.getState().load();
    return true;
  },
  async attach(der, token, staffId) {
    const r = await call('staff.attachCertificate', { der, token, staffId });
    await get().load();
    return r.ok ? undefined : r.error;
  },
}));
