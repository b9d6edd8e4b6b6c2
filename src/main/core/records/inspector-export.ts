import path from 'node:path';
import { AppError } from '../errors';
import type { SqlDb } from './ports';
import type { RecordStore } from './store';
import { folderPath } from './tree';
import { STATUS_LABELS } from './workflow';
import type { DocumentStatus } from './documents';

export interface ExportSelection {
  /** A category (folder) and everything under it. */
  folderId?: number;
  schoolYearId?: number;
  /** Inclusive document dates, YYYY-MM-DD. */
  from?: string;
  to?: string;
}

export interface ExportedItem {
  file: string;
  title: string;
  folder: string;
  kind: string | null;
  owner: string | null;
  status: DocumentStatus;
  date: string;
  version: number;
  sha256: string;
  signatures: Array<{ signer: string | null; time: string | null; role: string; verdict: string }>;
}

/** Windows, macOS and eOffice upload forms all accept these names. */
export const safeFileName = (s: string): string =>
  // eslint-disable-next-line no-control-regex -- control characters are not allowed in Windows names
  s.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').replace(/\s+/g, ' ').trim().replace(/[. ]+$/, '').slice(0, 120) || 'tai-lieu';

function descendants(db: SqlDb, folderId: number): number[] {
  const out = [folderId];
  for (let i = 0; i < out.length; i++) out.push(...(db.prepare('SELECT id FROM folders WHERE parent_id = ?').all(out[i]) as Array<{ id: number }>).map((r) => r.id));
  return out;
}

/**
 * Copies the newest version of each selected document into `outDir`, one sub-folder per category,
 * plus `manifest.json` (for eOffice upload or a script) and `DANH-MUC.txt` (for the inspector to read).
 */
export async function exportForInspection(store: RecordStore, sel: ExportSelection, outDir: string, writeFile: (target: string, data: Uint8Array | string) => Promise<void>, mkdir: (dir: string) => void): Promise<{ outDir: string; items: ExportedItem[] }> {
  const db = store.db;
  const where: string[] = [];
  const params: unknown[] = [];
  if (sel.folderId !== undefined) {
    const ids = descendants(db, sel.folderId);
    where.push(`d.folder_id IN (${ids.map(() => '?').join(',')})`);
    params.push(...ids);
  }
  if (sel.schoolYearId !== undefined) { where.push('f.school_year_id = ?'); params.push(sel.schoolYearId); }
  if (sel.from) { where.push('d.doc_date >= ?'); params.push(sel.from); }
  if (sel.to) { where.push('d.doc_date <= ?'); params.push(sel.to); }
  if (where.length === 0) throw new AppError('RECORDS_EXPORT_NO_SELECTION', 'Hãy chọn một mục hồ sơ hoặc một khoảng thời gian để xuất.', 'Choose a category or a date range to export.');
  const rows = db.prepare(`SELECT d.id, d.title, d.kind, d.status, d.doc_date, d.folder_id, s.full_name AS owner FROM documents d JOIN folders f ON f.id = d.folder_id LEFT JOIN staff s ON s.id = d.owner_staff_id WHERE ${where.join(' AND ')} ORDER BY d.folder_id, d.doc_date, d.title`).all(...params) as Array<{ id: number; title: string; kind: string | null; status: DocumentStatus; doc_date: string; folder_id: number; owner: string | null }>;
  mkdir(outDir);
  const items: ExportedItem[] = [];
  const used = new Set<string>();
  for (const r of rows) {
    const v = db.prepare('SELECT id, number, sha256 FROM versions WHERE document_id = ? ORDER BY number DESC LIMIT 1').get(r.id) as { id: number; number: number; sha256: string } | undefined;
    if (!v) continue;
    const folders = folderPath(db, r.folder_id).map((f) => safeFileName(f.name));
    let rel = path.join(...folders, `${safeFileName(`${r.doc_date} ${r.title}`)}.pdf`);
    for (let n = 2; used.has(rel.toLowerCase()); n++) rel = path.join(...folders, `${safeFileName(`${r.doc_date} ${r.title}`)} (${n}).pdf`);
    used.add(rel.toLowerCase());
    mkdir(path.join(outDir, ...folders));
    await writeFile(path.join(outDir, rel), await store.blobs.read(v.sha256));
    const signatures = (db.prepare('SELECT signer_name, signing_time, role, verdict FROM signatures WHERE version_id = ? ORDER BY position').all(v.id) as Array<{ signer_name: string | null; signing_time: string | null; role: string; verdict: string }>)
      .map((s) => ({ signer: s.signer_name, time: s.signing_time, role: s.role, verdict: s.verdict }));
    items.push({ file: rel.split(path.sep).join('/'), title: r.title, folder: folders.join(' / '), kind: r.kind, owner: r.owner, status: r.status, date: r.doc_date, version: v.number, sha256: v.sha256, signatures });
  }
  const school = (db.prepare('SELECT name FROM school WHERE id = 1').get() as { name: string } | undefined)?.name ?? '';
  await writeFile(path.join(outDir, 'manifest.json'), JSON.stringify({ format: 'hosoky-export/1', school, exportedAt: store.now(), selection: sel, items }, null, 2));
  const lines = [
    `DANH MỤC HỒ SƠ XUẤT TỪ HỒ SƠ KÝ — ${school}`, `Ngày xuất: ${store.now().slice(0, 10)}   Số hồ sơ: ${items.length}`, '',
    ...items.map((it, i) => `${String(i + 1).padStart(4)}. ${it.title}\n      Mục: ${it.folder} | Ngày: ${it.date} | Người lập: ${it.owner ?? '—'} | Trạng thái: ${STATUS_LABELS[it.status]} | Chữ ký: ${it.signatures.length ? it.signatures.map((s) => `${s.signer ?? '?'} (${s.verdict})`).join('; ') : 'không có'}\n      Tệp: ${it.file}\n      SHA-256: ${it.sha256}`),
  ];
  await writeFile(path.join(outDir, 'DANH-MUC.txt'), lines.join('\n') + '\n');
  return { outDir, items };
}
