import { describe, expect, it } from 'vitest';
import { requestFormRows, selectForRequest } from '../../../src/main/core/forms/request-form';
import { revocationRows, selectForRevocation } from '../../../src/main/core/forms/revocation-list';
import type { StaffRecord } from '../../../src/main/core/forms/staff-record';
import type { StaffCertificate } from '../../../src/main/core/people/certificates';

let certId = 0;
const cert = (staffId: number, over: Partial<StaffCertificate>): StaffCertificate => ({
  id: ++certId, staffId, holder: 'personal', specialPurpose: true, providerName: 'Ban Cơ yếu Chính phủ', serialNumber: `54${certId}`,
  issuer: 'CA phục vụ các cơ quan Nhà nước', validFrom: '2025-01-01', validTo: '2028-01-01', source: 'manual', ...over,
});
const person = (id: number, fullName: string, over: Partial<StaffRecord> = {}): StaffRecord => ({
  id, fullName, dateOfBirth: '1990-01-02', position: 'Giáo viên', unit: 'Tổ Nhà trẻ', cccd: null, cccdIssuedOn: null, phone: '0912345678',
  roles: ['teacher'], status: 'working', statusNote: null, certificates: [], ...over,
});

const staff: StaffRecord[] = [
  person(1, 'Nguyễn Thị Hoa'),
  person(2, 'Trần Văn Đức', { certificates: [cert(2, { validTo: '2026-12-10' })] }), // expiring soon: still usable
  person(3, 'Phạm Quỳnh Anh', { certificates: [cert(3, { specialPurpose: false, providerName: 'VNPT' })] }),
  person(4, 'Lê Văn Bảo', { certificates: [cert(4, { validFrom: '2027-01-01', validTo: '2030-01-01' })] }), // not yet valid
  person(5, 'Đỗ Văn Bình', { status: 'moved_province', unit: 'Tổ Mẫu giáo', certificates: [cert(5, {}), cert(5, { specialPurpose: false, providerName: 'Viettel' })] }),
  person(6, 'Hoàng Thị Mai', { status: 'other', statusNote: 'Nghỉ không lương dài hạn', certificates: [cert(6, { validTo: '2026-11-27' })] }),
];

describe('who goes on the request form', () => {
  const today = '2026-11-28';
  it('by default, people at work without a usable personal special-purpose certificate, in Vietnamese order', () => {
    expect(selectForRequest(staff, { date: today }).map((s) => s.fullName)).toEqual(['Phạm Quỳnh Anh', 'Lê Văn Bảo', 'Nguyễn Thị Hoa']);
  });
  it('for commercial certificates, those without a usable commercial one', () => {
    expect(selectForRequest(staff, { date: today, kind: { holder: 'personal', specialPurpose: false } }).map((s) => s.id)).toEqual([4, 2, 1]);
  });
  it('the people chosen by the user, filtered by unit', () => {
    expect(selectForRequest(staff, { date: today, staffIds: [2, 5], unit: 'tổ mẫu giáo' }).map((s) => s.id)).toEqual([5]);
  });
  it('rows follow the template columns with Vietnamese dates and phones', () => {
    expect(requestFormRows([staff[0]!])).toEqual([['1', 'Nguyễn Thị Hoa', '02/01/1990', 'Giáo viên', 'Tổ Nhà trẻ', '', '', '0912 345 678']]);
  });
});

describe('who goes on the revocation list', () => {
  it('each certificate in force of people who moved or left, with the case as reason', () => {
    const entries = selectForRevocation(staff, { date: '2026-11-28' });
    expect(revocationRows(entries).map((r) => [r[0], r[1], r[5], r[6]])).toEqual([
      ['1', 'Đỗ Văn Bình', 'Ban Cơ yếu Chính phủ', 'Trường hợp 1: Chuyển công tác sang tỉnh/thành phố khác'],
      ['2', 'Đỗ Văn Bình', 'Viettel', 'Trường hợp 1: Chuyển công tác sang tỉnh/thành phố khác'],
    ]);
    // Mai's certificate expired yesterday: nothing to revoke. The day before, it was listed with her reason.
    expect(revocationRows(selectForRevocation(staff, { date: '2026-11-27' })).map((r) => r[6])).toContain('Trường hợp 3: Nghỉ không lương dài hạn');
  });
});
