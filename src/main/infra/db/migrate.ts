import fs from 'node:fs';
import type Database from 'better-sqlite3';
import { AppError } from '../../core/errors';
import type { Migration } from './migrations';

export interface MigrationReport {
  from: number;
  to: number;
  applied: Array<{ version: number; name: string }>;
  /** Copy of the database taken before the first migration ran (null when nothing was applied or the db was new). */
  backupFile: string | null;
}

/**
 * Applies the migrations whose version is above `PRAGMA user_version`, and those below it that say
 * they are missing (`isApplied`), in ascending order, each in its own transaction together with the
 * user_version bump, so a crash leaves the store at a whole version. Versions may have gaps (each area
 * owns a range). A database written by a newer Hồ Sơ Ký is refused: this version would not know its
 * tables and could damage them.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[]): MigrationReport {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.version === sorted[i - 1]!.version) throw new Error(`Two migrations share version ${sorted[i]!.version}`);
  }
  const newest = sorted.length ? sorted[sorted.length - 1]!.version : 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > newest) {
    throw new AppError(
      'RECORDS_DB_TOO_NEW',
      `Cơ sở dữ liệu hồ sơ này được tạo bởi một phiên bản Hồ Sơ Ký mới hơn (phiên bản dữ liệu ${current}, phần mềm này chỉ hiểu đến ${newest}). Hãy cập nhật Hồ Sơ Ký lên bản mới nhất; không mở bằng bản cũ để tránh hỏng dữ liệu.`,
      `This records database was created by a newer Hồ Sơ Ký (data version ${current}, this program knows up to ${newest}). Update Hồ Sơ Ký; do not open it with an older version.`,
      { current, newest },
    );
  }
  const pending = sorted.filter((m) => m.version > current || (m.isApplied !== undefined && !m.isApplied(db)));
  const report: MigrationReport = { from: current, to: current, applied: [], backupFile: null };
  if (pending.length === 0) return report;
  if (current > 0 && file !== ':memory:') report.backupFile = backupBeforeMigration(db, file, current);
  for (const m of pending) {
    db.transaction(() => {
      m.up(db);
      // A late migration (below the store's version) leaves the version where it was.
      db.pragma(`user_version = ${Math.max(m.version, report.to)}`);
    })();
    report.applied.push({ version: m.version, name: m.name });
    report.to = Math.max(m.version, report.to);
  }
  return report;
}

/** A consistent copy (VACUUM INTO reads through the WAL) next to the store, named after the old version. */
function backupBeforeMigration(db: Database.Database, file: string, version: number): string {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const target = `${file}.v${version}.${stamp}.before-migration`;
  if (fs.existsSync(target)) fs.rmSync(target);
  db.prepare('VACUUM INTO ?').run(target);
  const fd = fs.openSync(target, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return target;
}
