import { parseCommandLine, type CliIo } from '../io';
import { createAppContext } from '../../api/context';
import { pdfVerifyHandlers } from '../../api/handlers/pdf-verify';
import { installVerificationExtensions } from '../../api/services/ltv-verification';
import { defaultDataDir } from '../../infra/fs/app-data';
import { toApiError } from '../../core/errors';
import { formatReport } from '../../core/pdf/verify/report-text';
import { verifyMethods, type PdfVerificationReport } from '../../../shared/contract/verify';
import type { Result } from '../../../shared/result';
import pkg from '../../../../package.json';

const USAGE = `Cách dùng / usage:
  hosoky verify TỆP.pdf [--trust CA.pem]... [--json] [--db THƯ_MỤC_DỮ_LIỆU]
Kiểm tra mọi chữ ký số trong tệp PDF. Mã thoát 0 chỉ khi mọi chữ ký đều hợp lệ; 1 khi có chữ ký không
hợp lệ, chưa xác định được, tệp không có chữ ký hoặc không đọc được; 2 khi dùng sai lệnh.
  --trust CA.pem   tin cậy thêm chứng thư CA này (chỉ cho lần kiểm tra này; dùng lại được nhiều lần)
  --json           in kết quả dạng JSON`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, USAGE, {
    args: argv,
    allowPositionals: true,
    options: { json: { type: 'boolean' }, trust: { type: 'string', multiple: true }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  if (positionals.length !== 1) {
    io.err(`Lỗi: cần đúng một tệp PDF cần kiểm tra.\n\n${USAGE}`);
    return 2;
  }
  // Only the verification handler is loaded (not the whole app: no database, no token worker), so that
  // checking a file costs what checking a file needs. Input is validated by the contract as ApiServer does.
  const ctx = createAppContext({ dataDir: values.db ?? defaultDataDir(io.env), host: 'cli', version: pkg.version });
  // The same checks as the app: revocation (embedded → cache → online when allowed) and timestamps.
  installVerificationExtensions(ctx);
  try {
    const input = verifyMethods['pdf.verify'].input.parse({ path: positionals[0], ...(values.trust ? { trust: values.trust } : {}) });
    let result: Result<PdfVerificationReport>;
    try {
      result = { ok: true, value: await pdfVerifyHandlers(ctx)['pdf.verify'](input) };
    } catch (e) {
      result = { ok: false, error: toApiError(e) };
    }
    const allValid = result.ok && result.value.verdict === 'valid';
    if (values.json) io.out(JSON.stringify(result, null, 2));
    else if (result.ok) io.out(formatReport(result.value) + (result.value.padesLevel ? `\nMức hiệu lực dài hạn (PAdES) / long-term level: ${result.value.padesLevel}` : ''));
    else io.err(`Lỗi: ${result.error.message}`);
    return allValid ? 0 : 1;
  } finally {
    await ctx.close();
  }
}
