import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppError } from '../../core/errors';
import { FileBlobStore, hashFile } from '../fs/blob-store';
import { migrations } from './migrations';

const SNAPSHOT = /^hosoky-(\d{8}T\d{6}Z?\d*)\.sqlite$/;

function fsyncPath(p: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(p, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface BackupResult {
  file: string;
  blobsCopied: number;
  removed: string[];
}

/**
 * An online backup (SQLite's backup API: readers and the writer keep working) into `destDir`, with the
 * document files it names copied into `destDir/blobs`. The snapshot is written under a temp name and
 * renamed only when complete and its files are copied, so a backup that is visible is always whole.
 * Keeps the newest `keep` snapshots (files are shared by all snapshots, stored once by hash).
 */
export async function backupDatabase(db: Database.Database, liveBlobs: FileBlobStore, destDir: string, keep = 7, now = new Date()): Promise<BackupResult> {
  fs.mkdirSync(destDir, { recursive: true });
  for (const n of fs.readdirSync(destDir)) if (n.startsWith('.hosoky-') && n.endsWith('.tmp')) fs.rmSync(path.join(destDir, n), { force: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.(\d+)Z$/, 'Z$1');
  let final = path.join(destDir, `hosoky-${stamp}.sqlite`);
  for (let i = 1; fs.existsSync(final); i++) final = path.join(destDir, `hosoky-${stamp}${i}.sqlite`);
  const temp = path.join(destDir, `.${path.basename(final)}.tmp`);
  await db.backup(temp);
  fsyncPath(temp);
  let blobsCopied = 0;
  try {
    const snap = new Database(temp, { readonly: true });
    let shas: string[];
    try {
      shas = (snap.prepare('SELECT sha256 FROM blobs').all() as Array<{ sha256: string }>).map((r) => r.sha256);
    } finally {
      snap.close();
    }
    const dest = new FileBlobStore(path.join(destDir, 'blobs'));
    for (const sha of shas) {
      if (dest.has(sha)) continue;
      if (!liveBlobs.has(sha)) continue; // reported by `records check`; the snapshot is still worth keeping
      await dest.putFile(liveBlobs.pathOf(sha));
      blobsCopied++;
    }
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw e;
  }
  fs.renameSync(temp, final);
  fsyncPath(destDir);
  const snapshots = listBackups(destDir);
  const removed = snapshots.slice(keep).map((s) => s.file);
  for (const f of removed) fs.rmSync(f, { force: true });
  return { file: final, blobsCopied, removed };
}

export function listBackups(destDir: string): Array<{ file: string; size: number; modified: string }> {
  if (!fs.existsSync(destDir)) return [];
  return fs.readdirSync(destDir).filter((n) => SNAPSHOT.test(n)).sort().reverse().map((n) => {
    const st = fs.statSync(path.join(destDir, n));
    return { file: path.join(destDir, n), size: st.size, modified: st.mtime.toISOString() };
  });
}

export interface BackupCheck {
  ok: boolean;
  file: string;
  userVersion: number;
  documents: number;
  files: number;
  problems: string[];
}

/**
 * A backup is restorable when SQLite finds it intact, it is not from a newer program, and every file it
 * names is there (beside the backup or in the live store) with the right SHA-256.
 */
export async function checkBackup(file: string, liveBlobs: FileBlobStore | null): Promise<BackupCheck> {
  const problems: string[] = [];
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch {
    return { ok: false, file, userVersion: 0, documents: 0, files: 0, problems: ['Không mở được tệp sao lưu (không phải cơ sở dữ liệu SQLite hoặc đã hỏng).'] };
  }
  let userVersion = 0;
  let documents = 0;
  let shas: string[] = [];
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    if (integrity !== 'ok') problems.push(`Cơ sở dữ liệu trong bản sao lưu bị hỏng: ${integrity}`);
    userVersion = db.pragma('user_version', { simple: true }) as number;
    const newest = Math.max(0, ...migrations.map((m) => m.version));
    if (userVersion > newest) problems.push(`Bản sao lưu từ phiên bản Hồ Sơ Ký mới hơn (dữ liệu v${userVersion}, phần mềm hiểu đến v${newest}).`);
    if (userVersion === 0) problems.push('Bản sao lưu không chứa dữ liệu hồ sơ.');
    else {
      documents = (db.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
      shas = (db.prepare('SELECT sha256 FROM blobs').all() as Array<{ sha256: string }>).map((r) => r.sha256);
    }
  } catch (e) {
    problems.push(`Không đọc được bản sao lưu: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    db.close();
  }
  const beside = new FileBlobStore(path.join(path.dirname(file), 'blobs'));
  for (const sha of shas) {
    const candidates = [beside.pathOf(sha), ...(liveBlobs ? [liveBlobs.pathOf(sha)] : [])];
    let good = false;
    for (const c of candidates) if (fs.existsSync(c) && (await hashFile(c)) === sha) { good = true; break; }
    if (!good) problems.push(`Thiếu hoặc hỏng tệp tài liệu ${sha}`);
  }
  return { ok: problems.length === 0, file, userVersion, documents, files: shas.length, problems };
}

/**
 * Replaces the store with a checked backup. The caller must have closed its connection. The current
 * database is kept beside it (`.before-restore-…`), the files the backup needs are copied into the live
 * blob store first, and the database file is swapped by rename (never copied in place).
 */
export async function restoreBackup(file: string, dbFile: string, liveBlobs: FileBlobStore, now = new Date()): Promise<BackupCheck & { previous: string | null }> {
  const check = await checkBackup(file, liveBlobs);
  if (!check.ok) {
    throw new AppError('RECORDS_BACKUP_INVALID', `Không khôi phục: bản sao lưu không dùng được. ${check.problems.slice(0, 3).join(' ')} Hãy chọn bản sao lưu khác.`, `Not restored: the backup is not usable (${check.problems.length} problems). Choose another backup.`, { problems: check.problems });
  }
  const beside = new FileBlobStore(path.join(path.dirname(file), 'blobs'));
  const snap = new Database(file, { readonly: true });
  const shas = (snap.prepare('SELECT sha256 FROM blobs').all() as Array<{ sha256: string }>).map((r) => r.sha256);
  snap.close();
  for (const sha of shas) if ((await liveBlobs.check(sha)) !== 'ok') await liveBlobs.putFile(beside.pathOf(sha));
  let previous: string | null = null;
  if (fs.existsSync(dbFile)) {
    previous = `${dbFile}.before-restore-${now.toISOString().replace(/[-:.]/g, '')}`;
    const live = new Database(dbFile);
    try {
      await live.backup(previous);
    } finally {
      live.close();
    }
  }
  const temp = `${dbFile}.restore.tmp`;
  fs.copyFileSync(file, temp);
  fsyncPath(temp);
  for (const side of ['-wal', '-shm']) fs.rmSync(dbFile + side, { force: true });
  fs.renameSync(temp, dbFile);
  fsyncPath(path.dirname(dbFile));
  return { ...check, previous };
}
