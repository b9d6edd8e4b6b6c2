// The part of `hosoky tokens` that needs the API (contract validation, the token service and the
// certificate parser): imported by the command only after it has started the token workers.
import { createAppContext } from '../api/context';
import { ApiServer, type Handlers } from '../api/server';
import { tokensHandlers } from '../api/handlers/tokens';
import type { ModuleReport } from '../../shared/contract/tokens';
import type { Result } from '../../shared/result';
import pkg from '../../../package.json';

export async function listTokens(dataDir: string, modulePaths: string[] | undefined): Promise<Result<{ modules: ModuleReport[] }>> {
  const ctx = createAppContext({ dataDir, host: 'cli', version: pkg.version });
  // Only the token handlers (same validation and errors as the full API): this command must answer
  // in well under a second, so it does not build the PDF, database and Word parts it never calls.
  const server = new ApiServer(tokensHandlers(ctx) as unknown as Handlers, ctx.events);
  try {
    return (await server.call('tokens.list', modulePaths?.length ? { modulePaths } : {})) as Result<{ modules: ModuleReport[] }>;
  } finally {
    await ctx.close();
  }
}
