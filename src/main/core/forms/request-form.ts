/**
 * Biểu mẫu đề nghị cấp chứng thư số — the request form of seed 004, column for column:
 * STT · Họ và tên · Ngày sinh · Chức vụ · Đơn vị · Số căn cước công dân · Ngày cấp CCCD · Điện thoại.
 * Eight columns do not fit a portrait A4 at 13 pt, so the page is landscape.
 */
import { compareStaffNames } from '../people/staff';
import { isUsable, type CertificateHolder } from '../people/certificates';
import { formatDateVn, type IsoDate } from '../people/dates';
import { formatPhone } from '../people/phone';
import { grid, renderDocx, textWidthTwip, type DocumentHeading, type GridColumn } from './administrative-document';
import type { StaffRecord } from './staff-record';

export const REQUEST_FORM_TITLE = 'Biểu mẫu đề nghị cấp chứng thư số';

export const REQUEST_FORM_COLUMNS: GridColumn[] = [
  { header: 'STT', weight: 5 },
  { header: 'Họ và tên', weight: 19, align: 'left' },
  { header: 'Ngày sinh', weight: 11 },
  { header: 'Chức vụ', weight: 13, align: 'left' },
  { header: 'Đơn vị', weight: 15, align: 'left' },
  { header: 'Số căn cước công dân', weight: 14 },
  { header: 'Ngày cấp CCCD', weight: 11 },
  { header: 'Điện thoại', weight: 12 },
];

export interface CertificateKind {
  holder: CertificateHolder;
  specialPurpose: boolean;
}

/** The Department issues personal special-purpose certificates (Ban Cơ yếu) to staff (seed 004, II.2.b). */
export const DEFAULT_REQUEST_KIND: CertificateKind = { holder: 'personal', specialPurpose: true };

export interface RequestSelection {
  /** The people chosen by the user; when absent, everyone working who lacks a usable certificate of `kind`. */
  staffIds?: number[];
  unit?: string | null;
  kind?: CertificateKind;
  date: IsoDate;
}

export function selectForRequest(staff: StaffRecord[], sel: RequestSelection): StaffRecord[] {
  const kind = sel.kind ?? DEFAULT_REQUEST_KIND;
  const unit = sel.unit?.normalize('NFC').toLocaleLowerCase('vi');
  const chosen = sel.staffIds
    ? staff.filter((s) => sel.staffIds!.includes(s.id))
    : staff.filter(
        (s) =>
          s.status === 'working' &&
          !s.certificates.some((c) => c.holder === kind.holder && c.specialPurpose === kind.specialPurpose && isUsable(c, sel.date)),
      );
  return chosen.filter((s) => !unit || s.unit?.toLocaleLowerCase('vi') === unit).sort((a, b) => compareStaffNames(a.fullName, b.fullName));
}

export function requestFormRows(staff: StaffRecord[]): string[][] {
  return staff.map((s, i) => [
    String(i + 1),
    s.fullName,
    formatDateVn(s.dateOfBirth),
    s.position ?? '',
    s.unit ?? '',
    s.cccd ?? '',
    formatDateVn(s.cccdIssuedOn),
    s.phone ? formatPhone(s.phone) : '',
  ]);
}

export async function buildRequestForm(staff: StaffRecord[], heading: DocumentHeading, signerName?: string | null): Promise<Buffer> {
  return renderDocx({
    heading,
    title: REQUEST_FORM_TITLE,
    orientation: 'landscape',
    body: [grid(REQUEST_FORM_COLUMNS, requestFormRows(staff), textWidthTwip('landscape'))],
    signature: { title: 'Hiệu trưởng', signerName },
  });
}
