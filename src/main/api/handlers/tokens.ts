import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { settingsService } from '../services/settings';
import { tokenService } from '../services/tokens';
import { preloadAppearance } from '../../core/pdf/appearance';

type TokenMethods = 'tokens.modules' | 'tokens.list' | 'tokens.login' | 'tokens.logout' | 'tokens.addModulePath' | 'tokens.removeModulePath';

export function tokensHandlers(ctx: AppContext): Pick<Handlers, TokenMethods> {
  const tokens = () => tokenService(ctx);
  return {
    'tokens.modules': () => tokens().modulesWithSettings(),
    'tokens.list': async ({ modulePaths }) => {
      const modules = await tokens().list(modulePaths);
      // Hot-plug is watched only where a UI can hear it: the command line lists once and exits.
      if (ctx.options.host !== 'cli') await tokens().watch(modules.filter((m) => !m.error).map((m) => m.module.path));
      return { modules };
    },
    'tokens.login': async ({ tokenId, pin, confirmFinalTry }) => {
      const session = await tokens().login(tokenId, pin, { confirmFinalTry });
      // A signature follows a login: the visible signature's font machinery loads while the user
      // picks the file and the place, not on the first file. A failure here shows up when signing.
      if (ctx.options.host !== 'cli') void preloadAppearance().catch(() => undefined);
      return session;
    },
    'tokens.logout': async ({ sessionId }) => ({ closed: await tokens().logout(sessionId) }),
    'tokens.addModulePath': async ({ path }) => {
      const [report] = await tokens().list([path]);
      const current = (await settingsService(ctx).get()).tokenModulePaths;
      // Only a module that loads is remembered: a wrong file is reported, not saved.
      const modulePaths = report!.error || current.includes(path) ? current : (await settingsService(ctx).update({ tokenModulePaths: [...current, path] })).tokenModulePaths;
      return { modulePaths, report: { ...report!, module: { ...report!.module, source: 'settings' } } };
    },
    'tokens.removeModulePath': async ({ path }) => {
      const current = (await settingsService(ctx).get()).tokenModulePaths;
      const settings = await settingsService(ctx).update({ tokenModulePaths: current.filter((p) => p !== path) });
      return { modulePaths: settings.tokenModulePaths };
    },
  };
}
