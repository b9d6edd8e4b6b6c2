import type { ComponentType } from 'react';
import type { Screen } from './nav';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { NotReady } from '../ui/NotReady';

/** Each screen of the app; a screen whose API has not landed in this build says so plainly. */
export const screens: Record<Screen, ComponentType> = {
  token: () => <NotReady screen="token" />,
  records: () => <NotReady screen="records" />,
  document: () => <NotReady screen="records" />,
  sign: () => <NotReady screen="sign" />,
  staff: () => <NotReady screen="staff" />,
  forms: () => <NotReady screen="forms" />,
  report: () => <NotReady screen="report" />,
  settings: SettingsScreen,
};
