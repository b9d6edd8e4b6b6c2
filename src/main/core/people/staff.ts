/**
 * A member of staff as the school office keeps them: the facts the Department's forms ask for (seed 004),
 * the roles that decide who may submit and approve in the app, and the working status that decides whether
 * their certificates must be revoked.
 */
import { checkCccd, type Problem } from './cccd';
import { checkPhone } from './phone';
import { parseDate, vnDay, type IsoDate } from './dates';

export const STAFF_ROLES = ['teacher', 'group_head', 'vice_principal', 'principal', 'clerk', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const ROLE_LABELS: Record<StaffRole, string> = {
  teacher: 'giáo viên',
  group_head: 'tổ trưởng',
  vice_principal: 'phó hiệu trưởng',
  principal: 'hiệu trưởng',
  clerk: 'văn thư',
  admin: 'quản trị',
};

/** Working status; the last three are the three cases of the revocation list (seed 004, IV.4). */
export const STAFF_STATUSES = ['working', 'moved_province', 'left_sector', 'other'] as const;
export type StaffStatus = (typeof STAFF_STATUSES)[number];

export const STATUS_LABELS: Record<StaffStatus, string> = {
  working: 'đang công tác',
  moved_province: 'chuyển công tác sang tỉnh/thành phố khác',
  left_sector: 'nghỉ hưu, thôi việc',
  other: 'khác',
};

/** What a user enters for a person (form, CSV row, API). Dates as typed (dd/mm/yyyy or ISO). */
export interface StaffInput {
  fullName: string;
  dateOfBirth?: string | null;
  position?: string | null;
  unit?: string | null;
  cccd?: string | null;
  cccdIssuedOn?: string | null;
  phone?: string | null;
  roles?: StaffRole[];
  status?: StaffStatus;
  statusNote?: string | null;
}

/** The same, checked and normalised: NFC text, ISO dates, 12-digit CCCD, national phone form. */
export interface StaffDetails {
  fullName: string;
  dateOfBirth: IsoDate | null;
  position: string | null;
  unit: string | null;
  cccd: string | null;
  cccdIssuedOn: IsoDate | null;
  phone: string | null;
  roles: StaffRole[];
  status: StaffStatus;
  statusNote: string | null;
}

export type StaffField = keyof StaffInput;
export interface FieldProblem extends Problem {
  field: StaffField;
}

/** NFC and single spaces: names typed on different keyboards (Unikey, VNI, macOS) compare equal. */
export function normalizeText(text: string | null | undefined): string | null {
  if (text == null) return null;
  const t = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return t === '' ? null : t;
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

/**
 * Vietnamese order as on a school list: by given name (the last word), then the whole name.
 * "Trần Văn An" comes before "Nguyễn Thị Bình"; Đ sorts after D.
 */
export function compareStaffNames(a: string, b: string): number {
  const given = (n: string) => n.slice(n.lastIndexOf(' ') + 1);
  return collator.compare(given(a), given(b)) || collator.compare(a, b);
}

/** Checks every field and returns all problems at once, so a user fixes a row in one pass. */
export function checkStaff(input: StaffInput, today: IsoDate = vnDay(new Date())): { details?: StaffDetails; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const add = (field: StaffField, p: Problem) => problems.push({ field, messageVi: p.messageVi, messageEn: p.messageEn });

  const fullName = normalizeText(input.fullName);
  if (!fullName) add('fullName', { messageVi: 'Thiếu họ và tên.', messageEn: 'Full name is missing.' });
  else if (/[\d<>@#$%^*=_{}[\]|\\]/.test(fullName))
    add('fullName', { messageVi: `Họ và tên "${fullName}" có chữ số hoặc ký tự lạ. Hãy gõ lại.`, messageEn: `Full name "${fullName}" contains digits or stray characters.` });

  const dateOfBirth = checkDay(input.dateOfBirth, 'dateOfBirth', 'Ngày sinh', 'Date of birth', today, add);
  if (dateOfBirth && (dateOfBirth < '1900-01-01' || Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4)) < 15))
    add('dateOfBirth', { messageVi: `Ngày sinh ${input.dateOfBirth} không hợp lý cho một cán bộ, giáo viên. Hãy xem lại.`, messageEn: `Date of birth ${input.dateOfBirth} is not plausible for a member of staff.` });

  let cccd: string | null = null;
  const cccdText = normalizeText(input.cccd);
  if (cccdText) {
    const c = checkCccd(cccdText, dateOfBirth);
    if (c.ok) cccd = c.value.number;
    else add('cccd', c);
  }

  const cccdIssuedOn = checkDay(input.cccdIssuedOn, 'cccdIssuedOn', 'Ngày cấp CCCD', 'CCCD issue date', today, add);
  if (cccdIssuedOn && dateOfBirth && cccdIssuedOn < dateOfBirth)
    add('cccdIssuedOn', { messageVi: 'Ngày cấp CCCD sớm hơn ngày sinh. Hãy xem lại.', messageEn: 'The CCCD issue date is before the date of birth.' });
  if (cccdIssuedOn && !cccdText)
    add('cccd', { messageVi: 'Có ngày cấp CCCD nhưng thiếu số CCCD.', messageEn: 'CCCD issue date given without the CCCD number.' });

  let phone: string | null = null;
  const phoneText = normalizeText(input.phone);
  if (phoneText) {
    const p = checkPhone(phoneText);
    if (p.ok) phone = p.value.number;
    else add('phone', p);
  }

  const roles = [...new Set(input.roles ?? [])].sort((a, b) => STAFF_ROLES.indexOf(a) - STAFF_ROLES.indexOf(b));
  const status = input.status ?? 'working';
  const statusNote = normalizeText(input.statusNote);
  if (status === 'other' && !statusNote)
    add('statusNote', { messageVi: 'Tình trạng "khác" cần ghi rõ lý do (dùng cho Trường hợp 3 của danh sách thu hồi).', messageEn: 'Status "other" needs a reason (case 3 of the revocation list).' });

  if (problems.length > 0 || !fullName) return { problems };
  return {
    problems,
    details: {
      fullName,
      dateOfBirth,
      position: normalizeText(input.position),
      unit: normalizeText(input.unit),
      cccd,
      cccdIssuedOn,
      phone,
      roles,
      status,
      statusNote: status === 'working' ? null : statusNote,
    },
  };
}

function checkDay(
  text: string | null | undefined,
  field: StaffField,
  labelVi: string,
  labelEn: string,
  today: IsoDate,
  add: (field: StaffField, p: Problem) => void,
): IsoDate | null {
  const t = normalizeText(text);
  if (!t) return null;
  const iso = parseDate(t);
  if (!iso) {
    add(field, { messageVi: `${labelVi} "${t}" không phải ngày có thật. Hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/09/1985.`, messageEn: `${labelEn} "${t}" is not a real date. Use day/month/year, e.g. 05/09/1985.` });
    return null;
  }
  if (iso > today) {
    add(field, { messageVi: `${labelVi} ${t} ở tương lai. Hãy xem lại.`, messageEn: `${labelEn} ${t} is in the future.` });
    return null;
  }
  return iso;
}
