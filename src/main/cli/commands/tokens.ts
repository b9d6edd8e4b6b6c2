/**
 * `hosoky tokens [--module PATH]... [--json]`: the token drivers found, their tokens and certificates.
 * With --module only the given drivers are opened (quick, and what a support person asks for).
 */
import { parseCommandLine, printResult, type CliIo } from '../io';
import { defaultDataDir } from '../../infra/fs/app-data';
import { closePrestartedWorkers, prestartWorker } from '../../infra/pkcs11/worker-client';
import { hostProbe } from '../../infra/pkcs11/host-probe';
import { discoverModules } from '../../core/tokens/discovery';
import type { ModuleReport, TokenCertificate } from '../../../shared/contract/tokens';

const HELP = `Cách dùng / usage: hosoky tokens [--module ĐƯỜNG_DẪN]... [--json] [--db THƯ_MỤC]

Liệt kê trình điều khiển token (PKCS#11) tìm thấy, các token đang cắm và chứng thư số trên đó.
Lists the token drivers found, the tokens plugged in and their certificates.

  --module PATH   chỉ mở trình điều khiển này (có thể lặp lại) / only this driver (repeatable)
  --json          in kết quả dạng JSON / print the result as JSON
  --db DIR        thư mục dữ liệu / data folder (default: HOSOKY_DATA or the user's app-data)`;

const date = (iso: string) => iso.slice(0, 10);

function certificateLine(c: TokenCertificate): string {
  const i = c.info;
  const who = i.holder === 'organisation' ? 'tổ chức' : 'cá nhân';
  const ids = Object.entries(i.identity)
    .map(([k, v]) => `${k.toUpperCase()} ${v}`)
    .join(', ');
  const key = c.hasPrivateKey === null ? 'khóa: cần đăng nhập để kiểm tra' : c.hasPrivateKey ? 'có khóa ký' : 'KHÔNG có khóa ký';
  const status = c.status === 'expired' ? 'HẾT HẠN' : c.status === 'not_yet_valid' ? 'chưa có hiệu lực' : `còn ${c.daysToExpiry} ngày`;
  return [
    `    • ${i.subjectCommonName} (${who}${ids ? `; ${ids}` : ''})`,
    `      Cấp bởi: ${i.issuerCommonName} — ${i.provider.name}`,
    `      Hiệu lực: ${date(i.notBefore)} → ${date(i.notAfter)} (${status}); ${i.keyType} ${i.keyBits} bit; ${key}`,
    `      Số hiệu: ${i.serialNumber}; mã chứng thư: ${c.certificateId.slice(0, 16)}…`,
  ].join('\n');
}

function human(modules: ModuleReport[]): string {
  if (modules.length === 0) {
    return 'Không tìm thấy trình điều khiển token nào. Hãy cài phần mềm token của nhà cung cấp, hoặc chỉ đường dẫn bằng --module.\nNo token driver found: install the provider\'s token software or give --module PATH.';
  }
  const lines: string[] = [];
  for (const m of modules) {
    lines.push(`${m.module.label} — ${m.module.path}${m.library ? ` (${m.library.manufacturer} ${m.library.version})` : ''}`);
    if (m.error) {
      lines.push(`  Lỗi: ${m.error.message}`);
      continue;
    }
    if (m.tokens.length === 0) lines.push('  (không có token nào đang cắm / no token plugged in)');
    for (const t of m.tokens) {
      const pin = t.flags.pinLocked ? ' — PIN ĐÃ BỊ KHÓA' : t.flags.pinFinalTry ? ' — chỉ còn 1 lần nhập PIN' : t.flags.pinCountLow ? ' — số lần nhập PIN còn ít' : '';
      lines.push(`  Token "${t.label}" — ${t.manufacturer} ${t.model}, số sê-ri ${t.serialNumber}${t.flags.protectedAuthPath ? ', nhập PIN trên thiết bị' : ''}${pin}`);
      lines.push(`    mã token: ${t.tokenId}; ${t.certificates.length} chứng thư`);
      for (const c of t.certificates) lines.push(certificateLine(c));
    }
  }
  return lines.join('\n');
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, HELP, {
    args: argv,
    options: { module: { type: 'string', multiple: true }, json: { type: 'boolean' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  // The drivers' workers start first (a Node process each, then C_Initialize), so that they come up
  // while this process loads the API, zod and the certificate parser: side by side, not one after the
  // other. Without --module, those of the built-in table found on this computer (the listing adds the
  // drivers named in settings and, on Windows, beside the registered CSPs, and starts their workers itself).
  const early = values.module?.length ? values.module : discoverModules({ settingsPaths: [] }, hostProbe()).filter((m) => !m.problem).map((m) => m.path);
  for (const modulePath of early) prestartWorker(modulePath);
  try {
    const { listTokens } = await import('../token-list');
    const result = await listTokens(values.db ?? defaultDataDir(io.env), values.module);
    return printResult(io, result, !!values.json, (v) => human(v.modules));
  } finally {
    await closePrestartedWorkers();
  }
}
