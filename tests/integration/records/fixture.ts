/**
 * A real record store in a temp folder (SQLite file + blob folder + pdftotext), a school with staff of
 * every role, and real PDFs with Vietnamese text drawn by pdf-lib with an embedded DejaVu font.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { openDatabase, type Db } from '../../../src/main/infra/db/connection';
import { FileBlobStore } from '../../../src/main/infra/fs/blob-store';
import { RecordStore, type RecordStoreDeps } from '../../../src/main/core/records/store';
import { pdftotextExtractor } from '../../../src/main/core/records/extract-text';
import { setSchool, addSchoolYear, addSubjectGroup } from '../../../src/main/core/records/school';
import type { SchoolLevel } from '../../../src/main/core/records/tree';

const require = createRequire(import.meta.url);
const fontPath = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', 'DejaVuSans.ttf');
const fontBytes = fs.readFileSync(fontPath);

export function tempDir(prefix = 'hosoky-records-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function makePdf(lines: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes, { subset: true });
  const page = doc.addPage([595, 842]);
  lines.forEach((l, i) => page.drawText(l, { x: 50, y: 780 - i * 20, size: 12, font }));
  doc.setCreationDate(new Date('2024-09-01T00:00:00Z'));
  doc.setModificationDate(new Date('2024-09-01T00:00:00Z'));
  return doc.save();
}

export async function writePdf(dir: string, name: string, lines: string[]): Promise<string> {
  const p = path.join(dir, name);
  fs.writeFileSync(p, await makePdf(lines));
  return p;
}

export interface TestStore {
  dir: string;
  dbFile: string;
  db: Db;
  blobs: FileBlobStore;
  store: RecordStore;
  close(): void;
  reopen(): TestStore;
  cleanup(): void;
}

export function openTestStore(dir = tempDir(), deps: RecordStoreDeps = { extractText: pdftotextExtractor() }): TestStore {
  const dbFile = path.join(dir, 'hosoky.sqlite');
  const { db } = openDatabase(dbFile);
  const blobs = new FileBlobStore(path.join(dir, 'blobs'));
  const store = new RecordStore(db, blobs, deps);
  const t: TestStore = {
    dir, dbFile, db, blobs, store,
    close: () => db.open && db.close(),
    reopen: () => (t.close(), openTestStore(dir, deps)),
    cleanup: () => (t.close(), fs.rmSync(dir, { recursive: true, force: true })),
  };
  return t;
}

export interface School {
  yearId: number;
  groups: { toan: number; van: number };
  staff: { teacher: number; teacherVan: number; groupHeadToan: number; principal: number; vicePrincipal: number; clerk: number };
  folder(code: string): number;
}

export function seedSchool(db: Db, level: SchoolLevel = 'thcs'): School {
  const at = '2024-09-01T00:00:00.000Z';
  setSchool(db, { name: 'Trường THCS Tân Thành', managingUnit: 'Phòng GD&ĐT quận Dương Kinh', level }, at);
  const year = addSchoolYear(db, '2024-2025', at);
  const toan = addSubjectGroup(db, 'Tổ Toán – Tin', at);
  const van = addSubjectGroup(db, 'Tổ Ngữ văn', at);
  const add = (name: string, group: number | null, roles: string[]) =>
    Number(db.prepare('INSERT INTO staff (full_name, position, subject_group_id, roles, created_at) VALUES (?,?,?,?,?)').run(name, null, group, JSON.stringify(roles), at).lastInsertRowid);
  return {
    yearId: year.id,
    groups: { toan, van },
    staff: {
      teacher: add('Nguyễn Thị Hương', toan, ['teacher']),
      teacherVan: add('Đặng Văn Đức', van, ['teacher']),
      groupHeadToan: add('Trần Văn Bình', toan, ['teacher', 'group_head']),
      principal: add('Lê Thị Hoà', null, ['principal']),
      vicePrincipal: add('Phạm Quốc Đạt', null, ['vice_principal']),
      clerk: add('Vũ Thị Lan', null, ['clerk']),
    },
    folder: (code) => (db.prepare('SELECT id FROM folders WHERE school_year_id = ? AND code = ?').get(year.id, code) as { id: number }).id,
  };
}
