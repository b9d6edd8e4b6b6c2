import { AppError } from '../errors';
import type { SqlDb } from './ports';

export type SchoolLevel = 'mam_non' | 'tieu_hoc' | 'thcs' | 'thpt' | 'lien_cap';

export const SCHOOL_LEVEL_LABELS: Record<SchoolLevel, string> = {
  mam_non: 'Mầm non',
  tieu_hoc: 'Tiểu học',
  thcs: 'Trung học cơ sở',
  thpt: 'Trung học phổ thông',
  lien_cap: 'Liên cấp',
};

interface FolderTemplate {
  code: string;
  name: string;
  children?: FolderTemplate[];
}

/**
 * The six categories the Department inspects in preschools (seed 000: Sở GDĐT Hải Phòng, thông báo kế
 * hoạch kiểm tra chữ ký số trong trường mầm non, 2024, mục II.2).
 */
export const PRESCHOOL_TREE: FolderTemplate[] = [
  { code: 'mn.quan_ly_chung', name: 'Hồ sơ quản lý chung' },
  { code: 'mn.giao_duc', name: 'Hồ sơ quản lý hoạt động giáo dục' },
  { code: 'mn.cham_soc_nuoi_duong', name: 'Hồ sơ quản lý hoạt động chăm sóc nuôi dưỡng và đảm bảo an toàn' },
  { code: 'mn.nhom_lop', name: 'Hồ sơ của nhóm/lớp' },
  { code: 'mn.nhan_su', name: 'Hồ sơ quản lý nhân sự' },
  { code: 'mn.tai_san_tai_chinh', name: 'Hồ sơ quản lý tài sản, tài chính' },
];

/**
 * Primary and lower-secondary schools (seed 003: Phòng GD&ĐT Dương Kinh, hướng dẫn hồ sơ, sổ sách điện
 * tử năm học 2023-2024, mục II): school level, subject group, teacher. Used for THPT and liên cấp too.
 */
export const GENERAL_TREE: FolderTemplate[] = [
  {
    code: 'nt', name: 'Hồ sơ nhà trường', children: [
      { code: 'nt.so_dang_bo', name: 'Sổ đăng bộ' },
      { code: 'nt.hoc_ba', name: 'Học bạ điện tử' },
      { code: 'nt.so_theo_doi_danh_gia', name: 'Bảng tổng hợp kết quả đánh giá, sổ theo dõi và đánh giá học sinh (sổ điểm điện tử)' },
      { code: 'nt.ke_hoach_giao_duc', name: 'Kế hoạch giáo dục của nhà trường, kế hoạch thực hiện nhiệm vụ năm học' },
    ],
  },
  { code: 'tcm', name: 'Hồ sơ tổ chuyên môn', children: [{ code: 'tcm.ke_hoach_giao_duc', name: 'Kế hoạch giáo dục của tổ chuyên môn' }] },
  {
    code: 'gv', name: 'Hồ sơ giáo viên', children: [
      { code: 'gv.ke_hoach_giao_duc', name: 'Kế hoạch giáo dục của giáo viên' },
      { code: 'gv.ke_hoach_bai_day', name: 'Kế hoạch bài dạy (mỗi tệp một tuần)' },
    ],
  },
];

/**
 * Circular 27/2016/TT-BGDĐT sets the retention periods, but its annex rows were not available to us
 * (docs/records.md). No figure is invented: the period stays unset until the school enters it.
 */
export const RETENTION_UNSET_SOURCE =
  'Thông tư 27/2016/TT-BGDĐT: chưa xác định — chưa tra được dòng tương ứng trong phụ lục; nhà trường nhập theo văn bản gốc.';

export const treeTemplateFor = (level: SchoolLevel): FolderTemplate[] => (level === 'mam_non' ? PRESCHOOL_TREE : GENERAL_TREE);

export function createYearTree(db: SqlDb, schoolYearId: number, level: SchoolLevel, at: string): void {
  const insert = db.prepare(
    'INSERT INTO folders (school_year_id, parent_id, code, name, fixed, position, retention_source, created_at) VALUES (?,?,?,?,1,?,?,?)',
  );
  const add = (items: FolderTemplate[], parentId: number | null) =>
    items.forEach((t, i) => {
      const id = Number(insert.run(schoolYearId, parentId, t.code, t.name, i, RETENTION_UNSET_SOURCE, at).lastInsertRowid);
      if (t.children) add(t.children, id);
    });
  add(treeTemplateFor(level), null);
}

export interface FolderNode {
  id: number;
  parentId: number | null;
  code: string | null;
  name: string;
  fixed: boolean;
  /** Documents directly in this folder. */
  documentCount: number;
  /** Documents in this folder and every sub-folder. */
  totalCount: number;
  retention: { years: number | null; permanent: boolean; source: string | null };
  children: FolderNode[];
}

type FolderRow = { id: number; parent_id: number | null; code: string | null; name: string; fixed: number; retention_years: number | null; retention_permanent: number; retention_source: string | null; document_count: number };

export function yearTree(db: SqlDb, schoolYearId: number): FolderNode[] {
  // document_count is kept by triggers (migration 2): no counting of documents here.
  const rows = db.prepare('SELECT id, parent_id, code, name, fixed, retention_years, retention_permanent, retention_source, document_count FROM folders WHERE school_year_id = ? ORDER BY position, name').all(schoolYearId) as FolderRow[];
  const nodes = new Map<number, FolderNode>();
  for (const r of rows) {
    const n = r.document_count;
    nodes.set(r.id, {
      id: r.id, parentId: r.parent_id, code: r.code, name: r.name, fixed: r.fixed === 1, documentCount: n, totalCount: n,
      retention: { years: r.retention_years, permanent: r.retention_permanent === 1, source: r.retention_source }, children: [],
    });
  }
  const roots: FolderNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const sum = (n: FolderNode): number => (n.totalCount = n.documentCount + n.children.reduce((s, c) => s + sum(c), 0));
  roots.forEach(sum);
  return roots;
}

function folderRow(db: SqlDb, id: number): FolderRow & { school_year_id: number } {
  const row = db.prepare('SELECT * FROM folders WHERE id = ?').get(id) as (FolderRow & { school_year_id: number }) | undefined;
  if (!row) throw new AppError('RECORDS_FOLDER_NOT_FOUND', 'Không tìm thấy thư mục hồ sơ này. Hãy tải lại cây hồ sơ.', 'This record folder was not found. Reload the record tree.', { id });
  return row;
}

export function addFolder(db: SqlDb, parentId: number, name: string, at: string): number {
  const parent = folderRow(db, parentId);
  const clean = name.trim();
  if (!clean) throw new AppError('RECORDS_FOLDER_NAME_EMPTY', 'Tên thư mục không được để trống.', 'The folder name must not be empty.');
  const dup = db.prepare('SELECT 1 FROM folders WHERE parent_id = ? AND name = ?').get(parentId, clean);
  if (dup) throw new AppError('RECORDS_FOLDER_EXISTS', `Thư mục "${clean}" đã có ở đây. Hãy chọn tên khác.`, `A folder "${clean}" already exists here.`);
  const pos = (db.prepare('SELECT COALESCE(MAX(position), -1) + 1 AS p FROM folders WHERE parent_id = ?').get(parentId) as { p: number }).p;
  return Number(db.prepare('INSERT INTO folders (school_year_id, parent_id, name, fixed, position, retention_years, retention_permanent, retention_source, created_at) VALUES (?,?,?,0,?,?,?,?,?)')
    .run(parent.school_year_id, parentId, clean, pos, parent.retention_years, parent.retention_permanent, parent.retention_source, at).lastInsertRowid);
}

const refuseFixed = (row: FolderRow) => {
  if (row.fixed) throw new AppError('RECORDS_FOLDER_FIXED', `"${row.name}" là mục cố định theo quy định (đoàn kiểm tra tìm theo tên này), không đổi tên hay xoá được. Hãy tạo thư mục con bên trong.`, `"${row.name}" is a fixed category the inspectors look for; it cannot be renamed or deleted. Create a sub-folder instead.`);
};

export function renameFolder(db: SqlDb, id: number, name: string): void {
  const row = folderRow(db, id);
  refuseFixed(row);
  const clean = name.trim();
  if (!clean) throw new AppError('RECORDS_FOLDER_NAME_EMPTY', 'Tên thư mục không được để trống.', 'The folder name must not be empty.');
  db.prepare('UPDATE folders SET name = ? WHERE id = ?').run(clean, id);
}

export function deleteFolder(db: SqlDb, id: number): void {
  const row = folderRow(db, id);
  refuseFixed(row);
  const used = db.prepare('SELECT (SELECT COUNT(*) FROM documents WHERE folder_id = ?) + (SELECT COUNT(*) FROM folders WHERE parent_id = ?) AS n').get(id, id) as { n: number };
  if (used.n > 0) throw new AppError('RECORDS_FOLDER_NOT_EMPTY', `Thư mục "${row.name}" còn hồ sơ hoặc thư mục con. Hãy chuyển chúng đi trước khi xoá.`, `Folder "${row.name}" is not empty. Move its contents first.`);
  db.prepare('DELETE FROM folders WHERE id = ?').run(id);
}

/** The retention period of a category: years, or permanent, and where the figure comes from (required). */
export function setRetention(db: SqlDb, id: number, r: { years: number | null; permanent: boolean; source: string }): void {
  folderRow(db, id);
  if (!r.source.trim()) throw new AppError('RECORDS_RETENTION_SOURCE_REQUIRED', 'Hãy ghi rõ căn cứ của thời hạn bảo quản (văn bản, điều, dòng phụ lục).', 'Give the source of the retention period (document, article, annex row).');
  db.prepare('UPDATE folders SET retention_years = ?, retention_permanent = ?, retention_source = ? WHERE id = ?').run(r.permanent ? null : r.years, r.permanent ? 1 : 0, r.source.trim(), id);
}

export function folderPath(db: SqlDb, id: number): Array<{ id: number; code: string | null; name: string }> {
  const out: Array<{ id: number; code: string | null; name: string }> = [];
  let cur: number | null = id;
  while (cur !== null) {
    const r = folderRow(db, cur);
    out.unshift({ id: r.id, code: r.code, name: r.name });
    cur = r.parent_id;
  }
  return out;
}

export { folderRow };
