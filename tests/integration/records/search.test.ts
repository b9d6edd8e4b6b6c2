import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, seedSchool, tempDir, writePdf, type School, type TestStore } from './fixture';
import { PREFIX_TERMS, searchDocuments } from '../../../src/main/core/records/search';
import { insertDocument, insertVersion } from '../../../src/main/core/records/documents';
import { createApp } from '../../../src/main/api';
import { recordsService } from '../../../src/main/api/services/records';
import { addSchoolYear } from '../../../src/main/core/records/school';
import type { Db } from '../../../src/main/infra/db/connection';

let t: TestStore;
let s: School;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = openTestStore();
  s = seedSchool(t.db);
  const docs: Array<[string, string, string[], number]> = [
    ['tuan5', 'Kế hoạch tuần 5', ['Kế hoạch bài dạy môn Toán lớp 6A', 'Phép cộng phân số'], s.staff.teacher],
    ['tuan6', 'Kế hoạch tuần 6', ['Ôn tập chương 1'], s.staff.teacher],
    ['dangbo', 'Sổ đăng bộ năm học 2024-2025', ['Danh sách học sinh lớp 6'], s.staff.clerk],
    ['body', 'Biên bản sinh hoạt tổ', ['Nội dung: thảo luận kế hoạch giáo dục tuần 5 của tổ Toán'], s.staff.groupHeadToan],
    ['duc', 'Giáo án Ngữ văn', ['Bài: Đất nước'], s.staff.teacherVan],
  ];
  for (const [key, title, lines, owner] of docs) {
    const file = await writePdf(t.dir, `${key}.pdf`, lines);
    ids[key] = (await t.store.importFile({ file, title, folderId: s.folder('gv.ke_hoach_bai_day'), ownerStaffId: owner, kind: 'ke_hoach_bai_day_tuan' })).documentId;
  }
});
afterAll(() => t.cleanup());

const find = (q: string) => searchDocuments(t.db, q).map((h) => h.id);

describe('search without needing diacritics', () => {
  it('finds "Kế hoạch tuần 5" typed with and without diacritics, the title match first', () => {
    expect(find('ke hoach tuan 5')[0]).toBe(ids.tuan5);
    expect(find('Kế hoạch tuần 5')[0]).toBe(ids.tuan5);
    expect(find('KE HOACH TUAN 5')[0]).toBe(ids.tuan5);
    // The same words in another document's PDF text rank below the title match.
    expect(find('ke hoach tuan 5')).toEqual([ids.tuan5, ids.body]);
  });

  it('treats đ and d alike, both ways', () => {
    expect(find('so dang bo')).toEqual([ids.dangbo]);
    expect(find('sổ đăng bộ')).toEqual([ids.dangbo]);
    expect(find('dat nuoc')).toEqual([ids.duc]);
  });

  it('searches the PDF text and the metadata (author, folder)', () => {
    expect(find('phep cong phan so')).toEqual([ids.tuan5]);
    expect(find('dang van duc')).toEqual([ids.duc]);
    expect(find('on tap chuong')).toEqual([ids.tuan6]);
  });

  it('matches the last word as a prefix while typing, and ignores FTS operators typed by accident', () => {
    expect(find('hoc sin')).toEqual([ids.dangbo]);
    expect(find('ke hoach tuan 5 OR NOT')).toEqual([]);
    expect(find('"')).toEqual([]);
  });

  it('ranks by where the words are when there are more matches than the ranking window', () => {
    // Two documents match; with a window of 1 only the newest is considered, with 2 both are, and the
    // one with the words in its title comes first although the other is newer.
    expect(searchDocuments(t.db, 'ke hoach tuan 5', { rankWindow: 1 }).map((h) => h.id)).toEqual([ids.body]);
    expect(searchDocuments(t.db, 'ke hoach tuan 5', { rankWindow: 2 }).map((h) => h.id)).toEqual([ids.tuan5, ids.body]);
  });

  it('finds a revised version by its new text', async () => {
    const file = await writePdf(t.dir, 'rev.pdf', ['Hoạt động trải nghiệm hướng nghiệp']);
    await t.store.addRevision(ids.tuan6!, file, s.staff.teacher);
    expect(find('trai nghiem huong nghiep')).toEqual([ids.tuan6]);
    expect(find('on tap chuong')).toEqual([]);
  });
});

/** The index's own word counts (FTS5 reads its posting lists), to compare with the kept vocabulary. */
const vocabulary = (db: Db) => {
  db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, documents_fts, 'row')");
  return { index: db.prepare('SELECT term, doc AS docs FROM temp.v ORDER BY term').all(), kept: db.prepare('SELECT term, docs FROM search_terms ORDER BY term').all() };
};

describe('search at scale: vocabulary, typed prefixes, ranking without bm25, school year', () => {
  const at = '2024-10-01T00:00:00.000Z';
  const add = (db: Db, folderId: number, title: string, text: string) => {
    const { id } = insertDocument(db, { folderId, title }, at);
    insertVersion(db, id, { sha256: 'a'.repeat(64), size: 1, fileName: 'x.pdf', origin: 'import', text }, at);
    return id;
  };

  it('keeps the word counts equal to the index through imports, revisions and a replaced text', async () => {
    const docs = (term: string) => (t.db.prepare('SELECT docs FROM search_terms WHERE term = ?').get(term) as { docs: number } | undefined)?.docs;
    // The revision above replaced "Ôn tập chương 1": words only it had are gone from the counts.
    expect(docs('chuong')).toBeUndefined();
    const before = { toan: docs('toan')!, lop: docs('lop')!, phep: docs('phep') };
    // A new text for "Kế hoạch tuần 5" drops "Toán", "lớp" and "phép cộng" (still in other documents or not).
    await t.store.addRevision(ids.tuan5!, await writePdf(t.dir, 'rev5.pdf', ['Ôn tập cuối kỳ']), s.staff.teacher);
    expect([docs('toan'), docs('lop'), docs('phep'), docs('cuoi')]).toEqual([before.toan - 1, before.lop - 1, undefined, 1]);
    expect(before.phep).toBe(1);
    const v = vocabulary(t.db);
    expect(v.kept.length).toBeGreaterThan(20);
    expect(v.kept).toEqual(v.index);
  });

  it(`expands the word being typed into the word itself and its ${PREFIX_TERMS - 1} most common completions`, () => {
    const u = openTestStore();
    try {
      const school = seedSchool(u.db);
      const folder = school.folder('gv.ke_hoach_bai_day');
      // "qa" exactly once; twelve completions "qab".."qam", the later ones in more documents.
      const exact = u.db.transaction(() => {
        const id = add(u.db, folder, 'Tài liệu qa', 'noi dung');
        for (let k = 0; k < 12; k++) for (let n = 0; n <= k; n++) add(u.db, folder, `Tài liệu ${n}`, `qa${String.fromCharCode(98 + k)} noi dung`);
        return id;
      })();
      const hits = searchDocuments(u.db, 'qa', { limit: 1000 }).map((h) => h.id);
      const words = (id: number) => (u.db.prepare('SELECT body FROM documents_fts WHERE rowid = ?').get(id) as { body: string }).body.split(' ')[0];
      expect(hits).toContain(exact);
      const mostCommon = Array.from({ length: PREFIX_TERMS - 1 }, (_, i) => `qa${String.fromCharCode(109 - i)}`);
      expect(new Set(hits.filter((id) => id !== exact).map(words))).toEqual(new Set(mostCommon));
      // A rare completion is found once its next letter is typed.
      expect(searchDocuments(u.db, 'qab').map((h) => words(h.id))).toEqual(['qab']);
      expect(vocabulary(u.db).kept).toEqual(vocabulary(u.db).index);
    } finally {
      u.cleanup();
    }
  });

  it('ranks a rare word in the title above a common word in the title, with and without bm25', () => {
    const u = openTestStore();
    try {
      const school = seedSchool(u.db);
      const folder = school.folder('gv.ke_hoach_bai_day');
      const [rareInTitle, commonInTitle] = u.db.transaction(() => {
        for (let n = 0; n < 8; n++) add(u.db, folder, `Biên bản ${n}`, 'hoc tap');
        const a = add(u.db, folder, 'Nuôi dưỡng', 'hoc tap');
        const b = add(u.db, folder, 'Học tập', 'nuoi duong');
        return [a, b];
      })();
      // Two matches: a window of 2 orders them by place and rarity, a larger one by bm25.
      expect(searchDocuments(u.db, 'hoc nuoi', { rankWindow: 2 }).map((h) => h.id)).toEqual([rareInTitle, commonInTitle]);
      expect(searchDocuments(u.db, 'hoc nuoi').map((h) => h.id)).toEqual([rareInTitle, commonInTitle]);
    } finally {
      u.cleanup();
    }
  });

  it('still finds a word the vocabulary lacks (a document indexed by an older Hồ Sơ Ký)', () => {
    const u = openTestStore();
    try {
      const school = seedSchool(u.db);
      const id = add(u.db, school.folder('gv.ke_hoach_bai_day'), 'Biên bản họp phụ huynh', 'thong nhat ke hoach');
      u.db.prepare("DELETE FROM search_terms WHERE term IN ('huynh', 'thong')").run();
      for (const q of ['phu huynh', 'bien ban phu huy', 'thong nhat', 'ke hoach thon', 'huynh']) expect(searchDocuments(u.db, q).map((h) => h.id), q).toEqual([id]);
      expect(searchDocuments(u.db, 'phu huynh khong co')).toEqual([]);
    } finally {
      u.cleanup();
    }
  });

  it('finds only the chosen school year when one is given', () => {
    const u = openTestStore();
    try {
      const school = seedSchool(u.db);
      const next = addSchoolYear(u.db, '2025-2026', at);
      const nextFolder = (u.db.prepare("SELECT id FROM folders WHERE school_year_id = ? AND code = 'gv.ke_hoach_bai_day'").get(next.id) as { id: number }).id;
      const old = add(u.db, school.folder('gv.ke_hoach_bai_day'), 'Kế hoạch tuần 7', '');
      const now = add(u.db, nextFolder, 'Kế hoạch tuần 7', '');
      expect(searchDocuments(u.db, 'ke hoach tuan 7').map((h) => h.id).sort()).toEqual([old, now].sort());
      expect(searchDocuments(u.db, 'ke hoach tuan 7', { schoolYearId: next.id }).map((h) => h.id)).toEqual([now]);
      expect(searchDocuments(u.db, 'ke hoach tuan 7', { schoolYearId: next.id, rankWindow: 1 }).map((h) => h.id)).toEqual([now]);
      expect(searchDocuments(u.db, 'ke hoach tuan 7', { schoolYearId: school.yearId }).map((h) => h.id)).toEqual([old]);
    } finally {
      u.cleanup();
    }
  });
});

describe('search after a folder is renamed in the app', () => {
  it('finds a document by the new name of its folder, and no longer by the old one', async () => {
    const dir = tempDir('hosoky-rename-');
    const app = createApp({ dataDir: path.join(dir, 'data'), host: 'cli', version: 'test' });
    const call = async <T>(name: string, input: unknown): Promise<T> => {
      const r = await app.server.call(name, input);
      if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
      return r.value as T;
    };
    try {
      const school = seedSchool(recordsService(app.ctx).db);
      const { id: folderId } = await call<{ id: number }>('records.addFolder', { parentId: school.folder('gv.ke_hoach_bai_day'), name: 'Cô Lan khối Năm' });
      const file = await writePdf(dir, 'lan.pdf', ['Tiết 1']);
      const [doc] = await call<Array<{ documentId: number }>>('records.import', { paths: [file], folderId, title: 'Bài dạy tiết 1' });
      const found = async (query: string) => (await call<Array<{ id: number }>>('records.search', { query })).map((h) => h.id);
      expect(await found('co lan khoi nam')).toEqual([doc!.documentId]);
      await call('records.renameFolder', { folderId, name: 'Thầy Quang khối Sáu' });
      expect(await found('thay quang khoi sau')).toEqual([doc!.documentId]);
      expect(await found('co lan khoi nam')).toEqual([]);
    } finally {
      await app.ctx.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
