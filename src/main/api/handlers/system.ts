import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { tokenService } from '../services/tokens';

export function systemHandlers(ctx: AppContext): Pick<Handlers, 'system.info'> {
  return {
    'system.info': async () => ({
      appName: 'Hồ Sơ Ký',
      version: ctx.options.version,
      dataDir: ctx.options.dataDir,
      // The demo signer is offered when no token driver that could load is installed. OpenSC found by
      // the built-in table does not count: Linux installs it with desktop packages, not for a token.
      demoProfile: !(await tokenService(ctx).modulesWithSettings()).some((m) => m.present && !m.problem && !(m.source === 'builtin' && m.provider === 'opensc')),
      host: ctx.options.host,
    }),
  };
}
