import { describe, expect, it } from 'vitest';
import { parseCsv, toCsv, UTF8_BOM } from '../../../src/main/core/people/csv';
import { staffFromCsv, staffToCsv } from '../../../src/main/core/people/staff-csv';
import { certificateState, matchCertificateOwner } from '../../../src/main/core/people/certificates';

const HEADER = 'Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số căn cước công dân,Ngày cấp CCCD,Điện thoại,Vai trò,Tình trạng,Ghi chú tình trạng';

describe('CSV', () => {
  it('reads quotes, doubled quotes, line breaks in quotes, CRLF, and a BOM', () => {
    const text = `${UTF8_BOM}a,b,c\r\n"x, y","say ""hi""","two\nlines"\r\n`;
    expect(parseCsv(text)).toEqual({ separator: ',', rows: [['a', 'b', 'c'], ['x, y', 'say "hi"', 'two\nlines']] });
  });

  it('takes ";" as the separator when Excel on a Vietnamese Windows wrote the file', () => {
    expect(parseCsv('Họ và tên;Ngày sinh\nTrần Văn An;01/02/1980\n').rows).toEqual([['Họ và tên', 'Ngày sinh'], ['Trần Văn An', '01/02/1980']]);
  });

  it('writes with a BOM so Excel shows the diacritics, and reads its own output back', () => {
    const out = toCsv([['Họ và tên', 'Ghi chú'], ['Nguyễn Thị Hoa', 'có dấu "phẩy", ở đây']]);
    expect(out.startsWith(UTF8_BOM)).toBe(true);
    expect(parseCsv(out).rows).toEqual([['Họ và tên', 'Ghi chú'], ['Nguyễn Thị Hoa', 'có dấu "phẩy", ở đây']]);
  });
});

describe('staff list CSV', () => {
  it('reports each bad row with its line and column and keeps none of them', () => {
    const csv = [
      HEADER,
      'Nguyễn Thị Hoa,05/09/1990,Giáo viên,Tổ Mẫu giáo lớn,031190001234,12/04/2021,0912345678,giáo viên,đang công tác,',
      'Trần Văn Đức,02/03/1985,Tổ trưởng,Tổ Mẫu giáo nhỡ,030085004321,,0225 3842 113,giáo viên; tổ trưởng,,',
      'Lê Văn Sai,31/02/1980,Giáo viên,,031180001111,,0|12345678,giáo viên,,',
      'Phạm Thị Trùng,01/01/1990,Giáo viên,,031190001234,,,,',
      'Đỗ Thị Lạ,01/01/1991,,,,,,thủ quỹ,đi du lịch,',
    ].join('\n');
    const { staff, problems } = staffFromCsv(csv, '2026-11-28');
    expect(staff.map((s) => s.fullName)).toEqual(['Nguyễn Thị Hoa', 'Trần Văn Đức']);
    expect(staff[1]).toMatchObject({ roles: ['teacher', 'group_head'], phone: '02253842113', status: 'working' });
    expect(problems.map((p) => [p.line, p.column])).toEqual([
      [4, 'Ngày sinh'],
      [4, 'Điện thoại'],
      [5, 'Số căn cước công dân'],
      [6, 'Vai trò'],
      [6, 'Tình trạng'],
    ]);
    expect(problems[2]!.messageVi).toContain('trùng với dòng 2');
  });

  it('refuses a file without the full-name column', () => {
    const { problems } = staffFromCsv('Tên,Tuổi\nAn,30\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]!.messageVi).toContain('Họ và tên');
  });

  it('round-trips: export then import gives the same people', () => {
    const csv = [HEADER, 'Lê Thị Thu Hương,01/01/1978,Hiệu trưởng,Ban giám hiệu,031178009876,15/06/2021,+84 913 000 111,hiệu trưởng,,', 'Vũ Văn Nam,10/10/1960,Bảo vệ,,,,,,nghỉ hưu,', 'Hoàng Thị Mai,03/03/1988,Giáo viên,,,,,,khác,"Nghỉ không lương, đi học dài hạn"'].join('\r\n');
    const first = staffFromCsv(csv, '2026-11-28');
    expect(first.problems).toEqual([]);
    const again = staffFromCsv(staffToCsv(first.staff), '2026-11-28');
    expect(again.problems).toEqual([]);
    expect(again.staff.map(({ line: _l, ...s }) => s)).toEqual(first.staff.map(({ line: _l, ...s }) => s));
    expect(first.staff[2]).toMatchObject({ status: 'other', statusNote: 'Nghỉ không lương, đi học dài hạn' });
    expect(first.staff[1]).toMatchObject({ status: 'left_sector' });
  });
});

describe('certificate expiry', () => {
  const cert = (validTo: string) => ({ validFrom: '2024-01-01', validTo });
  it('warns at 60 and 30 days and shows expired ones as such', () => {
    const today = '2026-11-28';
    expect(certificateState(cert('2027-01-28'), today)).toEqual({ state: 'valid', daysLeft: 61 });
    expect(certificateState(cert('2027-01-27'), today)).toEqual({ state: 'expiring_60', daysLeft: 60 });
    expect(certificateState(cert('2026-12-29'), today)).toEqual({ state: 'expiring_60', daysLeft: 31 });
    expect(certificateState(cert('2026-12-28'), today)).toEqual({ state: 'expiring_30', daysLeft: 30 });
    expect(certificateState(cert('2026-11-28'), today)).toEqual({ state: 'expiring_30', daysLeft: 0 });
    expect(certificateState(cert('2026-11-27'), today)).toEqual({ state: 'expired', daysLeft: -1 });
    expect(certificateState({ validFrom: '2026-12-01', validTo: '2029-12-01' }, today).state).toBe('not_yet_valid');
  });
});

describe('whose certificate is it', () => {
  const staff = [
    { id: 1, fullName: 'Nguyễn Thị Hoa', cccd: '031190001234' },
    { id: 2, fullName: 'Nguyễn Thị Hoa', cccd: null },
    { id: 3, fullName: 'Trần Văn Đức', cccd: '030085004321' },
  ];
  it('the CCCD in the certificate decides', () => {
    expect(matchCertificateOwner({ holder: 'personal', subjectCommonName: 'Nguyễn Thị Hoa', identity: { cccd: '031190001234' } }, staff)).toEqual({ by: 'cccd', staffId: 1 });
  });
  it('a 12-digit CMND is the same personal number; a 9-digit one is not', () => {
    expect(matchCertificateOwner({ holder: 'personal', subjectCommonName: 'Trần Văn Đức', identity: { cmnd: '030085004321' } }, staff)).toEqual({ by: 'cccd', staffId: 3 });
    expect(matchCertificateOwner({ holder: 'personal', subjectCommonName: 'Người Khác', identity: { cmnd: '031190001' } }, staff)).toEqual({ by: 'none' });
  });
  it('a name alone only proposes candidates for the user to confirm', () => {
    expect(matchCertificateOwner({ holder: 'personal', subjectCommonName: 'NGUYỄN THỊ HOA', identity: {} }, staff)).toEqual({ by: 'name', candidates: [1, 2] });
    expect(matchCertificateOwner({ holder: 'personal', subjectCommonName: 'Người Lạ', identity: { cccd: '031199999999' } }, staff)).toEqual({ by: 'none' });
  });
  it('the school seal belongs to no person by CCCD', () => {
    expect(matchCertificateOwner({ holder: 'organisation', subjectCommonName: 'Trường Mầm non Hoa Sen', identity: { mst: '0201234567' } }, staff)).toEqual({ by: 'none' });
  });
});
