import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/main/cli/index';
import type { CliIo } from '../../../src/main/cli/io';
import { tempDir, writePdf } from './fixture';

let root: string;
let data: string;

function cli(args: string[], env: Record<string, string> = { HOSOKY_DATA: data }) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (t) => void out.push(t), err: (t) => void err.push(t), readStdin: async () => '', env };
  return main(args, io).then((code) => ({ code, out: out.join('\n'), err: err.join('\n') }));
}

beforeAll(async () => {
  root = tempDir('hosoky-cli-');
  data = path.join(root, 'data');
  const inbox = path.join(root, 'nop');
  fs.mkdirSync(inbox);
  for (const w of [1, 2, 3]) await writePdf(inbox, `Kế hoạch bài dạy tuần ${w}.pdf`, [`Kế hoạch bài dạy tuần ${w}`, 'Môn Ngữ văn']);
  fs.writeFileSync(path.join(inbox, 'ghi chú.txt'), 'không nhập');
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('hosoky records', () => {
  it('sets up a school, imports a folder, shows the tree, lists, searches, checks', async () => {
    expect((await cli(['records', 'setup', '--school', 'Trường Tiểu học Hoa Phượng', '--level', 'tieu_hoc', '--year', '2024-2025'])).code).toBe(0);
    const imp = await cli(['records', 'import', path.join(root, 'nop'), '--folder', 'gv.ke_hoach_bai_day']);
    expect(imp).toMatchObject({ code: 0 });
    expect(imp.out).toContain('Đã nhập 3/3 tệp.');
    expect(imp.err).toContain('[3/3]');
    const tree = await cli(['records', 'tree']);
    expect(tree.out).toContain('Hồ sơ giáo viên (3)');
    expect(tree.out).toContain('Kế hoạch bài dạy (mỗi tệp một tuần) (3)  [gv.ke_hoach_bai_day]');
    expect((await cli(['records', 'list', '--folder', 'gv.ke_hoach_bai_day'])).out.split('\n')).toHaveLength(3);
    const found = await cli(['records', 'search', 'ke hoach bai day tuan 2', '--json']);
    const hits = JSON.parse(found.out).value;
    expect(hits[0].title).toBe('Kế hoạch bài dạy tuần 2');
    const check = await cli(['records', 'check']);
    expect(check).toMatchObject({ code: 0 });
    expect(check.out).toContain('Đã kiểm tra 3 tệp: 0 thiếu, 0 bị thay đổi.');
  });

  it('backs up, detects a damaged store with check (exit 1), restores', async () => {
    const backup = await cli(['records', 'backup', '--json']);
    const file = JSON.parse(backup.out).value.file as string;
    const raw = new Database(path.join(data, 'hosoky.sqlite'));
    raw.exec('DROP TRIGGER audit_no_delete; DELETE FROM audit_log WHERE seq = 2;');
    raw.close();
    const check = await cli(['records', 'check']);
    expect(check.code).toBe(1);
    expect(check.out).toContain('PHÁT HIỆN');
    const restore = await cli(['records', 'restore', file]);
    expect(restore.code).toBe(0);
    expect(restore.out).toContain('Đã khôi phục 3 hồ sơ');
    expect((await cli(['records', 'check'])).code).toBe(0);
  });

  it('exports for an inspector and carries a package to another PC', async () => {
    const out = path.join(root, 'kiem-tra');
    expect((await cli(['records', 'export', '--folder', 'gv', '--out', out])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8')).items).toHaveLength(3);
    const pkg = path.join(root, 'goi.hsk');
    expect((await cli(['records', 'pack', '--folder', 'gv.ke_hoach_bai_day', '--out', pkg])).code).toBe(0);
    const other = { HOSOKY_DATA: path.join(root, 'may-hieu-truong') };
    await cli(['records', 'setup', '--school', 'Trường Tiểu học Hoa Phượng', '--level', 'tieu_hoc'], other);
    expect((await cli(['records', 'unpack', pkg], other)).out).toContain('Thêm 3 hồ sơ');
    expect((await cli(['records', 'unpack', pkg], other)).out).toContain('Thêm 0 hồ sơ, 0 phiên bản');
    expect((await cli(['records', 'tree', '--year', '2024-2025'], other)).out).toContain('Hồ sơ giáo viên (3)');
  });

  it('explains mistakes in Vietnamese', async () => {
    const r = await cli(['records', 'import', path.join(root, 'nop'), '--folder', 'khong.co']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('Không có mục "khong.co"');
    const newer = await cli(['records', 'tree'], { HOSOKY_DATA: path.join(root, 'moi') });
    expect(newer).toMatchObject({ code: 1 });
    expect(newer.err).toContain('Chưa có năm học nào');
  });
});
