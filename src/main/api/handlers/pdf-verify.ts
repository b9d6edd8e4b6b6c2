import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineService, type AppContext } from '../context';
import type { Handlers } from '../server';
import { verifyPdf } from '../../core/pdf/verify/verify-pdf';
import { loadTrustStore } from '../../core/pki/trust-store';
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

/**
 * The trust anchors shipped with the app: `resources/trust` next to the app (Electron's resources
 * folder when packaged, else the checkout or install folder the code runs from). HOSOKY_RESOURCES wins.
 */
export function bundledTrustDir(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.HOSOKY_RESOURCES) return path.join(env.HOSOKY_RESOURCES, 'trust');
  const starts: string[] = [];
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) starts.push(resourcesPath, path.join(resourcesPath, 'app'));
  try {
    starts.push(path.dirname(fileURLToPath(import.meta.url)));
  } catch {
    // CommonJS bundle (Electron main): import.meta.url is not available; the resources path serves.
  }
  if (process.argv[1]) starts.push(path.dirname(path.resolve(process.argv[1])));
  for (const start of starts) {
    for (let dir = start, i = 0; i < 8; i++, dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'resources', 'trust');
      if (fs.existsSync(candidate)) return candidate;
      const direct = path.join(dir, 'trust');
      if (dir === resourcesPath && fs.existsSync(direct)) return direct;
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}

export function pdfVerifyHandlers(ctx: AppContext): Pick<Handlers, 'pdf.verify'> {
  return {
    'pdf.verify': async ({ path: file, trust }) => {
      const trustStore = loadTrustStore({
        bundledDir: bundledTrustDir(),
        userDir: path.join(ctx.options.dataDir, 'trust'),
        explicitFiles: trust ?? [],
      });
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
