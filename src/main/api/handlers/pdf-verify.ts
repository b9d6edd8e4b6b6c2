import path from 'node:path';
import { defineService, type AppContext } from '../context';
import type { Handlers } from '../server';
import { verifyPdf } from '../../core/pdf/verify/verify-pdf';
import { trustStores } from '../services/trust-store-cache';
import type { RevocationChecker, TimestampValidator } from '../../core/pdf/verify/extensions';
import { padesLevelOfFile } from '../../core/ltv/pdf-signatures';
import type { PdfVerificationReport } from '../../../shared/contract/verify';

/**
 * Where long-term validation plugs into `pdf.verify` for a context: the ltv part sets `revocation`
 * and `timestamps` (e.g. from its own service) before verifications run. Unset: "not checked (offline)".
 */
export interface VerificationExtensions {
  revocation?: RevocationChecker;
  timestamps?: TimestampValidator;
}
export const verificationExtensions = defineService<VerificationExtensions>(() => ({}));
export { bundledTrustDir } from '../services/trust-store-cache';

export function pdfVerifyHandlers(ctx: AppContext): Pick<Handlers, 'pdf.verify'> {
  return {
    'pdf.verify': async ({ path: file, trust }) => {
      const trustStore = trustStores(ctx).get((trust ?? []).map((f) => path.resolve(f)));
      const ext = verificationExtensions(ctx);
      const report = await verifyPdf(path.resolve(file), { trustStore, ...(ext.revocation ? { revocation: ext.revocation } : {}), ...(ext.timestamps ? { timestamps: ext.timestamps } : {}) });
      let padesLevel: PdfVerificationReport['padesLevel'];
      try {
        padesLevel = padesLevelOfFile(path.resolve(file));
      } catch {
        padesLevel = undefined;
      }
      return padesLevel ? { ...report, padesLevel } : report;
    },
  };
}
