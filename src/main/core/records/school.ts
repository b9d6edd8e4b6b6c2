import { AppError } from '../errors';
import type { SqlDb } from './ports';
import { createYearTree, type SchoolLevel } from './tree';

export interface School {
  name: string;
  managingUnit: string | null;
  level: SchoolLevel;
}

export function getSchool(db: SqlDb): School | null {
  const r = db.prepare('SELECT name, managing_unit, level FROM school WHERE id = 1').get() as { name: string; managing_unit: string | null; level: SchoolLevel } | undefined;
  return r ? { name: r.name, managingUnit: r.managing_unit, level: r.level } : null;
}

export function requireSchool(db: SqlDb): School {
  const s = getSchool(db);
  if (!s) throw new AppError('RECORDS_SCHOOL_NOT_SET', 'Chưa khai báo thông tin nhà trường. Hãy nhập tên trường, đơn vị chủ quản và cấp học trước.', 'The school is not set up yet. Enter its name, managing unit and level first.');
  return s;
}

export function setSchool(db: SqlDb, s: School, at: string): void {
  const old = getSchool(db);
  if (old && old.level !== s.level && (db.prepare('SELECT COUNT(*) AS n FROM school_years').get() as { n: number }).n > 0) {
    throw new AppError('RECORDS_SCHOOL_LEVEL_LOCKED', 'Không đổi được cấp học khi đã có năm học: cây hồ sơ đã được tạo theo cấp học cũ.', 'The school level cannot change once school years exist: their record trees follow the old level.');
  }
  db.prepare('INSERT INTO school (id, name, managing_unit, level, created_at) VALUES (1,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, managing_unit = excluded.managing_unit, level = excluded.level')
    .run(s.name.trim(), s.managingUnit?.trim() || null, s.level, at);
}

export interface SchoolYear {
  id: number;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
}

/** "2024-2025": the Vietnamese school year runs from September to May. */
export const SCHOOL_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

export function addSchoolYear(db: SqlDb, name: string, at: string): SchoolYear {
  const m = SCHOOL_YEAR_PATTERN.exec(name.trim());
  if (!m || Number(m[2]) !== Number(m[1]) + 1) {
    throw new AppError('RECORDS_SCHOOL_YEAR_INVALID', `Năm học "${name}" không đúng dạng. Hãy nhập như "2024-2025".`, `School year "${name}" is not valid; use the form "2024-2025".`);
  }
  const school = requireSchool(db);
  const existing = db.prepare('SELECT id FROM school_years WHERE name = ?').get(name.trim()) as { id: number } | undefined;
  if (existing) return schoolYearById(db, existing.id);
  const startsOn = `${m[1]}-09-01`;
  const endsOn = `${m[2]}-08-31`;
  return db.transaction(() => {
    const id = Number(db.prepare('INSERT INTO school_years (name, starts_on, ends_on, created_at) VALUES (?,?,?,?)').run(name.trim(), startsOn, endsOn, at).lastInsertRowid);
    createYearTree(db, id, school.level, at);
    return { id, name: name.trim(), startsOn, endsOn };
  })();
}

export function schoolYearById(db: SqlDb, id: number): SchoolYear {
  const r = db.prepare('SELECT id, name, starts_on, ends_on FROM school_years WHERE id = ?').get(id) as { id: number; name: string; starts_on: string | null; ends_on: string | null } | undefined;
  if (!r) throw new AppError('RECORDS_SCHOOL_YEAR_NOT_FOUND', 'Không tìm thấy năm học này.', 'School year not found.', { id });
  return { id: r.id, name: r.name, startsOn: r.starts_on, endsOn: r.ends_on };
}

export function schoolYearByName(db: SqlDb, name: string): SchoolYear | null {
  const r = db.prepare('SELECT id FROM school_years WHERE name = ?').get(name) as { id: number } | undefined;
  return r ? schoolYearById(db, r.id) : null;
}

export function listSchoolYears(db: SqlDb): SchoolYear[] {
  return (db.prepare('SELECT id FROM school_years ORDER BY name DESC').all() as Array<{ id: number }>).map((r) => schoolYearById(db, r.id));
}

export function addSubjectGroup(db: SqlDb, name: string, at: string): number {
  const clean = name.trim();
  const r = db.prepare('SELECT id FROM subject_groups WHERE name = ?').get(clean) as { id: number } | undefined;
  if (r) return r.id;
  return Number(db.prepare('INSERT INTO subject_groups (name, created_at) VALUES (?,?)').run(clean, at).lastInsertRowid);
}

export function addClass(db: SqlDb, c: { schoolYearId: number; name: string; kind: 'nhom' | 'lop'; grade?: string | null }, at: string): number {
  schoolYearById(db, c.schoolYearId);
  const r = db.prepare('SELECT id FROM classes WHERE school_year_id = ? AND name = ?').get(c.schoolYearId, c.name.trim()) as { id: number } | undefined;
  if (r) return r.id;
  return Number(db.prepare('INSERT INTO classes (school_year_id, name, kind, grade, created_at) VALUES (?,?,?,?,?)').run(c.schoolYearId, c.name.trim(), c.kind, c.grade ?? null, at).lastInsertRowid);
}

export type StaffRole = 'teacher' | 'group_head' | 'vice_principal' | 'principal' | 'clerk' | 'admin';

export interface StaffMember {
  id: number;
  fullName: string;
  subjectGroupId: number | null;
  roles: StaffRole[];
}

/** Staff are managed by the office part (core/people); the record store only reads names and roles. */
export function staffById(db: SqlDb, id: number): StaffMember {
  const r = db.prepare('SELECT id, full_name, subject_group_id, roles FROM staff WHERE id = ?').get(id) as { id: number; full_name: string; subject_group_id: number | null; roles: string } | undefined;
  if (!r) throw new AppError('RECORDS_STAFF_NOT_FOUND', 'Không tìm thấy cán bộ, giáo viên này trong danh sách nhân sự.', 'This staff member is not in the staff list.', { id });
  let roles: StaffRole[] = [];
  try {
    const parsed = JSON.parse(r.roles) as unknown;
    if (Array.isArray(parsed)) roles = parsed.filter((x): x is StaffRole => typeof x === 'string') as StaffRole[];
  } catch {
    roles = [];
  }
  return { id: r.id, fullName: r.full_name, subjectGroupId: r.subject_group_id, roles };
}
