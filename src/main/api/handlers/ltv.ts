import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { ltvService, levelReport } from '../services/ltv';
import { installVerificationExtensions } from '../services/ltv-verification';

export function ltvHandlers(ctx: AppContext): Pick<Handlers, 'ltv.status' | 'ltv.run' | 'ltv.enqueue' | 'ltv.upgrade' | 'ltv.level'> {
  // The verifier checks revocation and timestamps through LTV.
  installVerificationExtensions(ctx);
  if (ctx.options.host === 'electron') ltvService(ctx).startAutoRun();
  return {
    'ltv.status': () => ltvService(ctx).status(),
    'ltv.run': () => ltvService(ctx).run(),
    'ltv.enqueue': async ({ input, output, level, documentId }) => ltvService(ctx).enqueue(input, output, level ?? (await ltvService(ctx).defaultLevel()), documentId ?? null),
    'ltv.upgrade': ({ input, output, level, queueOnFailure }) => ltvService(ctx).upgrade(input, output, level, queueOnFailure),
    'ltv.level': async ({ path }) => levelReport(path),
  };
}
