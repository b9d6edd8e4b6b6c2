// What `hosoky sign` needs of the application: the token and PDF-signing handlers over one context
// (the long-term-validation queue they use opens the store when it is needed). openApp would also build
// every other domain and load its packages (Word forms, reports, staff), which signing never calls.
import { createAppContext } from '../api/context';
import { ApiServer, type Handlers } from '../api/server';
import type { App } from '../api';
import { tokensHandlers } from '../api/handlers/tokens';
import { pdfSignHandlers } from '../api/handlers/pdf-sign';
import { defaultDataDir } from '../infra/fs/app-data';
import type { CliIo } from './io';
import pkg from '../../../package.json';

export function openSigningApp(io: CliIo, dataDir?: string): App {
  const ctx = createAppContext({ dataDir: dataDir ?? defaultDataDir(io.env), host: 'cli', version: pkg.version });
  return { ctx, server: new ApiServer({ ...tokensHandlers(ctx), ...pdfSignHandlers(ctx) } as unknown as Handlers, ctx.events) };
}
