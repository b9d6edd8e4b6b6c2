import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTestStore, seedSchool, tempDir, writePdf, type School, type TestStore } from './fixture';
import { backupDatabase, checkBackup, listBackups, restoreBackup } from '../../../src/main/infra/db/backup';
import { exportForInspection } from '../../../src/main/core/records/inspector-export';
import { writeFileAtomic } from '../../../src/main/infra/fs/atomic-write';
import { listFolder } from '../../../src/main/core/records/documents';
import { yearTree, addFolder, renameFolder, deleteFolder, setRetention } from '../../../src/main/core/records/tree';
import type { AppError } from '../../../src/main/core/errors';

let t: TestStore;
let s: School;
let scratch: string;

beforeEach(() => {
  t = openTestStore();
  s = seedSchool(t.db);
  scratch = tempDir('hosoky-files-');
});
afterEach(() => {
  t.cleanup();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function importSome(n: number, folder = 'gv.ke_hoach_bai_day', date?: string) {
  const out = [];
  for (let i = 1; i <= n; i++) {
    const file = await writePdf(scratch, `${folder}-${i}.pdf`, [`Kế hoạch bài dạy tuần ${i}`, folder]);
    out.push(await t.store.importFile({ file, folderId: s.folder(folder), ownerStaffId: s.staff.teacher, title: `Kế hoạch bài dạy tuần ${i}`, ...(date ? { docDate: date } : {}) }));
  }
  return out;
}

describe('content-addressed files and the checker', () => {
  it('stores identical content once and reports missing and altered files with the documents they belong to', async () => {
    const file = await writePdf(scratch, 'same.pdf', ['Cùng một tệp']);
    const one = await t.store.importFile({ file, folderId: s.folder('nt.so_dang_bo') });
    const two = await t.store.importFile({ file, folderId: s.folder('nt.hoc_ba') });
    expect(one.sha256).toBe(two.sha256);
    const [x, y] = await importSome(2);
    expect((await t.store.check()).missing).toEqual([]);
    fs.rmSync(t.blobs.pathOf(x!.sha256));
    fs.appendFileSync(t.blobs.pathOf(y!.sha256), 'x');
    const check = await t.store.check();
    expect(check.files).toBe(3);
    expect(check.missing).toEqual([x!.sha256]);
    expect(check.altered).toEqual([y!.sha256]);
    expect(check.documentsAffected.map((d) => [d.title, d.problem]).sort()).toEqual([['Kế hoạch bài dạy tuần 1', 'missing'], ['Kế hoạch bài dạy tuần 2', 'altered']]);
  });

  it('refuses a file that is not a PDF, and a Word file when no converter is installed, in Vietnamese', async () => {
    const txt = path.join(scratch, 'ghi-chu.pdf');
    fs.writeFileSync(txt, 'chỉ là văn bản');
    await expect(t.store.importFile({ file: txt, folderId: s.folder('nt.hoc_ba') })).rejects.toMatchObject({ code: 'RECORDS_NOT_PDF' });
    const docx = path.join(scratch, 'ke-hoach.docx');
    fs.writeFileSync(docx, 'PK');
    try {
      await t.store.importFile({ file: docx, folderId: s.folder('nt.hoc_ba') });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).code).toBe('RECORDS_CONVERTER_MISSING');
      expect((e as AppError).messageVi).toContain('chưa cài LibreOffice');
    }
    expect(listFolder(t.db, s.folder('nt.hoc_ba'))).toEqual([]);
  });

  it('shows the tree with counts; fixed categories cannot be renamed, sub-folders can', async () => {
    await importSome(3);
    const gv = yearTree(t.db, s.yearId).find((n) => n.code === 'gv')!;
    expect(gv.totalCount).toBe(3);
    expect(gv.children.find((c) => c.code === 'gv.ke_hoach_bai_day')!.documentCount).toBe(3);
    expect(gv.children[0]!.retention).toMatchObject({ years: null, permanent: false });
    expect(gv.children[0]!.retention.source).toContain('chưa xác định');
    const fixed = s.folder('gv.ke_hoach_bai_day');
    expect(() => renameFolder(t.db, fixed, 'Giáo án')).toThrow(expect.objectContaining({ code: 'RECORDS_FOLDER_FIXED' }));
    expect(() => deleteFolder(t.db, fixed)).toThrow(expect.objectContaining({ code: 'RECORDS_FOLDER_FIXED' }));
    const mine = addFolder(t.db, fixed, 'Nguyễn Thị Hương', '2024-09-02T00:00:00Z');
    renameFolder(t.db, mine, 'Cô Hương – Toán 6');
    const file = await writePdf(scratch, 'sub.pdf', ['Tuần 9']);
    const { documentId } = await t.store.importFile({ file, folderId: mine });
    expect(() => deleteFolder(t.db, mine)).toThrow(expect.objectContaining({ code: 'RECORDS_FOLDER_NOT_EMPTY' }));
    const node = yearTree(t.db, s.yearId).find((n) => n.code === 'gv')!;
    expect(node.totalCount).toBe(4);
    expect(node.children.find((c) => c.code === 'gv.ke_hoach_bai_day')!.children.map((c) => [c.name, c.documentCount])).toEqual([['Cô Hương – Toán 6', 1]]);
    setRetention(t.db, mine, { years: null, permanent: true, source: 'Quyết định của hiệu trưởng số 12/QĐ-THCS' });
    expect(t.store.document(documentId).folderPath.map((f) => f.name)).toEqual(['Hồ sơ giáo viên', 'Kế hoạch bài dạy (mỗi tệp một tuần)', 'Cô Hương – Toán 6']);
  });

  it('gives a preschool the six categories the Department inspects', () => {
    const mn = openTestStore();
    try {
      const p = seedSchool(mn.db, 'mam_non');
      expect(yearTree(mn.db, p.yearId).map((n) => n.name)).toEqual([
        'Hồ sơ quản lý chung', 'Hồ sơ quản lý hoạt động giáo dục', 'Hồ sơ quản lý hoạt động chăm sóc nuôi dưỡng và đảm bảo an toàn',
        'Hồ sơ của nhóm/lớp', 'Hồ sơ quản lý nhân sự', 'Hồ sơ quản lý tài sản, tài chính',
      ]);
    } finally {
      mn.cleanup();
    }
  });
});

describe('backups', () => {
  it('makes rotating online backups, checks them, and restores one (files included)', async () => {
    const [first] = await importSome(1);
    const dest = path.join(scratch, 'usb');
    const times = [0, 1, 2].map((i) => new Date(Date.UTC(2025, 0, 1, 8, 0, i)));
    const b1 = await backupDatabase(t.db, t.blobs, dest, 2, times[0]);
    expect(b1.blobsCopied).toBe(1);
    await importSome(2, 'nt.hoc_ba');
    await backupDatabase(t.db, t.blobs, dest, 2, times[1]);
    const b3 = await backupDatabase(t.db, t.blobs, dest, 2, times[2]);
    expect(b3.removed).toEqual([b1.file]);
    expect(listBackups(dest).map((b) => path.basename(b.file))).toEqual([path.basename(b3.file), path.basename(listBackups(dest)[1]!.file)]);
    const check = await checkBackup(b3.file, null);
    expect(check).toMatchObject({ ok: true, documents: 3, files: 3, problems: [] });

    // Disaster: the live store loses a file and a document; restore the newest backup.
    fs.rmSync(t.blobs.pathOf(first!.sha256));
    t.db.prepare('DELETE FROM documents_fts').run();
    t.close();
    const restored = await restoreBackup(b3.file, t.dbFile, t.blobs);
    expect(restored.ok).toBe(true);
    expect(fs.existsSync(restored.previous!)).toBe(true);
    t = t.reopen();
    expect(t.db.pragma('integrity_check', { simple: true })).toBe('ok');
    const c = await t.store.check();
    expect(c).toMatchObject({ files: 3, missing: [], altered: [] });
    expect(c.audit.ok).toBe(true);
  });

  it('refuses to restore a damaged backup and leaves the store as it was', async () => {
    await importSome(1);
    const dest = path.join(scratch, 'bk');
    const b = await backupDatabase(t.db, t.blobs, dest);
    const sha = (t.db.prepare('SELECT sha256 FROM blobs').get() as { sha256: string }).sha256;
    fs.writeFileSync(path.join(dest, 'blobs', sha.slice(0, 2), sha), 'hỏng');
    fs.rmSync(t.blobs.pathOf(sha));
    const check = await checkBackup(b.file, t.blobs);
    expect(check.ok).toBe(false);
    expect(check.problems[0]).toContain(sha);
    t.close();
    const before = fs.readFileSync(t.dbFile);
    await expect(restoreBackup(b.file, t.dbFile, t.blobs)).rejects.toMatchObject({ code: 'RECORDS_BACKUP_INVALID' });
    expect(fs.readFileSync(t.dbFile).equals(before)).toBe(true);
    fs.writeFileSync(b.file, 'not sqlite');
    expect((await checkBackup(b.file, null)).ok).toBe(false);
  });
});

describe('export for an inspector or eOffice', () => {
  it('writes a category or a date range as a folder with the PDFs, manifest.json and a readable list', async () => {
    await importSome(2, 'gv.ke_hoach_bai_day', '2024-10-07');
    await importSome(1, 'nt.hoc_ba', '2025-05-20');
    const out = path.join(scratch, 'kiem-tra');
    const r = await exportForInspection(t.store, { folderId: s.folder('gv') }, out, writeFileAtomic, (d) => fs.mkdirSync(d, { recursive: true }));
    expect(r.items.map((i) => i.file)).toEqual([
      'Hồ sơ giáo viên/Kế hoạch bài dạy (mỗi tệp một tuần)/2024-10-07 Kế hoạch bài dạy tuần 1.pdf',
      'Hồ sơ giáo viên/Kế hoạch bài dạy (mỗi tệp một tuần)/2024-10-07 Kế hoạch bài dạy tuần 2.pdf',
    ]);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.items).toHaveLength(2);
    for (const it of manifest.items) expect(execFileSync('sha256sum', [path.join(out, it.file)]).toString().split(' ')[0]).toBe(it.sha256);
    expect(execFileSync('pdftotext', [path.join(out, manifest.items[0].file), '-']).toString()).toContain('Kế hoạch bài dạy tuần 1');
    expect(fs.readFileSync(path.join(out, 'DANH-MUC.txt'), 'utf8')).toContain('Người lập: Nguyễn Thị Hương');
    const may = await exportForInspection(t.store, { from: '2025-05-01', to: '2025-05-31' }, path.join(scratch, 'thang5'), writeFileAtomic, (d) => fs.mkdirSync(d, { recursive: true }));
    expect(may.items.map((i) => i.folder)).toEqual(['Hồ sơ nhà trường / Học bạ điện tử']);
  });
});
