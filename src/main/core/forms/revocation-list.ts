/**
 * Danh sách thu hồi chứng thư số — the revocation list of seed 004, column for column:
 * TT · Họ và tên · Ngày sinh · Đơn vị · Thông tin chứng thư số · Đơn vị cung cấp · Lý do thu hồi.
 * One row per certificate still in force of each person whose status calls for it (IV.4 of the plan):
 * Trường hợp 1 moved to another province, 2 retired or left the sector, 3 other cases (with the reason).
 * An expired certificate needs no revocation and is left out.
 */
import { compareStaffNames, type StaffStatus } from '../people/staff';
import { certificateState } from '../people/certificates';
import { formatDateVn, type IsoDate } from '../people/dates';
import { grid, renderDocx, textWidthTwip, type DocumentHeading, type GridColumn } from './administrative-document';
import type { StaffRecord } from './staff-record';
import type { StaffCertificate } from '../people/certificates';

export const REVOCATION_LIST_TITLE = 'Danh sách thu hồi chứng thư số';

export const REVOCATION_COLUMNS: GridColumn[] = [
  { header: 'TT', weight: 5 },
  { header: 'Họ và tên', weight: 17, align: 'left' },
  { header: 'Ngày sinh', weight: 10 },
  { header: 'Đơn vị', weight: 14, align: 'left' },
  { header: 'Thông tin chứng thư số', weight: 22, align: 'left' },
  { header: 'Đơn vị cung cấp', weight: 12 },
  { header: 'Lý do thu hồi', weight: 20, align: 'left' },
];

export function revocationReason(status: StaffStatus, note: string | null): string | null {
  switch (status) {
    case 'moved_province':
      return 'Trường hợp 1: Chuyển công tác sang tỉnh/thành phố khác';
    case 'left_sector':
      return 'Trường hợp 2: Nghỉ hưu, thôi việc, không còn công tác trong ngành';
    case 'other':
      return `Trường hợp 3: ${note ?? 'Trường hợp khác theo quy định'}`;
    default:
      return null;
  }
}

export interface RevocationEntry {
  person: StaffRecord;
  certificate: StaffCertificate;
  reason: string;
}

export function selectForRevocation(staff: StaffRecord[], opts: { unit?: string | null; date: IsoDate }): RevocationEntry[] {
  const unit = opts.unit?.normalize('NFC').toLocaleLowerCase('vi');
  const entries: RevocationEntry[] = [];
  for (const person of [...staff].sort((a, b) => compareStaffNames(a.fullName, b.fullName))) {
    const reason = revocationReason(person.status, person.statusNote);
    if (!reason || (unit && person.unit?.toLocaleLowerCase('vi') !== unit)) continue;
    for (const certificate of person.certificates) {
      if (certificateState(certificate, opts.date).state !== 'expired') entries.push({ person, certificate, reason });
    }
  }
  return entries;
}

export function revocationRows(entries: RevocationEntry[]): string[][] {
  return entries.map((e, i) => [
    String(i + 1),
    e.person.fullName,
    formatDateVn(e.person.dateOfBirth),
    e.person.unit ?? '',
    `Số hiệu: ${e.certificate.serialNumber}\nHiệu lực: ${formatDateVn(e.certificate.validFrom)} - ${formatDateVn(e.certificate.validTo)}`,
    e.certificate.providerName,
    e.reason,
  ]);
}

export async function buildRevocationList(entries: RevocationEntry[], heading: DocumentHeading, signerName?: string | null): Promise<Buffer> {
  return renderDocx({
    heading,
    title: REVOCATION_LIST_TITLE,
    orientation: 'landscape',
    body: [grid(REVOCATION_COLUMNS, revocationRows(entries), textWidthTwip('landscape'))],
    signature: { title: 'Hiệu trưởng', signerName },
  });
}
