import type { AppContext } from '../context';
import type { Handlers } from '../server';
import { ltvService, levelReport } from '../services/ltv';
import { verificationExtensions } from './pdf-verify';

export function ltvHandlers(ctx: AppContext): Pick<Handlers, 'ltv.status' | 'ltv.run' | 'ltv.enqueue' | 'ltv.upgrade' | 'ltv.level'> {
  // The verifier checks revocation and timestamps through this context's LTV service.
  const ext = verificationExtensions(ctx);
  ext.revocation = { check: (query) => ltvService(ctx).revocation().check(query) };
  ext.timestamps = {
    validateSignatureTimestamp: (token, value, embedded) => ltvService(ctx).timestamps().validateSignatureTimestamp(token, value, embedded),
    validateDocumentTimestamp: (token, embedded) => ltvService(ctx).timestamps().validateDocumentTimestamp(token, embedded),
  };
  if (ctx.options.host === 'electron') ltvService(ctx).startAutoRun();
  return {
    'ltv.status': () => ltvService(ctx).status(),
    'ltv.run': () => ltvService(ctx).run(),
    'ltv.enqueue': async ({ input, output, level, documentId }) => ltvService(ctx).enqueue(input, output, level ?? (await ltvService(ctx).defaultLevel()), documentId ?? null),
    'ltv.upgrade': ({ input, output, level, queueOnFailure }) => ltvService(ctx).upgrade(input, output, level, queueOnFailure),
    'ltv.level': async ({ path }) => levelReport(path),
  };
}
