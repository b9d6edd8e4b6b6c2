import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { settingsService } from '../services/settings';

export function settingsHandlers(ctx: AppContext): Pick<Handlers, 'settings.get' | 'settings.update'> {
  return {
    'settings.get': () => settingsService(ctx).get(),
    'settings.update': (patch) => settingsService(ctx).update(patch),
  };
}
