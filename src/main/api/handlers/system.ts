import type { AppContext } from '../context';
import type { Handlers } from '../server';

export function systemHandlers(ctx: AppContext): Pick<Handlers, 'system.info'> {
  return {
    'system.info': async () => ({
      appName: 'Hồ Sơ Ký',
      version: ctx.options.version,
      dataDir: ctx.options.dataDir,
      demoProfile: false,
      host: ctx.options.host,
    }),
  };
}
