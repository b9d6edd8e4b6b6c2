import { parseArgs } from 'node:util';
import { printResult, type CliIo } from '../io';
import { openApp } from '../app';
import { COMMON_OPTIONS, UsageError, cliDate, withUsage } from './office-common';
import type { FormResult } from '../../../shared/contract/forms';

const USAGE = `Cách dùng / usage:
  hosoky forms request --out TỆP.docx [--unit ĐƠN_VỊ] [--date NGÀY] [--place NƠI] [--organisation] [--commercial]
      Biểu mẫu đề nghị cấp chứng thư số: mặc định mọi người đang công tác chưa có chứng thư số cá nhân
      chuyên dùng (Ban Cơ yếu) còn hiệu lực.
  hosoky forms revocation --out TỆP.docx [--unit ĐƠN_VỊ] [--date NGÀY] [--place NƠI]
      Danh sách thu hồi chứng thư số: người chuyển tỉnh (Trường hợp 1), nghỉ hưu/thôi việc (2), khác (3).
Tuỳ chọn chung: --db THƯ_MỤC_DỮ_LIỆU (hoặc biến HOSOKY_DATA), --json`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  return withUsage(io, USAGE, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...COMMON_OPTIONS,
        out: { type: 'string', short: 'o' },
        unit: { type: 'string' },
        date: { type: 'string' },
        place: { type: 'string' },
        organisation: { type: 'boolean' },
        commercial: { type: 'boolean' },
      },
    });
    const [kind] = positionals;
    if (values.help || !kind) {
      io.out(USAGE);
      return values.help ? 0 : 2;
    }
    if (kind !== 'request' && kind !== 'revocation') throw new UsageError(`không có biểu mẫu "${kind}".`);
    if (!values.out) throw new UsageError('thiếu --out TỆP.docx.');
    const common = {
      out: values.out,
      ...(values.unit ? { unit: values.unit } : {}),
      ...(values.date ? { date: cliDate(values.date, 'date') } : {}),
      ...(values.place ? { place: values.place } : {}),
    };
    const app = openApp(io, values.db);
    try {
      const result =
        kind === 'request'
          ? await app.server.call('forms.request', { ...common, holder: values.organisation ? 'organisation' : 'personal', specialPurpose: !values.commercial })
          : await app.server.call('forms.revocation', common);
      return printResult(io, result, !!values.json, (v) => {
        const r = v as FormResult;
        const what = kind === 'request' ? 'Biểu mẫu đề nghị cấp chứng thư số' : 'Danh sách thu hồi chứng thư số';
        return `Đã lập ${what}: ${r.rows} dòng → ${r.path}${r.rows === 0 ? '\n(Không có ai cần đưa vào danh sách.)' : ''}`;
      });
    } finally {
      await app.ctx.close();
    }
  });
}
