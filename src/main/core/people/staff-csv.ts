/**
 * The staff list as a CSV file: the columns of the Department's request form first (so the file can be
 * checked against it), then what the app needs. Import checks every row and reports every problem with
 * its line number; the caller writes nothing unless all rows pass.
 */
import { parseCsv, toCsv } from './csv';
import { formatDateVn } from './dates';
import { checkStaff, normalizeText, ROLE_LABELS, STATUS_LABELS, STAFF_ROLES, STAFF_STATUSES, type StaffDetails, type StaffRole, type StaffStatus, type StaffInput } from './staff';

export const STAFF_CSV_COLUMNS = [
  { key: 'fullName', header: 'Họ và tên' },
  { key: 'dateOfBirth', header: 'Ngày sinh' },
  { key: 'position', header: 'Chức vụ' },
  { key: 'unit', header: 'Đơn vị' },
  { key: 'cccd', header: 'Số căn cước công dân' },
  { key: 'cccdIssuedOn', header: 'Ngày cấp CCCD' },
  { key: 'phone', header: 'Điện thoại' },
  { key: 'roles', header: 'Vai trò' },
  { key: 'status', header: 'Tình trạng' },
  { key: 'statusNote', header: 'Ghi chú tình trạng' },
] as const;

export interface CsvRowProblem {
  /** Line in the file, counting the header as line 1 (what a spreadsheet shows). */
  line: number;
  column: string;
  messageVi: string;
  messageEn: string;
}

const fold = (s: string) =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();

const HEADER_ALIASES: Record<string, (typeof STAFF_CSV_COLUMNS)[number]['key']> = Object.fromEntries([
  ...STAFF_CSV_COLUMNS.map((c) => [fold(c.header), c.key]),
  ...STAFF_CSV_COLUMNS.map((c) => [fold(c.key), c.key]),
  [fold('Số CCCD'), 'cccd'],
  [fold('CCCD'), 'cccd'],
  [fold('Ho ten'), 'fullName'],
  [fold('Số điện thoại'), 'phone'],
]);

const roleByLabel = new Map<string, StaffRole>([...STAFF_ROLES.map((r) => [fold(r), r] as const), ...STAFF_ROLES.map((r) => [fold(ROLE_LABELS[r]), r] as const)]);
const statusByLabel = new Map<string, StaffStatus>([
  ...STAFF_STATUSES.map((s) => [fold(s), s] as const),
  ...STAFF_STATUSES.map((s) => [fold(STATUS_LABELS[s]), s] as const),
  [fold('chuyển tỉnh'), 'moved_province'],
  [fold('nghỉ hưu'), 'left_sector'],
  [fold('thôi việc'), 'left_sector'],
]);

export function staffToCsv(staff: StaffDetails[]): string {
  const rows = staff.map((s) => [
    s.fullName,
    formatDateVn(s.dateOfBirth),
    s.position ?? '',
    s.unit ?? '',
    s.cccd ?? '',
    formatDateVn(s.cccdIssuedOn),
    s.phone ?? '',
    s.roles.map((r) => ROLE_LABELS[r]).join('; '),
    STATUS_LABELS[s.status],
    s.statusNote ?? '',
  ]);
  return toCsv([STAFF_CSV_COLUMNS.map((c) => c.header), ...rows]);
}

/** Reads and checks the whole file; `staff` is complete only when `problems` is empty. */
export function staffFromCsv(text: string, today?: string): { staff: Array<StaffDetails & { line: number }>; problems: CsvRowProblem[] } {
  const { rows } = parseCsv(text);
  const problems: CsvRowProblem[] = [];
  const [header, ...body] = rows;
  if (!header) return { staff: [], problems: [{ line: 1, column: '', messageVi: 'Tệp CSV trống.', messageEn: 'The CSV file is empty.' }] };

  const keys = header.map((h) => HEADER_ALIASES[fold(h)]);
  if (!keys.includes('fullName')) {
    return {
      staff: [],
      problems: [{ line: 1, column: '', messageVi: `Dòng tiêu đề thiếu cột "Họ và tên". Các cột cần có: ${STAFF_CSV_COLUMNS.map((c) => c.header).join(', ')}.`, messageEn: 'The header row has no "Họ và tên" (full name) column.' }],
    };
  }
  const headerOf = (key: string) => STAFF_CSV_COLUMNS.find((c) => c.key === key)?.header ?? key;

  const staff: Array<StaffDetails & { line: number }> = [];
  const seenCccd = new Map<string, number>();
  body.forEach((cells, i) => {
    const line = i + 2;
    const get = (key: string) => {
      const at = keys.indexOf(key as (typeof keys)[number]);
      return at >= 0 ? normalizeText(cells[at]) : null;
    };
    const input: StaffInput = {
      fullName: get('fullName') ?? '',
      dateOfBirth: get('dateOfBirth'),
      position: get('position'),
      unit: get('unit'),
      cccd: get('cccd'),
      cccdIssuedOn: get('cccdIssuedOn'),
      phone: get('phone'),
      statusNote: get('statusNote'),
    };
    const rowProblems: CsvRowProblem[] = [];
    const rolesText = get('roles');
    const roles: StaffRole[] = [];
    for (const part of rolesText ? rolesText.split(/[;,/]/).map((p) => p.trim()).filter(Boolean) : []) {
      const role = roleByLabel.get(fold(part));
      if (role) roles.push(role);
      else rowProblems.push({ line, column: headerOf('roles'), messageVi: `Vai trò "${part}" không có. Dùng: ${Object.values(ROLE_LABELS).join(', ')}.`, messageEn: `Unknown role "${part}".` });
    }
    input.roles = roles;
    const statusText = get('status');
    if (statusText) {
      const status = statusByLabel.get(fold(statusText));
      if (status) input.status = status;
      else rowProblems.push({ line, column: headerOf('status'), messageVi: `Tình trạng "${statusText}" không có. Dùng: ${Object.values(STATUS_LABELS).join('; ')}.`, messageEn: `Unknown status "${statusText}".` });
    }
    const checked = checkStaff(input, today);
    for (const p of checked.problems) rowProblems.push({ line, column: headerOf(p.field), messageVi: p.messageVi, messageEn: p.messageEn });
    if (checked.details?.cccd) {
      const first = seenCccd.get(checked.details.cccd);
      if (first) rowProblems.push({ line, column: headerOf('cccd'), messageVi: `Số CCCD ${checked.details.cccd} trùng với dòng ${first}.`, messageEn: `CCCD ${checked.details.cccd} repeats line ${first}.` });
      else seenCccd.set(checked.details.cccd, line);
    }
    if (rowProblems.length > 0) problems.push(...rowProblems);
    else if (checked.details) staff.push({ ...checked.details, line });
  });
  return { staff, problems };
}
