/**
 * The Department's two Word forms (seed 004), made from a real store and read back twice: the XML inside
 * the .docx (page, margins, font, sizes, header, columns), and a LibreOffice render read with poppler
 * (what the Department sees: header, title, columns in order, rows, diacritics, landscape page).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/api';
import { main } from '../../../src/main/cli';
import type { Result } from '../../../src/shared/result';
import type { StaffView } from '../../../src/shared/contract/staff';
import { documentXml, headerColumns, pdfPageSize, pdfText, renderPdfs, tableHeaderCells } from './docx-support';

const CSV = [
  'Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số căn cước công dân,Ngày cấp CCCD,Điện thoại,Vai trò,Tình trạng,Ghi chú tình trạng',
  'Nguyễn Thị Hoa,05/09/1990,Giáo viên,Tổ Mẫu giáo lớn,031190001234,12/04/2021,0912345678,giáo viên,,',
  'Trần Văn Đức,02/03/1985,Tổ trưởng,Tổ Mẫu giáo lớn,030085004321,20/05/2021,0225 3842 113,giáo viên; tổ trưởng,,',
  'Phạm Quỳnh Anh,14/07/1995,Kế toán,Tổ Văn phòng,031195002468,01/08/2022,0987 654 321,văn thư,,',
  'Lê Thị Thu Hương,01/01/1978,Hiệu trưởng,Ban giám hiệu,031178009876,15/06/2021,0913000111,hiệu trưởng,,',
  'Đỗ Văn Bình,11/11/1988,Giáo viên,Tổ Nhà trẻ,031088007777,03/03/2021,0903111222,giáo viên,chuyển tỉnh,',
  'Vũ Văn Nam,10/10/1965,Bảo vệ,Tổ Văn phòng,031065001111,,,,nghỉ hưu,',
  'Hoàng Thị Mai,03/03/1988,Giáo viên,Tổ Nhà trẻ,031188003333,,,giáo viên,khác,Nghỉ không lương dài hạn',
  'Bùi Thị Lan,04/04/1992,Giáo viên,Tổ Nhà trẻ,031192004444,,,giáo viên,chuyển tỉnh,',
].join('\n');

let dir: string;
let app: App;
let requestPdf: string;
let revocationPdf: string;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-office-forms-'));
  app = createApp({ dataDir: dir, host: 'cli', version: 'test' });
  value(await app.server.call('records.setSchool', { name: 'Trường Mầm non Hoa Sen', managingUnit: 'UBND phường Lê Chân', level: 'mam_non' }));
  fs.writeFileSync(path.join(dir, 'staff.csv'), CSV);
  value(await app.server.call('staff.import', { path: path.join(dir, 'staff.csv') }));
  const staff = value<StaffView[]>(await app.server.call('staff.list', {}));
  const id = (name: string) => staff.find((s) => s.fullName === name)!.id;
  const cert = (name: string, serial: string, providerName: string, specialPurpose: boolean, validFrom: string, validTo: string) =>
    app.server.call('staff.saveCertificate', { staffId: id(name), certificate: { holder: 'personal', specialPurpose, providerName, serialNumber: serial, issuer: `CA ${providerName}`, validFrom, validTo } }).then(value);
  await cert('Trần Văn Đức', '5401A1B2C3D4', 'Ban Cơ yếu Chính phủ', true, '2025-10-01', '2028-10-01');
  await cert('Phạm Quỳnh Anh', '5402FFEE', 'VNPT', false, '2025-01-01', '2027-01-01');
  await cert('Đỗ Văn Bình', '5403ABCD', 'Ban Cơ yếu Chính phủ', true, '2025-10-01', '2028-10-01');
  await cert('Vũ Văn Nam', '5404AAAA', 'Ban Cơ yếu Chính phủ', true, '2025-10-01', '2028-10-01');
  await cert('Vũ Văn Nam', '5405BBBB', 'VNPT', false, '2022-01-01', '2025-01-01'); // expired: nothing to revoke
  await cert('Hoàng Thị Mai', '5406CCCC', 'Viettel', false, '2025-06-01', '2027-06-01');

  const req = value<{ rows: number; names: string[] }>(await app.server.call('forms.request', { out: path.join(dir, 'request.docx'), date: '2026-02-05' }));
  expect(req.names).toEqual(['Phạm Quỳnh Anh', 'Nguyễn Thị Hoa', 'Lê Thị Thu Hương']);
  const rev = value<{ rows: number; names: string[] }>(await app.server.call('forms.revocation', { out: path.join(dir, 'revocation.docx'), date: '2026-11-28' }));
  expect(rev.names).toEqual(['Đỗ Văn Bình', 'Hoàng Thị Mai', 'Vũ Văn Nam']);
  [requestPdf, revocationPdf] = renderPdfs([path.join(dir, 'request.docx'), path.join(dir, 'revocation.docx')], dir) as [string, string];
}, 180_000);

afterAll(async () => {
  await app.ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const twipToMm = (t: number) => (t / 1440) * 25.4;

describe('Word files as Decree 30 wants them', () => {
  it('A4 landscape, margins in the Decree ranges, Times New Roman 13–14 pt', async () => {
    for (const name of ['request.docx', 'revocation.docx']) {
      const xml = await documentXml(path.join(dir, name));
      const pg = /<w:pgSz w:w="(\d+)" w:h="(\d+)" w:orient="landscape"\/>/.exec(xml);
      expect(pg, name).not.toBeNull();
      expect(Math.round(twipToMm(Number(pg![1])))).toBe(297);
      expect(Math.round(twipToMm(Number(pg![2])))).toBe(210);
      const margin = (side: string) => twipToMm(Number(new RegExp(`<w:pgMar[^>]* w:${side}="(\\d+)"`).exec(xml)![1]));
      expect(margin('top')).toBeGreaterThanOrEqual(19.9);
      expect(margin('top')).toBeLessThanOrEqual(25);
      expect(margin('bottom')).toBeGreaterThanOrEqual(19.9);
      expect(margin('bottom')).toBeLessThanOrEqual(25);
      expect(margin('left')).toBeGreaterThanOrEqual(29.9);
      expect(margin('left')).toBeLessThanOrEqual(35);
      expect(margin('right')).toBeGreaterThanOrEqual(14.9);
      expect(margin('right')).toBeLessThanOrEqual(20);
      const fonts = new Set([...xml.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
      expect([...fonts]).toEqual(['Times New Roman']);
      const sizes = new Set([...xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2));
      for (const s of sizes) expect([13, 14]).toContain(s);
      // The motto is underlined, the title bold.
      expect(xml).toMatch(/<w:rPr>(?:(?!<\/w:rPr>).)*<w:b\/>(?:(?!<\/w:rPr>).)*<w:u w:val="single"\/><\/w:rPr><w:t[^>]*>Độc lập - Tự do - Hạnh phúc<\/w:t>/);
      expect(xml).toMatch(/<w:b\/>[^]*?<w:t[^>]*>(BIỂU MẪU ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ|DANH SÁCH THU HỒI CHỨNG THƯ SỐ)<\/w:t>/);
      // The header table has no borders.
      expect(xml.split('<w:tbl>')[1]).toMatch(/<w:tblBorders><w:top w:val="none"/);
    }
  });
});

describe('Biểu mẫu đề nghị cấp chứng thư số', () => {
  it('has the template columns in order and the staff without a special-purpose certificate', async () => {
    const xml = await documentXml(path.join(dir, 'request.docx'));
    expect(tableHeaderCells(xml, 1)).toEqual(['STT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị', 'Số căn cước công dân', 'Ngày cấp CCCD', 'Điện thoại']);
    expect(xml).not.toContain('Trần Văn Đức'); // holds a valid Ban Cơ yếu certificate
    expect(xml).not.toContain('Đỗ Văn Bình'); // moved away
  });

  it('renders with LibreOffice: header, title, columns left to right, rows, diacritics, landscape', () => {
    const size = pdfPageSize(requestPdf);
    expect(size.width).toBeGreaterThan(size.height);
    expect(Math.round(size.width)).toBe(842);
    const text = pdfText(requestPdf);
    for (const s of ['UBND PHƯỜNG LÊ CHÂN', 'TRƯỜNG MẦM NON HOA SEN', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hải Phòng, ngày 05 tháng 02 năm 2026', 'BIỂU MẪU ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ', 'HIỆU TRƯỞNG', '(Ký, ghi rõ họ tên, đóng dấu)']) {
      expect(text, s).toContain(s);
    }
    expect(text).toMatch(/1\s+Phạm Quỳnh Anh\s+14\/07\/1995\s+Kế toán\s+Tổ Văn phòng\s+031195002468\s+01\/08\/2022\s+0987 654 321/);
    expect(text).toMatch(/2\s+Nguyễn Thị Hoa\s+05\/09\/1990\s+Giáo viên\s+Tổ Mẫu giáo lớn\s+031190001234\s+12\/04\/2021\s+0912 345 678/);
    expect(text).toMatch(/3\s+Lê Thị Thu Hương\s+01\/01\/1978\s+Hiệu trưởng\s+Ban giám hiệu\s+031178009876/);
    // The principal's name closes the signature block.
    expect(text.lastIndexOf('Lê Thị Thu Hương')).toBeGreaterThan(text.indexOf('(Ký, ghi rõ họ tên, đóng dấu)'));
    const xs = headerColumns(text, 'BIỂU MẪU ĐỀ NGHỊ', ['STT', 'Họ và tên', 'Ngày sinh', 'Chức vụ', 'Đơn vị', 'Số căn cước', 'Ngày cấp', 'Điện thoại']);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(8);
  });
});

describe('Danh sách thu hồi chứng thư số', () => {
  it('has the template columns in order, one row per certificate in force, the three cases as reasons', async () => {
    const xml = await documentXml(path.join(dir, 'revocation.docx'));
    expect(tableHeaderCells(xml, 1)).toEqual(['TT', 'Họ và tên', 'Ngày sinh', 'Đơn vị', 'Thông tin chứng thư số', 'Đơn vị cung cấp', 'Lý do thu hồi']);
    expect(xml).not.toContain('5405BBBB'); // expired
    expect(xml).not.toContain('Bùi Thị Lan'); // moved, but holds no certificate
  });

  it('renders with LibreOffice with every row and reason', () => {
    const size = pdfPageSize(revocationPdf);
    expect(size.width).toBeGreaterThan(size.height);
    const text = pdfText(revocationPdf);
    for (const s of ['DANH SÁCH THU HỒI CHỨNG THƯ SỐ', 'Hải Phòng, ngày 28 tháng 11 năm 2026', 'HIỆU TRƯỞNG', '(Ký, ghi rõ họ tên, đóng dấu)']) expect(text).toContain(s);
    // Cells wrap over several lines: check each row's first line, then the order of what follows.
    expect(text).toMatch(/1\s+Đỗ Văn Bình\s+11\/11\/1988\s+Tổ Nhà trẻ\s+Hiệu lực: 01\/10\/2025 -/);
    expect(text).toMatch(/2\s+Hoàng Thị Mai\s+03\/03\/1988\s+Tổ Nhà trẻ\s+Hiệu lực: 01\/06\/2025 -\s+Viettel\s+không lương dài hạn/);
    expect(text).toMatch(/3\s+Vũ Văn Nam\s+10\/10\/1965\s+Tổ Văn phòng\s+Hiệu lực: 01\/10\/2025 -/);
    const order = ['Số hiệu: 5403ABCD', 'Trường hợp 1: Chuyển', 'Số hiệu: 5406CCCC', 'Trường hợp 3: Nghỉ', 'Số hiệu: 5404AAAA', 'Trường hợp 2: Nghỉ hưu,'].map((s) => text.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(text.match(/Ban Cơ yếu/g)).toHaveLength(2);
    const xs = headerColumns(text, 'DANH SÁCH THU HỒI', ['TT', 'Họ và tên', 'Ngày sinh', 'Đơn vị ', 'Thông tin chứng thư số', 'Đơn vị cung', 'Lý do thu hồi']);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(new Set(xs).size).toBe(7);
  });
});

describe('hosoky forms', () => {
  it('request --unit keeps only that unit; a wrong date is refused with usage help', async () => {
    await app.ctx.close();
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), readStdin: async () => '', env: { HOSOKY_DATA: dir } };
    const file = path.join(dir, 'unit.docx');
    expect(await main(['forms', 'request', '--out', file, '--unit', 'Tổ Mẫu giáo lớn', '--date', '05/02/2026', '--json'], io)).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, value: { rows: 1, names: ['Nguyễn Thị Hoa'] } });
    expect(await documentXml(file)).toContain('Nguyễn Thị Hoa');
    out.length = 0;
    expect(await main(['forms', 'revocation', '--out', file, '--date', '31/02/2026'], io)).toBe(2);
    expect(out.join('\n')).toContain('không phải ngày có thật');
    app = createApp({ dataDir: dir, host: 'cli', version: 'test' });
  });
});
