/**
 * The inspection report from a real store seeded by the test (school, six categories, staff with
 * certificates of the test PKI, plans with their signatures), checked against figures computed by hand;
 * then the Word report, the school file and the district summary from the command line.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/api';
import { recordsService } from '../../../src/main/api/services/records';
import { main } from '../../../src/main/cli';
import { insertDocument, insertVersion, type FoundSignature, type SignatureRole } from '../../../src/main/core/records/documents';
import { createTestPki, type TestPki } from '../../support/pki';
import type { Result } from '../../../src/shared/result';
import type { InspectionFiguresView } from '../../../src/shared/contract/reports';
import type { StaffView } from '../../../src/shared/contract/staff';
import { documentXml, pdfPageSize, pdfText, renderPdfs } from './docx-support';

let dir: string;
let app: App;
let pki: TestPki;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

const CSV = [
  'Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số căn cước công dân,Ngày cấp CCCD,Điện thoại,Vai trò,Tình trạng',
  'Nguyễn Thị Hoa,05/09/1990,Giáo viên,Nhóm 24-36 tháng,031190001234,,,giáo viên,',
  'Trần Văn Đức,02/03/1985,Tổ trưởng,Tổ Mẫu giáo,030085004321,,,giáo viên; tổ trưởng,',
  'Lê Thị Thu Hương,01/01/1978,Hiệu trưởng,Ban giám hiệu,031178009876,,,hiệu trưởng,',
  'Hoàng Thị Mai,03/03/1988,Giáo viên,Lớp 5 tuổi A,,,,giáo viên,',
  'Phạm Thị Thu,07/07/1993,Giáo viên,Lớp 4 tuổi B,,,,giáo viên,',
  'Vũ Văn Nam,10/10/1965,Bảo vệ,Tổ Văn phòng,,,,,nghỉ hưu',
].join('\n');

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-office-inspection-'));
  pki = await createTestPki();
  app = createApp({ dataDir: dir, host: 'cli', version: 'test' });
  value(await app.server.call('records.setSchool', { name: 'Trường Mầm non Hoa Sen', managingUnit: 'UBND phường Lê Chân', level: 'mam_non' }));
  value(await app.server.call('records.addSchoolYear', { name: '2023-2024' }));
  fs.writeFileSync(path.join(dir, 'staff.csv'), CSV);
  value(await app.server.call('staff.import', { path: path.join(dir, 'staff.csv') }));
  const staff = value<StaffView[]>(await app.server.call('staff.list', {}));
  const id = (n: string) => staff.find((s) => s.fullName === n)!.id;
  value(await app.server.call('staff.attachCertificate', { der: pki.teacher.der.toString('base64'), staffId: id('Nguyễn Thị Hoa') }));
  value(await app.server.call('staff.attachCertificate', { der: pki.principal.der.toString('base64'), staffId: id('Lê Thị Thu Hương') }));
  value(await app.server.call('staff.attachCertificate', { der: pki.seal.der.toString('base64'), staffId: id('Lê Thị Thu Hương') }));

  // The store as the records area fills it: documents in the six categories, versions, the signatures found.
  const db = recordsService(app.ctx).db;
  const folder = (code: string) => (db.prepare('SELECT id FROM folders WHERE code = ?').get(code) as { id: number }).id;
  const at = '2024-06-01T00:00:00.000Z';
  const s = (who: 'teacher' | 'principal' | 'seal' | null, name: string, role: SignatureRole, verdict: FoundSignature['verdict'], signingTime: string) => ({
    fieldName: `Sig_${name}`,
    signerName: name,
    certificate: who ? pki[who].der : null,
    signingTime,
    verdict,
    role,
  });
  const plan = (title: string, code: string, docDate: string, status: string, versions: Array<ReturnType<typeof s>[]>) => {
    db.transaction(() => {
      const { id: docId } = insertDocument(db, { folderId: folder(code), title, kind: 'ke_hoach_giao_duc', docDate }, at);
      versions.forEach((signatures, i) =>
        insertVersion(db, docId, { sha256: crypto.createHash('sha256').update(`${title}${i}`).digest('hex'), size: 100, fileName: `${title}.pdf`, origin: i === 0 ? 'submit' : 'approve', signatures }, at),
      );
      db.prepare('UPDATE documents SET status = ? WHERE id = ?').run(status, docId);
    })();
  };
  const hoa = s('teacher', 'Nguyễn Thị Hoa', 'author', 'valid', '2024-01-08T01:00:00Z');
  const huong = s('principal', 'Lê Thị Thu Hương', 'approver', 'valid', '2024-01-16T02:00:00Z');
  const seal = s('seal', 'Trường Mầm non Hoa Sen', 'seal', 'valid', '2024-01-16T02:01:00Z');
  // Approved with the principal's signature and the seal: conforming. The newest version carries all three.
  plan('Kế hoạch giáo dục tháng 1 nhóm 24-36 tháng', 'mn.giao_duc', '2024-01-15', 'approved', [[hoa], [hoa, huong, seal]]);
  // Approved, no seal: not conforming. Đức signed with a certificate the school has not recorded.
  plan('Kế hoạch giáo dục tháng 2 tổ mẫu giáo', 'mn.giao_duc', '2024-02-10', 'approved', [[s(null, 'Trần Văn Đức', 'author', 'valid', '2024-02-09T01:00:00Z'), huong]]);
  // Approved, but the approval signature no longer verifies; the seal is known as an organisation certificate.
  plan('Kế hoạch lớp 5 tuổi A tháng 3', 'mn.nhom_lop', '2024-03-05', 'approved', [[hoa, s('principal', 'Lê Thị Thu Hương', 'approver', 'invalid', '2024-03-06T02:00:00Z'), s('seal', 'Trường Mầm non Hoa Sen', 'unknown', 'valid', '2024-03-06T02:01:00Z')]]);
  plan('Báo cáo tháng 3', 'mn.quan_ly_chung', '2024-03-20', 'submitted', [[s(null, 'Hoàng Thị Mai', 'author', 'valid', '2024-03-20T01:00:00Z')]]);
  plan('Hồ sơ nhân sự', 'mn.nhan_su', '2024-04-02', 'draft', []);
  plan('Kế hoạch tháng 6', 'mn.tai_san_tai_chinh', '2024-06-02', 'approved', [[hoa, huong, seal]]);
  // Signed before the period: the school started signing then.
  plan('Thực đơn tháng 12', 'mn.cham_soc_nuoi_duong', '2023-12-20', 'approved', [[s('teacher', 'Nguyễn Thị Hoa', 'author', 'valid', '2023-12-19T18:00:00Z')]]);
}, 120_000);

afterAll(async () => {
  await app.ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('inspection figures from the store', () => {
  it('match the hand count for January–May 2024', async () => {
    const f = value<InspectionFiguresView>(await app.server.call('reports.inspection', { from: '2024-01-01', to: '2024-05-31' }));
    expect(f.signingStartedOn).toBe('2023-12-20'); // 18:00 UTC on the 19th is the 20th in Vietnam
    expect(f.staffWorking).toBe(5); // Vũ Văn Nam has retired
    expect(f.staffSigned).toBe(4); // Hoa, Hương (by certificate), Đức, Mai (by name); the seal is not a person
    expect(f.signers[0]).toEqual({ name: 'Lê Thị Thu Hương', documents: 3 });
    expect(f.documentsInPeriod).toBe(5);
    expect(f.documentsSigned).toBe(4);
    expect(f.documentsValidlySigned).toBe(3);
    expect(f.byMonth).toEqual([
      { month: '2024-01', documents: 1, signed: 1 },
      { month: '2024-02', documents: 1, signed: 1 },
      { month: '2024-03', documents: 2, signed: 2 },
      { month: '2024-04', documents: 1, signed: 0 },
      { month: '2024-05', documents: 0, signed: 0 },
    ]);
    expect(f.byCategory.map((c) => [c.name, c.documents, c.signed, c.hasDocuments])).toEqual([
      ['Hồ sơ quản lý chung', 1, 1, true],
      ['Hồ sơ quản lý hoạt động giáo dục', 2, 2, true],
      ['Hồ sơ quản lý hoạt động chăm sóc nuôi dưỡng và đảm bảo an toàn', 0, 0, false],
      ['Hồ sơ của nhóm/lớp', 1, 1, true],
      ['Hồ sơ quản lý nhân sự', 1, 0, true],
      ['Hồ sơ quản lý tài sản, tài chính', 0, 0, false],
    ]);
    expect(f.categoriesWithDocuments).toBe(4);
    expect(f.approvedPlans).toBe(3);
    expect(f.approvedPlansConforming).toBe(1);
    expect(f.plans.map((p) => [p.title, p.conforming, p.sealValid])).toEqual([
      ['Kế hoạch giáo dục tháng 1 nhóm 24-36 tháng', true, true],
      ['Kế hoạch giáo dục tháng 2 tổ mẫu giáo', false, false],
      ['Kế hoạch lớp 5 tuổi A tháng 3', false, true],
    ]);
  });

  it('any range can be chosen; June alone has the one plan of June', async () => {
    const f = value<InspectionFiguresView>(await app.server.call('reports.inspection', { from: '2024-06-01', to: '2024-06-30' }));
    expect([f.documentsInPeriod, f.approvedPlans, f.approvedPlansConforming, f.categoriesWithDocuments]).toEqual([1, 1, 1, 1]);
    const bad = await app.server.call('reports.inspection', { from: '2024-06-01', to: '2024-01-01' });
    expect(!bad.ok && bad.error.code).toBe('REPORT_PERIOD_INVALID');
  });
});

describe('hosoky report', () => {
  const run = async (args: string[]) => {
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), readStdin: async () => '', env: { HOSOKY_DATA: dir } };
    const code = await main(args, io);
    return { code, text: out.join('\n') };
  };

  it('inspection writes the Word report and the school file; district averages several schools', async () => {
    await app.ctx.close();
    const docx = path.join(dir, 'bao-cao.docx');
    const json = path.join(dir, 'hoa-sen.json');
    const r = await run(['report', 'inspection', '--from', '01/01/2024', '--to', '31/05/2024', '--out', docx, '--school-file', json]);
    expect(r.code).toBe(0);
    expect(r.text).toContain('Cán bộ, giáo viên đã ký số: 4/5');
    expect(r.text).toContain('✗ Kế hoạch giáo dục tháng 2 tổ mẫu giáo: chưa có con dấu điện tử');

    const xml = await documentXml(docx);
    expect(xml).toContain('BÁO CÁO KẾT QUẢ SỬ DỤNG CHỮ KÝ SỐ');
    expect(/<w:pgSz w:w="(\d+)" w:h="(\d+)"/.exec(xml)!.slice(1).map(Number)).toEqual([11906, 16838]);

    // A second school's file, and the first one exported again later (the newer one counts once).
    const school = JSON.parse(fs.readFileSync(json, 'utf8'));
    expect(school).toMatchObject({ format: 'hosoky.inspection-report', version: 1, school: { name: 'Trường Mầm non Hoa Sen' }, figures: { staffSigned: 4, staffWorking: 5, approvedPlans: 3, approvedPlansConforming: 1 } });
    const other = { ...school, school: { ...school.school, name: 'Trường Mầm non Sen Hồng' }, figures: { ...school.figures, signingStartedOn: null, staffSigned: 0, documentsSigned: 0, documentsValidlySigned: 0, approvedPlans: 0, approvedPlansConforming: 0, categoriesWithDocuments: 2 } };
    const otherFile = path.join(dir, 'sen-hong.json');
    fs.writeFileSync(otherFile, JSON.stringify(other));
    const again = path.join(dir, 'hoa-sen-again.json');
    fs.writeFileSync(again, JSON.stringify({ ...school, generatedAt: new Date(Date.now() + 1000).toISOString() }));
    const districtDocx = path.join(dir, 'tong-hop.docx');
    const d = await run(['report', 'district', json, otherFile, again, '--out', districtDocx, '--json']);
    expect(d.code).toBe(0);
    const result = JSON.parse(d.text);
    expect(result.value).toMatchObject({
      schools: 2,
      duplicates: [json],
      schoolsNotSigning: ['Trường Mầm non Sen Hồng'],
      average: { staffSigned: 2, staffSignedShare: 0.4, documentsSigned: 2, conformingShare: 0.1667, categoriesWithDocuments: 3, categoriesShare: 0.5 },
    });

    const broken = path.join(dir, 'broken.json');
    fs.writeFileSync(broken, '{"format":"hosoky.inspection-report","version":1}');
    const bad = await run(['report', 'district', json, broken]);
    expect(bad.code).toBe(1);
    expect(bad.text).toContain('bị hỏng hoặc đã bị sửa tay');

    const [reportPdf, districtPdf] = renderPdfs([docx, districtDocx], dir);
    const text = pdfText(reportPdf!);
    for (const s of ['BÁO CÁO KẾT QUẢ SỬ DỤNG CHỮ KÝ SỐ', '(Từ ngày 01/01/2024 đến ngày 31/05/2024)', 'Thời gian bắt đầu sử dụng chữ ký số: 20/12/2023', 'Số cán bộ, giáo viên đã sử dụng chữ ký số: 4 (trên 5 người', '1 trên 3 kế hoạch đã duyệt đạt', 'Hồ sơ quản lý hoạt động chăm sóc nuôi', 'Số danh mục có hồ sơ trong kỳ: 4 trên 6 danh mục', 'HIỆU TRƯỞNG', 'Lê Thị Thu Hương']) {
      expect(text.replace(/\s+/g, ' '), s).toContain(s);
    }
    expect(text).toMatch(/Tháng 3\/2024\s+2\s+2/);
    // Only the two plans that need action are listed, the conforming one is counted.
    expect(text).toContain('Các kế hoạch chưa đạt (2):');
    expect(text).toMatch(/1\s+10\/02\/2024\s+Hợp lệ\s+Không\s+tử/);
    expect(text).toMatch(/2\s+05\/03\/2024\s+Chưa đạt\s+Có/);
    expect(text).not.toContain('15/01/2024');
    const size = pdfPageSize(reportPdf!);
    expect(size.height).toBeGreaterThan(size.width);
    const dText = pdfText(districtPdf!).replace(/\s+/g, ' ');
    expect(dText).toContain('TỔNG HỢP KẾT QUẢ SỬ DỤNG CHỮ KÝ SỐ CỦA CÁC TRƯỜNG');
    expect(dText).toContain('Trường Mầm non Sen Hồng');
    expect(dText).toContain('Số trường tổng hợp: 2');
    app = createApp({ dataDir: dir, host: 'cli', version: 'test' });
  }, 120_000);
});
