import { parseArgs } from 'node:util';
import { openApp, type CliIo } from '../io';
import { formatReport } from '../../core/pdf/verify/report-text';
import type { PdfVerificationReport } from '../../../shared/contract/verify';

const USAGE = `Cách dùng / usage:
  hosoky verify TỆP.pdf [--trust CA.pem]... [--json] [--db THƯ_MỤC_DỮ_LIỆU]
Kiểm tra mọi chữ ký số trong tệp PDF. Mã thoát 0 chỉ khi mọi chữ ký đều hợp lệ; 1 khi có chữ ký không
hợp lệ, chưa xác định được, tệp không có chữ ký hoặc không đọc được; 2 khi dùng sai lệnh.
  --trust CA.pem   tin cậy thêm chứng thư CA này (chỉ cho lần kiểm tra này; dùng lại được nhiều lần)
  --json           in kết quả dạng JSON`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, trust: { type: 'string', multiple: true }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (e) {
    io.err(`Lỗi: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(`Lỗi: cần đúng một tệp PDF cần kiểm tra.\n\n${USAGE}`);
    return 2;
  }
  const app = openApp(io, values.db);
  try {
    const result = await app.server.call('pdf.verify', { path: positionals[0], ...(values.trust ? { trust: values.trust } : {}) });
    const allValid = result.ok && (result.value as PdfVerificationReport).verdict === 'valid';
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else if (result.ok) io.out(formatReport(result.value as PdfVerificationReport));
    else io.err(`Lỗi: ${result.error.message}`);
    return allValid ? 0 : 1;
  } finally {
    await app.ctx.close();
  }
}
