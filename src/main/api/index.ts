import { createAppContext, type AppOptions, type AppContext } from './context';
import { createHandlers } from './handlers';
import { ApiServer } from './server';

export interface App {
  ctx: AppContext;
  server: ApiServer;
}

/** Builds the whole application behind the API; every host (Electron, bridge, CLI) starts here. */
export function createApp(options: AppOptions): App {
  const ctx = createAppContext(options);
  const server = new ApiServer(createHandlers(ctx), ctx.events);
  return { ctx, server };
}

export type { AppOptions, AppContext };
