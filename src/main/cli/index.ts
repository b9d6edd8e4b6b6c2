/**
 * `hosoky` — the command line over the same core and API handlers as the app.
 * One file per command under commands/; each is loaded only when called, so that a quick command
 * (e.g. `hosoky tokens`) does not pay for the PDF or database code.
 */
import { processIo, type CliIo } from './io';

type Command = { summary: string; load: () => Promise<{ run(argv: string[], io: CliIo): Promise<number> }> };

const commands: Record<string, Command> = {
  info: { summary: 'Thông tin ứng dụng / app information', load: () => import('./commands/info') },
  tokens: { summary: 'Token, chứng thư số trên token / tokens and their certificates', load: () => import('./commands/tokens') },
  records: { summary: 'Kho hồ sơ: nhập, tìm, sao lưu, kiểm tra, xuất / record store', load: () => import('./commands/records') },
  staff: { summary: 'Cán bộ và chứng thư số / staff and certificates', load: () => import('./commands/staff') },
  forms: { summary: 'Biểu mẫu Word của Sở / the Department\'s Word forms', load: () => import('./commands/forms') },
  report: { summary: 'Báo cáo kiểm tra chữ ký số / inspection report', load: () => import('./commands/report') },
  sign: { summary: 'Ký số tệp PDF (một tệp hoặc cả thư mục) / sign PDF files', load: () => import('./commands/sign') },
  verify: { summary: 'Kiểm tra chữ ký số trong tệp PDF / verify PDF signatures', load: () => import('./commands/verify') },
  ltv: { summary: 'Hiệu lực dài hạn: dấu thời gian, hàng đợi / long-term validity, queue', load: () => import('./commands/ltv') },
  trust: { summary: 'Chứng thư tin cậy (CA gốc) / trust anchors', load: () => import('./commands/trust') },
};

function usage(io: CliIo): number {
  io.out('Cách dùng / usage: hosoky <lệnh> [tuỳ chọn]\n');
  for (const [name, c] of Object.entries(commands)) io.out(`  ${name.padEnd(10)} ${c.summary}`);
  io.out('\nThêm --help sau một lệnh để xem tuỳ chọn của lệnh đó.');
  return 0;
}

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') return usage(io);
  const command = commands[name];
  if (!command) {
    io.err(`Lỗi: không có lệnh "${name}". Gõ "hosoky --help" để xem các lệnh.`);
    return 2;
  }
  const mod = await command.load();
  return mod.run(rest, io);
}
