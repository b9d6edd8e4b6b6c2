/**
 * Staff and certificates through the API on a real SQLite store in a temp folder: CSV import that is all
 * or nothing, export that Excel reads, certificates from real X.509 certificates of the test PKI.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/api';
import { main } from '../../../src/main/cli';
import { createTestPki, type TestPki } from '../../support/pki';
import type { StaffView } from '../../../src/shared/contract/staff';
import type { Result } from '../../../src/shared/result';

const HEADER = 'Họ và tên,Ngày sinh,Chức vụ,Đơn vị,Số căn cước công dân,Ngày cấp CCCD,Điện thoại,Vai trò,Tình trạng,Ghi chú tình trạng';
const GOOD = [
  HEADER,
  'Nguyễn Thị Hoa,05/09/1990,Giáo viên,Tổ Mẫu giáo lớn,031190001234,12/04/2021,0912 345 678,giáo viên,đang công tác,',
  'Trần Văn Đức,02/03/1985,Tổ trưởng chuyên môn,Tổ Mẫu giáo nhỡ,030085004321,20/05/2021,(0225) 3842 113,giáo viên; tổ trưởng,,',
  'Lê Thị Thu Hương,01/01/1978,Hiệu trưởng,Ban giám hiệu,031178009876,15/06/2021,+84 913 000 111,hiệu trưởng,,',
].join('\r\n');

let dir: string;
let app: App;
let pki: TestPki;

const value = <T>(r: Result<unknown>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hosoky-office-staff-'));
  app = createApp({ dataDir: dir, host: 'cli', version: 'test' });
  pki = await createTestPki();
});
afterAll(async () => {
  await app.ctx.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('staff CSV import', () => {
  it('writes nothing when any row is bad, and says which rows', async () => {
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(bad, `${GOOD}\r\nPhạm Văn Sai,01/01/1990,Giáo viên,,003190001234,,0912345678,,,\r\nVũ Thị Lỗi,30/02/1992,,,,,0|12345678,,,\r\n`);
    const r = await app.server.call('staff.import', { path: bad });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('STAFF_CSV_INVALID');
    expect(r.error.message).toContain('không dòng nào được ghi');
    expect(r.error.message).toContain('dòng 5');
    expect(r.error.message).toContain('dòng 6');
    expect((r.error.details!.problems as unknown[]).length).toBe(3);
    expect(value<StaffView[]>(await app.server.call('staff.list', {}))).toEqual([]);
  });

  it('imports a good file (with BOM, ";" separated, as Excel writes it) and lists it in Vietnamese order', async () => {
    const good = path.join(dir, 'good.csv');
    // Excel quotes a field holding the separator: the roles "giáo viên; tổ trưởng".
    fs.writeFileSync(good, '\uFEFF' + GOOD.replace(/,/g, ';').replace('giáo viên; tổ trưởng', '"giáo viên; tổ trưởng"'));
    expect(value(await app.server.call('staff.import', { path: good }))).toEqual({ added: 3, updated: 0 });
    const list = value<StaffView[]>(await app.server.call('staff.list', {}));
    expect(list.map((s) => s.fullName)).toEqual(['Trần Văn Đức', 'Nguyễn Thị Hoa', 'Lê Thị Thu Hương']);
    expect(list[0]).toMatchObject({ phone: '02253842113', roles: ['teacher', 'group_head'], cccdIssuedOn: '2021-05-20' });
    // Importing the same file again updates, never duplicates.
    expect(value(await app.server.call('staff.import', { path: good }))).toEqual({ added: 0, updated: 3 });
  });

  it('exports UTF-8 with BOM that imports back unchanged', async () => {
    const out = path.join(dir, 'export.csv');
    expect(value(await app.server.call('staff.export', { path: out }))).toEqual({ path: out, count: 3 });
    const bytes = fs.readFileSync(out);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toBe('\uFEFF' + HEADER);
    expect(text).toContain('Trần Văn Đức,02/03/1985,Tổ trưởng chuyên môn,Tổ Mẫu giáo nhỡ,030085004321,20/05/2021,02253842113,"giáo viên; tổ trưởng",đang công tác,');
    expect(value(await app.server.call('staff.import', { path: out }))).toEqual({ added: 0, updated: 3 });
  });

  it('refuses a person with an invalid CCCD or one already used', async () => {
    const r = await app.server.call('staff.save', { staff: { fullName: 'Người Mới', cccd: '031190001234' } });
    expect(!r.ok && r.error.code).toBe('STAFF_DUPLICATE_CCCD');
    const bad = await app.server.call('staff.save', { staff: { fullName: 'Người Mới', cccd: '12345' } });
    expect(!bad.ok && bad.error.code).toBe('STAFF_INVALID');
    expect(!bad.ok && bad.error.message).toContain('12 chữ số');
  });
});

describe('certificates of staff', () => {
  it('a token certificate is matched by the CCCD it carries and saved to that person', async () => {
    const der = pki.teacher.der.toString('base64');
    const m = value<{ match: { by: string; staffId?: number; fullName?: string }; certificate: { specialPurpose: boolean; holder: string } }>(
      await app.server.call('staff.matchCertificate', { der, token: 'VGCA Token 1' }),
    );
    expect(m.match).toMatchObject({ by: 'cccd', fullName: 'Nguyễn Thị Hoa' });
    expect(m.certificate).toMatchObject({ holder: 'personal', specialPurpose: true });
    const saved = value<{ serialNumber: string; state: string; source: string; token: string }>(await app.server.call('staff.attachCertificate', { der, token: 'VGCA Token 1', staffId: m.match.staffId! }));
    expect(saved).toMatchObject({ serialNumber: pki.teacher.cert.serialNumber.toUpperCase(), state: 'valid', source: 'token', token: 'VGCA Token 1' });
    // Read twice: the same certificate, not a second row.
    value(await app.server.call('staff.attachCertificate', { der, token: 'VGCA Token 1', staffId: m.match.staffId! }));
    const hoa = value<StaffView[]>(await app.server.call('staff.list', {})).find((s) => s.fullName === 'Nguyễn Thị Hoa')!;
    expect(hoa.certificates).toHaveLength(1);
  });

  it('refuses to attach a certificate that names someone else', async () => {
    const list = value<StaffView[]>(await app.server.call('staff.list', {}));
    const duc = list.find((s) => s.fullName === 'Trần Văn Đức')!;
    const r = await app.server.call('staff.attachCertificate', { der: pki.teacher.der.toString('base64'), staffId: duc.id });
    expect(!r.ok && r.error.code).toBe('STAFF_CERTIFICATE_OTHER_PERSON');
  });

  it('the school seal is matched to nobody and kept with the person the user picks', async () => {
    const der = pki.seal.der.toString('base64');
    const m = value<{ match: { by: string }; certificate: { holder: string } }>(await app.server.call('staff.matchCertificate', { der }));
    expect(m).toMatchObject({ match: { by: 'none' }, certificate: { holder: 'organisation' } });
    const principal = value<StaffView[]>(await app.server.call('staff.list', {})).find((s) => s.roles.includes('principal'))!;
    expect(value<{ holder: string }>(await app.server.call('staff.attachCertificate', { der, staffId: principal.id })).holder).toBe('organisation');
  });

  it('hand-entered certificates get expiry warnings at 60 and 30 days; expired ones are shown as such', async () => {
    const list = value<StaffView[]>(await app.server.call('staff.list', {}));
    const duc = list.find((s) => s.fullName === 'Trần Văn Đức')!;
    const day = (offset: number) => new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const add = (serial: string, validTo: string) =>
      app.server.call('staff.saveCertificate', {
        staffId: duc.id,
        certificate: { holder: 'personal', specialPurpose: false, providerName: 'VNPT', serialNumber: serial, issuer: 'VNPT Certification Authority', validFrom: day(-700), validTo },
      });
    expect(value<{ state: string }>(await add('5401AA', day(45))).state).toBe('expiring_60');
    expect(value<{ state: string; stateLabel: string }>(await add('5401BB', day(10)))).toMatchObject({ state: 'expiring_30', stateLabel: expect.stringContaining('còn 10 ngày') });
    expect(value<{ state: string; stateLabel: string }>(await add('5401CC', day(-3)))).toMatchObject({ state: 'expired', stateLabel: 'đã hết hạn 3 ngày' });
    const bad = await add('5401DD', '2027-02-30');
    expect(!bad.ok && bad.error.code).toBe('STAFF_CERTIFICATE_INVALID');
    expect(!bad.ok && bad.error.message).toContain('ngày có thật');
    const warnings = value<Array<{ fullName: string; certificate: { serialNumber: string } }>>(await app.server.call('staff.expiring', {}));
    expect(warnings.map((w) => w.certificate.serialNumber)).toEqual(['5401CC', '5401BB', '5401AA']);
  });

  it('hosoky staff list prints the people and their certificates', async () => {
    await app.ctx.close();
    const out: string[] = [];
    const io = { out: (t: string) => void out.push(t), err: (t: string) => void out.push(t), readStdin: async () => '', env: { HOSOKY_DATA: dir } };
    expect(await main(['staff', 'list'], io)).toBe(0);
    const text = out.join('\n');
    expect(text).toContain('Nguyễn Thị Hoa — Giáo viên, Tổ Mẫu giáo lớn');
    expect(text).toContain('đã hết hạn 3 ngày');
    expect(text).toContain('Tổng: 3 người.');
    app = createApp({ dataDir: dir, host: 'cli', version: 'test' });
  });
});
