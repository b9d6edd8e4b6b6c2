import type { ComponentType } from 'react';
import type { Screen } from './nav';
import { TokenScreen } from '../features/token/TokenScreen';
import { RecordsScreen } from '../features/records/RecordsScreen';
import { DocumentScreen } from '../features/document/DocumentScreen';
import { SignScreen } from '../features/sign/SignScreen';
import { StaffScreen } from '../features/staff/StaffScreen';
import { FormsScreen } from '../features/forms/FormsScreen';
import { ReportScreen } from '../features/report/ReportScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';

export const screens: Record<Screen, ComponentType> = {
  token: TokenScreen,
  records: RecordsScreen,
  document: DocumentScreen,
  sign: SignScreen,
  staff: StaffScreen,
  forms: FormsScreen,
  report: ReportScreen,
  settings: SettingsScreen,
};
