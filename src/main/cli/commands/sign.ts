/**
 * `hosoky sign IN.pdf -o OUT.pdf (--module PATH --token LABEL | --p12 FILE | --demo) --cert ID_OR_NAME
 *  (--pin-stdin | --pin-env NAME) [--reason TEXT] [--location TEXT] [--certify] [--visible PAGE:X,Y,W,H]
 *  [--field NAME] [--image SIGNATURE.png] [--seal] [--json]`
 * `hosoky sign --batch DIR -o OUTDIR …` signs every PDF in DIR after one login.
 */
import { parseCommandLine, printResult, type CliIo } from '../io';
import { PIN_OPTIONS, PinSourceError, readPin } from '../pin';
import { closePrestartedWorkers, prestartWorker } from '../../infra/pkcs11/worker-client';
import type { App } from '../../api';
import type { SignerRef, TokenLogin, ModuleReport } from '../../../shared/contract/tokens';
import type { PdfBatchItem, PdfSignResult, SignaturePlacement } from '../../../shared/contract/pdf';
import type { Result } from '../../../shared/result';

const HELP = `Cách dùng / usage:
  hosoky sign TỆP.pdf -o KẾT_QUẢ.pdf (--module ĐƯỜNG_DẪN --token NHÃN | --p12 TỆP.p12 | --demo)
              --cert MÃ_HOẶC_TÊN (--pin-stdin | --pin-env BIẾN) [--reason LÝ_DO] [--location NƠI_KÝ]
              [--certify] [--visible TRANG:X,Y,R,C] [--field TÊN_Ô_KÝ] [--image CHỮ_KÝ.png] [--seal] [--json]
  hosoky sign --batch THƯ_MỤC -o THƯ_MỤC_KẾT_QUẢ …   (ký mọi tệp PDF trong thư mục sau một lần nhập PIN)

Ký số tệp PDF (PAdES) bằng token, tệp .p12 hoặc hồ sơ dùng thử. Tệp gốc không bị thay đổi.
Signs PDF files (PAdES) with a token, a .p12 file or the demo profile. The input is never modified.

  --module PATH        trình điều khiển PKCS#11 của token / the token's PKCS#11 driver
  --token LABEL        nhãn token (bỏ qua nếu chỉ có một token) / token label
  --p12 FILE           tệp chứng thư .p12/.pfx (mật khẩu qua --pin-stdin/--pin-env)
  --cert ID|NAME       mã chứng thư (SHA-256, có thể viết tắt) hoặc một phần tên người ký
  --pin-stdin          đọc PIN/mật khẩu từ đầu vào chuẩn / read the PIN from standard input
  --pin-env NAME       đọc PIN từ biến môi trường NAME / read the PIN from environment variable NAME
  --reason TEXT        lý do ký, ví dụ "Trình kế hoạch giáo dục", "Phê duyệt"
  --location TEXT      nơi ký, ví dụ "Hải Phòng"
  --certify            chứng nhận tài liệu (chỉ chữ ký đầu tiên) / certify (first signature only)
  --visible P:X,Y,W,H  chữ ký hiện trên trang P tại hình chữ nhật (điểm PDF, gốc dưới-trái)
  --field NAME         ký vào ô ký có sẵn / sign an existing empty signature field
  --image FILE.png     ảnh chữ ký tay (hoặc ảnh con dấu với --seal), PNG nền trong suốt
  --seal               chứng thư là của cơ quan (con dấu): dấu đỏ trùm 1/3 bên trái ô ký của lãnh đạo
  --level B-B|B-T|B-LT|B-LTA  mức PAdES (mặc định theo Cài đặt); không có mạng thì ký B-B và xếp hàng đợi
  --tsa URL            dịch vụ cấp dấu thời gian (mặc định theo Cài đặt), ví dụ http://ca.gov.vn/tsa
  --json               in kết quả dạng JSON / print the result as JSON
  --db DIR             thư mục dữ liệu / data folder`;

const OPTIONS = {
  output: { type: 'string', short: 'o' },
  batch: { type: 'string' },
  module: { type: 'string' },
  token: { type: 'string' },
  p12: { type: 'string' },
  demo: { type: 'boolean' },
  cert: { type: 'string' },
  reason: { type: 'string' },
  location: { type: 'string' },
  certify: { type: 'boolean' },
  visible: { type: 'string' },
  field: { type: 'string' },
  image: { type: 'string' },
  seal: { type: 'boolean' },
  level: { type: 'string' },
  tsa: { type: 'string' },
  json: { type: 'boolean' },
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...PIN_OPTIONS,
} as const;

class UsageError extends Error {}

export function parsePlacement(visible: string | undefined, field: string | undefined): SignaturePlacement {
  if (visible && field) throw new UsageError('Chỉ dùng một trong hai: --visible hoặc --field / use --visible or --field, not both');
  if (field) return { field };
  if (!visible) return 'invisible';
  const m = /^(\d+):(-?[\d.]+),(-?[\d.]+),([\d.]+),([\d.]+)$/.exec(visible.trim());
  if (!m) throw new UsageError(`--visible phải có dạng TRANG:X,Y,R,C (ví dụ 1:330,60,220,90), không phải "${visible}"`);
  const [, page, x, y, w, h] = m.map(Number) as [number, number, number, number, number, number];
  return { page, rect: [x, y, w, h] };
}

const fail = (code: string, message: string, messageEn: string): Result<never> => ({ ok: false, error: { code, message, messageEn } });

/** Finds the token and certificate, logs in once; returns the signer reference and a logout. */
async function tokenSigner(app: App, values: { module?: string; token?: string; cert?: string }, pin: string | undefined): Promise<Result<{ ref: SignerRef; logout: () => Promise<void> }>> {
  const list = await app.server.call('tokens.list', { modulePaths: [values.module!] });
  if (!list.ok) return list;
  const tokens = (list.value as { modules: ModuleReport[] }).modules.flatMap((m) => (m.error ? [] : m.tokens));
  const moduleError = (list.value as { modules: ModuleReport[] }).modules.find((m) => m.error)?.error;
  const wanted = values.token?.trim();
  const candidates = wanted ? tokens.filter((t) => t.label.trim() === wanted) : tokens;
  if (candidates.length !== 1) {
    if (moduleError) return { ok: false, error: moduleError };
    return candidates.length === 0
      ? fail('SIGN_TOKEN_NOT_FOUND', `Không thấy token${wanted ? ` "${wanted}"` : ''}. Hãy cắm token và kiểm tra nhãn (lệnh "hosoky tokens").`, `Token${wanted ? ` "${wanted}"` : ''} not found.`)
      : fail('SIGN_TOKEN_AMBIGUOUS', 'Có nhiều token đang cắm: hãy chọn bằng --token NHÃN.', 'Several tokens are plugged in: choose one with --token LABEL.');
  }
  const token = candidates[0]!;
  const login = await app.server.call('tokens.login', { tokenId: token.tokenId, ...(pin ? { pin } : {}) });
  if (!login.ok) return login;
  const session = login.value as TokenLogin;
  const logout = async () => void (await app.server.call('tokens.logout', { sessionId: session.sessionId }));
  const q = values.cert?.trim().toLowerCase();
  const certs = session.certificates.filter((c) => c.hasPrivateKey !== false);
  const matches = q ? certs.filter((c) => c.certificateId.toLowerCase().startsWith(q) || c.info.subjectCommonName.toLowerCase().includes(q) || c.label.toLowerCase().includes(q)) : certs;
  if (matches.length !== 1) {
    await logout();
    return matches.length === 0
      ? fail('SIGN_CERT_NOT_FOUND', `Không thấy chứng thư số${q ? ` khớp "${values.cert}"` : ''} có khoá ký trên token.`, 'No matching certificate with a private key on the token.')
      : fail('SIGN_CERT_AMBIGUOUS', 'Token có nhiều chứng thư số: hãy chọn bằng --cert (mã hoặc một phần tên).', 'Several certificates: choose one with --cert.');
  }
  return { ok: true, value: { ref: { kind: 'token', sessionId: session.sessionId, certificateId: matches[0]!.certificateId }, logout } };
}

function humanSign(v: PdfSignResult): string {
  const lines = [`Đã ký thành công / signed: ${v.output} (ô ký "${v.fieldName}"${v.sealFieldName ? `, con dấu "${v.sealFieldName}"` : ''})`];
  for (const w of v.warnings) lines.push(`Lưu ý: ${w.message}`);
  if (v.ltv) {
    lines.push(`Mức PAdES / level: ${v.ltv.level} (cần / wanted ${v.ltv.wantedLevel})`);
    if (v.ltv.error) lines.push(`Lưu ý: ${v.ltv.error.message}`);
    if (v.ltv.queued) lines.push(`Đã đưa vào hàng đợi nâng hiệu lực (#${v.ltv.queued.id} → ${v.ltv.queued.output}); xem "hosoky ltv status".`);
  }
  return lines.join('\n');
}

function humanBatch(v: { items: PdfBatchItem[]; signed: number; failed: number; totalMs: number }): string {
  const lines = v.items.map((i) => (i.ok ? `  ✓ ${i.input} → ${i.output}` : `  ✗ ${i.input}: ${i.error?.message}`));
  lines.push(`Đã ký ${v.signed} tệp, lỗi ${v.failed} tệp (${(v.totalMs / 1000).toFixed(2)} s). / signed ${v.signed}, failed ${v.failed}.`);
  return lines.join('\n');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, HELP, { args: argv, options: OPTIONS, allowPositionals: true });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  let placement: SignaturePlacement;
  let pin: string | undefined;
  try {
    const sources = [values.module, values.p12, values.demo].filter(Boolean).length;
    if (sources !== 1) throw new UsageError('Chọn đúng một cách ký: --module (token), --p12 hoặc --demo / choose one of --module, --p12, --demo');
    if (values.batch ? positionals.length > 0 : positionals.length !== 1) throw new UsageError('Cần đúng một tệp PDF, hoặc --batch THƯ_MỤC / give one PDF file or --batch DIR');
    if (values.batch && !values.output) throw new UsageError('--batch cần -o THƯ_MỤC_KẾT_QUẢ / --batch needs -o OUTDIR');
    placement = parsePlacement(values.visible, values.field);
    pin = await readPin(io, values);
    if (values.p12 && pin === undefined) throw new UsageError('Tệp .p12 cần mật khẩu qua --pin-stdin hoặc --pin-env / a .p12 needs --pin-stdin or --pin-env');
  } catch (e) {
    if (e instanceof UsageError || e instanceof PinSourceError) {
      io.err(`Lỗi: ${e.message}`);
      return 2;
    }
    throw e;
  }
  // The token's worker starts while the signing code loads (see `hosoky tokens`).
  if (values.module) prestartWorker(values.module);
  let app: App | undefined;
  let logout: (() => Promise<void>) | undefined;
  try {
    app = (await import('../sign-app')).openSigningApp(io, values.db);
    let signer: SignerRef;
    if (values.module) {
      const t = await tokenSigner(app, values, pin);
      if (!t.ok) return printResult(io, t, !!values.json, () => '');
      signer = t.value.ref;
      logout = t.value.logout;
    } else if (values.p12) signer = { kind: 'p12', path: values.p12, password: pin ?? '' };
    else signer = { kind: 'demo' };
    const common = {
      signer,
      placement,
      ...(values.reason ? { reason: values.reason } : {}),
      ...(values.location ? { location: values.location } : {}),
      ...(values.certify ? { certify: true } : {}),
      ...(values.image ? { image: values.image } : {}),
      ...(values.seal ? { asSeal: true } : {}),
      ...(values.level ? { level: values.level } : {}),
      ...(values.tsa ? { tsaUrl: values.tsa } : {}),
    };
    if (values.batch) {
      const result = await app.server.call('pdf.signBatch', { inputDir: values.batch, outputDir: values.output, ...common });
      const code = printResult(io, result, !!values.json, (v) => humanBatch(v as Parameters<typeof humanBatch>[0]));
      return code === 0 && result.ok && (result.value as { failed: number }).failed > 0 ? 1 : code;
    }
    const result = await app.server.call('pdf.sign', { input: positionals[0], ...(values.output ? { output: values.output } : {}), ...common });
    return printResult(io, result, !!values.json, (v) => humanSign(v as PdfSignResult));
  } finally {
    if (logout) await logout().catch(() => undefined);
    await app?.ctx.close();
    await closePrestartedWorkers();
  }
}
