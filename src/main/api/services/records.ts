import path from 'node:path';
import { defineService, type AppContext } from '../context';
import { openDatabase, type Db } from '../../infra/db/connection';
import { FileBlobStore } from '../../infra/fs/blob-store';
import { restoreBackup } from '../../infra/db/backup';
import { RecordStore } from '../../core/records/store';
import { pdftotextExtractor } from '../../core/records/extract-text';
import { findLibreOffice, libreOfficeConverter } from '../../core/records/convert-office';

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

  constructor(dataDir: string) {
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
      ...(soffice ? { convertToPdf: libreOfficeConverter(soffice) } : {}),
    });
  }

  /** Swaps in a checked backup: the connection is closed for the swap and reopened (and migrated) after. */
  async restore(file: string) {
    this.db.close();
    try {
      return await restoreBackup(file, this.paths.dbFile, this.blobs);
    } finally {
      this.db = openDatabase(this.paths.dbFile).db;
      this.store = this.makeStore();
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
export const recordsService = defineService((ctx: AppContext) => new RecordsService(ctx.options.dataDir), (s) => s.close());
