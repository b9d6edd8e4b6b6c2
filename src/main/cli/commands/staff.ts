import { parseArgs } from 'node:util';
import { printResult, type CliIo } from '../io';
import { openApp } from '../app';
import { COMMON_OPTIONS, UsageError, withUsage } from './office-common';
import type { StaffView } from '../../../shared/contract/staff';

const USAGE = `Cách dùng / usage:
  hosoky staff list [--unit ĐƠN_VỊ] [--json]          danh sách cán bộ và chứng thư số
  hosoky staff import TỆP.csv                          nhập danh sách (UTF-8; lỗi ở dòng nào thì không nhập dòng nào)
  hosoky staff export TỆP.csv                          xuất danh sách (UTF-8 có BOM, mở được bằng Excel)
Tuỳ chọn chung: --db THƯ_MỤC_DỮ_LIỆU (hoặc biến HOSOKY_DATA), --json`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  return withUsage(io, USAGE, async () => {
    const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { ...COMMON_OPTIONS, unit: { type: 'string' } } });
    const [action, file] = positionals;
    if (values.help || !action) {
      io.out(USAGE);
      return values.help ? 0 : 2;
    }
    const app = openApp(io, values.db);
    try {
      const json = !!values.json;
      switch (action) {
        case 'list':
          return printResult(io, await app.server.call('staff.list', values.unit ? { unit: values.unit } : {}), json, (v) => formatList(v as StaffView[]));
        case 'import':
          if (!file) throw new UsageError('thiếu tên tệp CSV cần nhập.');
          return printResult(io, await app.server.call('staff.import', { path: file }), json, (v) => {
            const r = v as { added: number; updated: number };
            return `Đã nhập danh sách: thêm ${r.added} người, cập nhật ${r.updated} người.`;
          });
        case 'export':
          if (!file) throw new UsageError('thiếu tên tệp CSV cần ghi.');
          return printResult(io, await app.server.call('staff.export', { path: file }), json, (v) => {
            const r = v as { path: string; count: number };
            return `Đã xuất ${r.count} người vào ${r.path}.`;
          });
        default:
          throw new UsageError(`không có thao tác "${action}".`);
      }
    } finally {
      await app.ctx.close();
    }
  });
}

function formatList(staff: StaffView[]): string {
  if (staff.length === 0) return 'Chưa có cán bộ nào. Dùng "hosoky staff import TỆP.csv" để nhập danh sách.';
  const lines = staff.map((s, i) => {
    const certs = s.certificates.map((c) => `    • ${c.providerName} ${c.serialNumber} đến ${c.validTo.split('-').reverse().join('/')}: ${c.stateLabel}`);
    const status = s.status === 'working' ? '' : ` [${s.status === 'other' ? s.statusNote : s.status === 'moved_province' ? 'chuyển tỉnh' : 'nghỉ hưu/thôi việc'}]`;
    return [`${String(i + 1).padStart(3)}. ${s.fullName} — ${s.position ?? ''}${s.unit ? `, ${s.unit}` : ''}${status}`, ...certs].join('\n');
  });
  return `${lines.join('\n')}\nTổng: ${staff.length} người.`;
}
