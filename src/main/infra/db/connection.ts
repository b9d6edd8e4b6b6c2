import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../core/errors';
import { migrate, type MigrationReport } from './migrate';
import { migrations as allMigrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Skip the migration step (backup checks open a copy read-only). */
  readonly?: boolean;
  /** For tests: the list of migrations to apply instead of the registry. */
  migrations?: readonly Migration[];
}

/**
 * Opens the store with the settings a records database needs to survive a power cut: WAL journal,
 * synchronous=FULL (a committed transaction is on disk), foreign keys enforced, and a busy timeout so a
 * second reader waits instead of failing. One connection per process is the one writer.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): { db: Db; migration: MigrationReport | null } {
  if (!opts.readonly) fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Db;
  try {
    db = new Database(file, { readonly: !!opts.readonly, fileMustExist: !!opts.readonly });
  } catch (e) {
    throw new AppError(
      'RECORDS_DB_OPEN_FAILED',
      `Không mở được cơ sở dữ liệu hồ sơ (${file}). Kiểm tra thư mục dữ liệu có tồn tại và được phép ghi.`,
      `Cannot open the records database (${file}). Check that the data folder exists and is writable.`,
      { file },
      { cause: e },
    );
  }
  db.pragma('busy_timeout = 5000');
  if (!opts.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  if (opts.readonly) return { db, migration: null };
  try {
    const migration = migrate(db, file, opts.migrations ?? allMigrations);
    return { db, migration };
  } catch (e) {
    db.close();
    throw e;
  }
}
