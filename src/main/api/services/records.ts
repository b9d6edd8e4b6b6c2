import path from 'node:path';
import { defineService, type AppContext } from '../context';
import { openDatabase, type Db } from '../../infra/db/connection';
import { FileBlobStore } from '../../infra/fs/blob-store';
import { restoreBackup } from '../../infra/db/backup';
import { RecordStore } from '../../core/records/store';
import { pdftotextExtractor } from '../../core/records/extract-text';
import { findLibreOffice, libreOfficeConverter } from '../../core/records/convert-office';
import type { FoundSignature } from '../../core/records/documents';
import { appendAudit } from '../../core/records/audit';
import { verifyPdf } from '../../core/pdf/verify/verify-pdf';
import { trustStores } from './trust-store-cache';
import type { TrustStore } from '../../core/pki/trust-store';

export const DB_FILE_NAME = 'hosoky.sqlite';

/** Where the store lives inside the data folder (HOSOKY_DATA or --db). */
export function storePaths(dataDir: string) {
  return { dbFile: path.join(dataDir, DB_FILE_NAME), blobDir: path.join(dataDir, 'blobs'), backupDir: path.join(dataDir, 'backups') };
}

export class RecordsService {
  db: Db;
  store: RecordStore;
  readonly blobs: FileBlobStore;
  readonly paths: ReturnType<typeof storePaths>;
  private closed = false;

  constructor(dataDir: string, private readonly trustStore: () => TrustStore) {
    this.paths = storePaths(dataDir);
    this.blobs = new FileBlobStore(this.paths.blobDir);
    this.blobs.removeLeftoverTemps();
    this.db = openDatabase(this.paths.dbFile).db;
    this.store = this.makeStore();
  }

  private makeStore(): RecordStore {
    const soffice = findLibreOffice();
    return new RecordStore(this.db, this.blobs, {
      extractText: pdftotextExtractor(),
      readSignatures: (p) => this.readSignatures(p),
      ...(soffice ? { convertToPdf: libreOfficeConverter(soffice) } : {}),
    });
  }

  /**
   * The signatures of a stored version, checked by the PDF verifier against the trust anchors (bundled
   * and the user's). Revocation is not fetched here (imports must work offline and fast): the stored
   * verdict says so in its reasons; `pdf.verify` gives the full online check.
   */
  async readSignatures(pdfPath: string): Promise<FoundSignature[]> {
    let report;
    try {
      report = await verifyPdf(pdfPath, { trustStore: this.trustStore() });
    } catch {
      return []; // A PDF the verifier cannot read is still stored; `pdf.verify` explains why.
    }
    return report.signatures.filter((s) => s.kind !== 'document-timestamp').map((s) => ({
      fieldName: s.fieldName,
      signerName: s.signer?.subjectCommonName ?? s.nameInDictionary,
      certificate: null,
      certificateSha256: s.signer?.sha256Fingerprint ?? null,
      organisation: s.signer?.holder === 'organisation',
      signingTime: s.signingTime?.usedForValidation ?? null,
      verdict: s.verdict,
      details: {
        kind: s.kind, issuingCa: s.issuingCa, managingUnit: s.managingUnit, provider: s.signer?.provider?.name ?? null,
        timestamp: s.signingTime?.timestamp ?? null, reasons: s.reasons.map((r) => r.vi),
      },
    }));
  }

  /** Swaps in a checked backup: the connection is closed for the swap and reopened (and migrated) after. */
  async restore(file: string) {
    this.db.close();
    try {
      const result = await restoreBackup(file, this.paths.dbFile, this.blobs);
      this.db = openDatabase(this.paths.dbFile).db;
      this.store = this.makeStore();
      // The restored trail goes on with the restore itself, so the next reader knows it happened.
      const at = this.store.now();
      this.db.transaction(() => appendAudit(this.db, at, { action: 'store.restore', actor: null, documentUid: null, details: { file, previous: result.previous } }))();
      return result;
    } finally {
      if (!this.db.open) {
        this.db = openDatabase(this.paths.dbFile).db;
        this.store = this.makeStore();
      }
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}

/**
 * The one connection to the store for this context (the single writer). Other areas use
 * `recordsService(ctx).db` for their own tables.
 */
export const recordsService = defineService((ctx: AppContext) => new RecordsService(ctx.options.dataDir, () => trustStores(ctx).get()), (s) => s.close());
