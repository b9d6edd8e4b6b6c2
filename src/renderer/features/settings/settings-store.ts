import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../shared/contract/settings';
import type { SchoolInfo, SchoolYearInfo } from '../../../shared/contract/records';
import type { TokenModule } from '../../../shared/contract/tokens';
import type { ApiError } from '../../../shared/result';
import { call } from '../../api/client';

interface SettingsState {
  settings: Settings | undefined;
  school: SchoolInfo | null | undefined;
  years: SchoolYearInfo[];
  modules: TokenModule[];
  backups: Array<{ file: string; size: number; modified: string }>;
  error: ApiError | undefined;
  /** Which section just saved (for its "Đã lưu" note). */
  saved: string | undefined;
  load(): Promise<void>;
  update(patch: SettingsPatch, section: string): Promise<boolean>;
  saveSchool(s: SchoolInfo): Promise<boolean>;
  addYear(name: string): Promise<boolean>;
  addModule(path: string): Promise<boolean>;
  removeModule(path: string): Promise<void>;
  backupNow(): Promise<void>;
}

export const useSettings = create<SettingsState>((set, get) => {
  const fail = (error: ApiError) => {
    set({ error, saved: undefined });
    return false;
  };
  return {
    settings: undefined,
    school: undefined,
    years: [],
    modules: [],
    backups: [],
    error: undefined,
    saved: undefined,
    async load() {
      const [settings, school, years, modules, backups] = await Promise.all([
        call('settings.get', {}),
        call('records.getSchool', {}),
        call('records.listSchoolYears', {}),
        call('tokens.modules', {}),
        call('records.listBackups', {}),
      ]);
      set({
        ...(settings.ok ? { settings: settings.value } : { error: settings.error }),
        ...(school.ok ? { school: school.value } : {}),
        ...(years.ok ? { years: years.value } : {}),
        ...(modules.ok ? { modules: modules.value } : {}),
        ...(backups.ok ? { backups: backups.value } : {}),
      });
    },
    async update(patch, section) {
      const r = await call('settings.update', patch);
      if (!r.ok) return fail(r.error);
      set({ settings: r.value, error: undefined, saved: section });
      return true;
    },
    async saveSchool(s) {
      const r = await call('records.setSchool', { name: s.name, managingUnit: s.managingUnit, level: s.level });
      if (!r.ok) return fail(r.error);
      set({ school: r.value, error: undefined, saved: 'school' });
      return true;
    },
    async addYear(name) {
      const r = await call('records.addSchoolYear', { name });
      if (!r.ok) return fail(r.error);
      set({ years: [...get().years, r.value], error: undefined, saved: 'years' });
      return true;
    },
    async addModule(path) {
      const r = await call('tokens.addModulePath', { path });
      if (!r.ok) return fail(r.error);
      set({ error: undefined, saved: 'drivers' });
      await get().load();
      return true;
    },
    async removeModule(path) {
      const r = await call('tokens.removeModulePath', { path });
      if (!r.ok) return void fail(r.error);
      await get().load();
    },
    async backupNow() {
      const r = await call('records.backup', {});
      if (!r.ok) return void fail(r.error);
      set({ saved: 'backup', error: undefined });
      await get().load();
    },
  };
});
