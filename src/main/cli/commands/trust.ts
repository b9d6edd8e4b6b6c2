import { parseCommandLine, printResult, type CliIo } from '../io';
import { openApp } from '../app';
import type { TrustAddResult, TrustAnchorInfo } from '../../../shared/contract/trust';

const USAGE = `Cách dùng / usage:
  hosoky trust list [--json]                       chứng thư tin cậy: đi kèm phần mềm và do trường thêm
  hosoky trust add TỆP.crt [--as anchor|intermediate] [--json]   thêm chứng thư CA (gốc hoặc trung gian)
  hosoky trust remove SHA-256 [--json]             xoá chứng thư do trường thêm (không xoá được chứng thư đi kèm)
Tuỳ chọn chung: --db THƯ_MỤC_DỮ_LIỆU`;

const line = (a: TrustAnchorInfo) =>
  `${a.role === 'anchor' ? 'gốc      ' : 'trung gian'} ${a.source === 'bundled' ? 'đi kèm' : 'trường '}  ${a.subject}\n      SHA-256 ${a.sha256}  hiệu lực tới ${a.notAfter.slice(0, 10)}${a.publishedAs ? `  (${a.publishedAs})` : ''}`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, USAGE, { args: argv, allowPositionals: true, options: { json: { type: 'boolean' }, db: { type: 'string' }, as: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (typeof parsed === 'number') return parsed;
  const { values, positionals } = parsed;
  const [sub, arg] = positionals;
  if (!sub || !['list', 'add', 'remove'].includes(sub) || (sub !== 'list' && !arg)) {
    io.err(`Lỗi: lệnh con không đúng.\n\n${USAGE}`);
    return 2;
  }
  const json = !!values.json;
  const app = openApp(io, values.db);
  try {
    if (sub === 'list') return printResult(io, await app.server.call('trust.list', {}), json, (v) => (v as { anchors: TrustAnchorInfo[] }).anchors.map(line).join('\n'));
    if (sub === 'add') {
      return printResult(io, await app.server.call('trust.add', { path: arg, ...(values.as ? { as: values.as } : {}) }), json, (v) => {
        const r = v as TrustAddResult;
        return [...r.added.map((a) => `Đã thêm / added: ${line(a)}`), ...r.alreadyPresent.map((a) => `Đã có sẵn / already trusted: ${a.subject}`), ...r.warnings.map((w) => `Lưu ý: ${w.message}`)].join('\n');
      });
    }
    return printResult(io, await app.server.call('trust.remove', { sha256: arg }), json, (v) => `Đã xoá / removed: ${(v as { removed: TrustAnchorInfo }).removed.subject}`);
  } finally {
    await app.ctx.close();
  }
}
