/**
 * What the verifier gets from long-term validation, kept apart from the queue so that `hosoky verify`
 * loads no database: the revocation checker (embedded → cache → online when Settings `onlineChecks`
 * allows) and the timestamp validator, over the bundled + user trust anchors.
 */
import path from 'node:path';
import type { AppContext } from '../context';
import { settingsService } from './settings';
import { bundledTrustDir, verificationExtensions } from '../handlers/pdf-verify';
import { loadTrustStore, type TrustStore } from '../../core/pki/trust-store';
import { createRevocationChecker } from '../../core/ltv/revocation';
import { createTimestampValidator } from '../../core/ltv/timestamp-validator';
import type { LtvNetwork, ValidationCache } from '../../core/ltv/ports';
import type { RevocationChecker, TimestampValidator } from '../../core/pdf/verify/extensions';
import { PdfDocument } from '../../core/pdf/parser';
import { ltvState } from '../../core/ltv/pdf-signatures';
import { archiveExpiry } from '../../core/ltv/upgrade';
import type { LtvLevelReport } from '../../../shared/contract/ltv';
import { createHttpNetwork } from '../../infra/net/http';
import { createValidationCache } from '../../infra/net/validation-cache';

export interface VerificationParts {
  network: LtvNetwork;
  cache: ValidationCache;
  trustStore(): TrustStore;
  revocation: RevocationChecker;
  timestamps: TimestampValidator;
}

export function verificationParts(ctx: AppContext, network: LtvNetwork = createHttpNetwork(), cache: ValidationCache = createValidationCache(ctx.options.dataDir)): VerificationParts {
  const trustStore = () => loadTrustStore({ bundledDir: bundledTrustDir(), userDir: path.join(ctx.options.dataDir, 'trust') });
  const revocation: RevocationChecker = {
    check: async (query) => {
      const online = (await settingsService(ctx).get()).onlineChecks;
      return createRevocationChecker({ cache, network: online ? network : null }).check(query);
    },
  };
  const validator = () => createTimestampValidator({ trustStore: trustStore(), revocation });
  return {
    network,
    cache,
    trustStore,
    revocation,
    timestamps: {
      validateSignatureTimestamp: (token, value, embedded) => validator().validateSignatureTimestamp(token, value, embedded),
      validateDocumentTimestamp: (token, embedded) => validator().validateDocumentTimestamp(token, embedded),
    },
  };
}

/** Lets `pdf.verify` of this context check revocation and timestamps. */
export function installVerificationExtensions(ctx: AppContext): void {
  const ext = verificationExtensions(ctx);
  if (ext.revocation && ext.timestamps) return;
  const parts = verificationParts(ctx);
  ext.revocation = parts.revocation;
  ext.timestamps = parts.timestamps;
}

export function levelOf(file: string): ReturnType<typeof ltvState> {
  const doc = PdfDocument.open(file);
  try {
    return ltvState(doc);
  } finally {
    doc.close();
  }
}

/** The PAdES level a file has reached, for `ltv.level` and the verification report. */
export function levelReport(file: string): LtvLevelReport {
  const state = levelOf(path.resolve(file));
  const expiry = archiveExpiry(state);
  return {
    path: path.resolve(file),
    level: state.level,
    signatures: state.signatures.length,
    documentTimestamps: state.documentTimestamps.length,
    signatureTimestamps: state.signatures.filter((s) => s.signatureTimestamp).length,
    hasDss: state.dss !== null,
    archiveValidUntil: expiry ? expiry.toISOString() : null,
  };
}
