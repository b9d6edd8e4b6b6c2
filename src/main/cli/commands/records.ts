import { parseArgs } from 'node:util';
import path from 'node:path';
import { parseCommandLine, printResult, type CliIo } from '../io';
import { openApp } from '../app';
import type { App } from '../../api';
import type { Result } from '../../../shared/result';
import type { FolderNode, DocumentSummary, ImportFileResult, StoreCheck, SchoolYearInfo } from '../../../shared/contract/records';

const HELP = `Cách dùng / usage: hosoky records <việc> [tuỳ chọn]   (--db THƯ_MỤC hoặc HOSOKY_DATA chọn kho hồ sơ)

  setup   --school TÊN --level mam_non|tieu_hoc|thcs|thpt|lien_cap [--unit ĐƠN_VỊ] [--year 2024-2025]
  tree    [--year 2024-2025]                      cây hồ sơ với số lượng
  import  TỆP|THƯ_MỤC… --folder ID|MÃ [--year] [--owner ID] [--kind LOẠI] [--title TÊN] [--date YYYY-MM-DD]
  list    --folder ID|MÃ [--year]
  search  "từ khoá" [--year]                        tìm không cần dấu
  check                                           kiểm tra tệp (SHA-256) và nhật ký
  backup  [--dir THƯ_MỤC] [--keep N]              sao lưu trực tuyến, giữ N bản mới nhất
  restore TỆP_SAO_LƯU                             khôi phục (kiểm tra trước)
  export  --out THƯ_MỤC (--folder ID|MÃ | --from NGÀY --to NGÀY) [--year]   cho đoàn kiểm tra / eOffice
  pack    --out TỆP (--folder ID|MÃ | --doc ID …) [--year]   gói trao đổi giữa các máy
  unpack  TỆP                                     nhập gói trao đổi
Thêm --json để in kết quả dạng JSON.`;

const options = {
  json: { type: 'boolean' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  school: { type: 'string' }, level: { type: 'string' }, unit: { type: 'string' }, year: { type: 'string' },
  folder: { type: 'string' }, owner: { type: 'string' }, kind: { type: 'string' }, title: { type: 'string' }, date: { type: 'string' },
  dir: { type: 'string' }, keep: { type: 'string' }, out: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
  doc: { type: 'string', multiple: true },
} as const;

type Values = ReturnType<typeof parseArgs<{ args: string[]; options: typeof options; allowPositionals: true }>>['values'];

const flatten = (nodes: FolderNode[]): FolderNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

function formatTree(nodes: FolderNode[], depth = 0): string[] {
  return nodes.flatMap((n) => [`${'  '.repeat(depth)}${n.name} (${n.totalCount})  [${n.code ?? `#${n.id}`}]`, ...formatTree(n.children, depth + 1)]);
}

async function unwrap<T>(r: Result<unknown>): Promise<T> {
  if (!r.ok) throw Object.assign(new Error(r.error.message), { result: r });
  return r.value as T;
}

async function yearId(app: App, v: Values): Promise<number> {
  const years = await unwrap<SchoolYearInfo[]>(await app.server.call('records.listSchoolYears', {}));
  const y = v.year ? years.find((x) => x.name === v.year) : years[0];
  if (!y) throw new Error(v.year ? `Chưa có năm học ${v.year}. Dùng "hosoky records setup --year ${v.year}".` : 'Chưa có năm học nào. Dùng "hosoky records setup".');
  return y.id;
}

/** --folder takes a number, or a category code from the tree (e.g. gv.ke_hoach_bai_day) in --year. */
async function folderId(app: App, v: Values): Promise<number> {
  if (!v.folder) throw new Error('Hãy chọn thư mục bằng --folder (số hoặc mã, xem "hosoky records tree").');
  if (/^\d+$/.test(v.folder)) return Number(v.folder);
  const tree = await unwrap<FolderNode[]>(await app.server.call('records.tree', { schoolYearId: await yearId(app, v) }));
  const f = flatten(tree).find((n) => n.code === v.folder);
  if (!f) throw new Error(`Không có mục "${v.folder}" trong cây hồ sơ. Xem "hosoky records tree".`);
  return f.id;
}

export async function run(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine(io, HELP, { args: argv, options, allowPositionals: true });
  if (typeof parsed === 'number') return parsed;
  const { values: v, positionals } = parsed;
  const [sub, ...args] = positionals;
  if (!sub) {
    io.out(HELP);
    return 2;
  }
  const app = openApp(io, v.db ?? undefined);
  const json = !!v.json;
  const call = (m: string, input: unknown) => app.server.call(m, input);
  try {
    switch (sub) {
      case 'setup': {
        if (v.school || v.level) {
          const r = await call('records.setSchool', { name: v.school ?? '', level: v.level, ...(v.unit ? { managingUnit: v.unit } : {}) });
          if (!r.ok || !v.year) return printResult(io, r, json, () => `Đã lưu thông tin trường.`);
        }
        if (!v.year) { io.err('Hãy nhập --school và --level, hoặc --year.'); return 2; }
        return printResult(io, await call('records.addSchoolYear', { name: v.year }), json, (y) => `Đã tạo năm học ${(y as SchoolYearInfo).name} với cây hồ sơ theo cấp học.`);
      }
      case 'tree':
        return printResult(io, await call('records.tree', { schoolYearId: await yearId(app, v) }), json, (t) => formatTree(t as FolderNode[]).join('\n'));
      case 'import': {
        if (args.length === 0) { io.err('Hãy chỉ ra tệp hoặc thư mục cần nhập.'); return 2; }
        const input = {
          paths: args.map((a) => path.resolve(a)), folderId: await folderId(app, v),
          ...(v.owner ? { ownerStaffId: Number(v.owner) } : {}), ...(v.kind ? { kind: v.kind } : {}), ...(v.title ? { title: v.title } : {}), ...(v.date ? { docDate: v.date } : {}),
        };
        const off = app.ctx.events.subscribe((name, p) => {
          if (name === 'records.progress' && !json) { const e = p as { done: number; total: number; item?: string; ok?: boolean }; io.err(`[${e.done}/${e.total}] ${e.ok ? 'đã nhập' : 'LỖI'} ${e.item ?? ''}`); }
        });
        const r = await call('records.import', input);
        off();
        const code = printResult(io, r, json, (rs) => {
          const list = rs as ImportFileResult[];
          const bad = list.filter((x) => !x.ok);
          return [`Đã nhập ${list.length - bad.length}/${list.length} tệp.`, ...bad.map((b) => `  Lỗi ${path.basename(b.file)}: ${b.error?.message}`)].join('\n');
        });
        return code === 0 && r.ok && (r.value as ImportFileResult[]).some((x) => !x.ok) ? 1 : code;
      }
      case 'list':
        return printResult(io, await call('records.list', { folderId: await folderId(app, v) }), json, (ds) => (ds as DocumentSummary[]).map((d) => `#${d.id}  ${d.docDate}  ${d.title}  (${d.status}, ${d.ownerName ?? '—'}, ${d.versionCount} phiên bản)`).join('\n') || '(trống)');
      case 'search':
        return printResult(io, await call('records.search', { query: args.join(' '), ...(v.year ? { schoolYearId: await yearId(app, v) } : {}) }), json, (hs) => (hs as DocumentSummary[]).map((d) => `#${d.id}  ${d.title}  (${d.ownerName ?? '—'}, ${d.docDate})`).join('\n') || 'Không tìm thấy hồ sơ nào.');
      case 'check': {
        const r = await call('records.check', {});
        const code = printResult(io, r, json, (c) => {
          const x = c as StoreCheck;
          return [
            `Đã kiểm tra ${x.files} tệp: ${x.missing.length} thiếu, ${x.altered.length} bị thay đổi.`,
            ...x.documentsAffected.map((d) => `  ${d.problem === 'missing' ? 'THIẾU' : 'BỊ SỬA'}: #${d.id} ${d.title} (phiên bản ${d.version})`),
            x.audit.ok ? `Nhật ký (${x.audit.entries} mục): nguyên vẹn.` : `Nhật ký: PHÁT HIỆN ${x.audit.problems.length} chỗ bị sửa hoặc xoá (mục số ${x.audit.problems.map((p) => p.seq).join(', ')}).`,
          ].join('\n');
        });
        return code === 0 && r.ok && ((r.value as StoreCheck).missing.length || (r.value as StoreCheck).altered.length || !(r.value as StoreCheck).audit.ok) ? 1 : code;
      }
      case 'backup':
        return printResult(io, await call('records.backup', { ...(v.dir ? { dir: path.resolve(v.dir) } : {}), ...(v.keep ? { keep: Number(v.keep) } : {}) }), json, (b) => `Đã sao lưu: ${(b as { file: string }).file}`);
      case 'restore':
        if (!args[0]) { io.err('Hãy chỉ ra tệp sao lưu.'); return 2; }
        return printResult(io, await call('records.restore', { file: path.resolve(args[0]) }), json, (r) => `Đã khôi phục ${(r as { documents: number }).documents} hồ sơ. Bản cũ được giữ ở: ${(r as { previous: string | null }).previous ?? '—'}`);
      case 'export': {
        if (!v.out) { io.err('Hãy chỉ ra thư mục đích bằng --out.'); return 2; }
        const sel = { outDir: path.resolve(v.out), ...(v.folder ? { folderId: await folderId(app, v) } : {}), ...(v.from ? { from: v.from } : {}), ...(v.to ? { to: v.to } : {}), ...(v.year && !v.folder ? { schoolYearId: await yearId(app, v) } : {}) };
        return printResult(io, await call('records.exportForInspection', sel), json, (r) => `Đã xuất ${(r as { documents: number }).documents} hồ sơ vào ${(r as { outDir: string }).outDir} (kèm manifest.json và DANH-MUC.txt).`);
      }
      case 'pack': {
        if (!v.out) { io.err('Hãy chỉ ra tệp gói bằng --out.'); return 2; }
        const input = { output: path.resolve(v.out), ...(v.folder ? { folderId: await folderId(app, v) } : {}), ...(v.doc ? { documentIds: v.doc.map(Number) } : {}) };
        return printResult(io, await call('records.exportPackage', input), json, (r) => `Đã tạo gói ${(r as { file: string }).file}: ${(r as { documents: number }).documents} hồ sơ.`);
      }
      case 'unpack':
        if (!args[0]) { io.err('Hãy chỉ ra tệp gói.'); return 2; }
        return printResult(io, await call('records.importPackage', { file: path.resolve(args[0]) }), json, (r) => {
          const x = r as { documentsAdded: number; versionsAdded: number; statusesUpdated: number; auditEntriesAdded: number; conflicts: unknown[] };
          return `Thêm ${x.documentsAdded} hồ sơ, ${x.versionsAdded} phiên bản, cập nhật ${x.statusesUpdated} trạng thái, ${x.auditEntriesAdded} mục nhật ký; ${x.conflicts.length} xung đột.`;
        });
      default:
        io.err(`Lỗi: không có việc "${sub}".\n\n${HELP}`);
        return 2;
    }
  } catch (e) {
    const r = (e as { result?: Result<unknown> }).result;
    if (r) return printResult(io, r, json, () => '');
    io.err(`Lỗi: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  } finally {
    await app.ctx.close();
  }
}
