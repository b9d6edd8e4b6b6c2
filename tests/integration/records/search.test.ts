import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, seedSchool, writePdf, type School, type TestStore } from './fixture';
import { searchDocuments } from '../../../src/main/core/records/search';

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
