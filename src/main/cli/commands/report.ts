import { parseArgs } from 'node:util';
import { printResult, type CliIo } from '../io';
import { openApp } from '../app';
import { COMMON_OPTIONS, UsageError, cliDate, withUsage } from './office-common';
import type { DistrictFiguresView, InspectionFiguresView } from '../../../shared/contract/reports';

const USAGE = `Cách dùng / usage:
  hosoky report inspection [--from NGÀY] [--to NGÀY] [--out TỆP.docx] [--school-file TỆP.json] [--no-seal]
      Số liệu kiểm tra chữ ký số của trường (mặc định tháng 1–5 năm nay); --out ghi báo cáo Word,
      --school-file ghi tệp báo cáo gửi cấp trên tổng hợp; --no-seal: không yêu cầu con dấu điện tử.
  hosoky report district TỆP.json... [--out TỆP.docx]
      Tổng hợp nhiều trường: số liệu bình quân của các trường.
Tuỳ chọn chung: --db THƯ_MỤC_DỮ_LIỆU (hoặc biến HOSOKY_DATA), --json`;

export async function run(argv: string[], io: CliIo): Promise<number> {
  return withUsage(io, USAGE, async () => {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        ...COMMON_OPTIONS,
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string', short: 'o' },
        'school-file': { type: 'string' },
        'no-seal': { type: 'boolean' },
      },
    });
    const [kind, ...files] = positionals;
    if (values.help || !kind) {
      io.out(USAGE);
      return values.help ? 0 : 2;
    }
    const json = !!values.json;
    const app = openApp(io, values.db);
    try {
      if (kind === 'district') {
        if (files.length === 0) throw new UsageError('thiếu các tệp báo cáo của trường (.json).');
        return printResult(io, await app.server.call('reports.district', { files, ...(values.out ? { out: values.out } : {}) }), json, (v) => formatDistrict(v as DistrictFiguresView & { path: string | null }));
      }
      if (kind !== 'inspection') throw new UsageError(`không có báo cáo "${kind}".`);
      const period = {
        ...(values.from ? { from: cliDate(values.from, 'from') } : {}),
        ...(values.to ? { to: cliDate(values.to, 'to') } : {}),
        requireSeal: !values['no-seal'],
      };
      const figures = await app.server.call('reports.inspection', period);
      if (!figures.ok || (!values.out && !values['school-file'])) return printResult(io, figures, json, (v) => formatInspection(v as InspectionFiguresView));
      const written: string[] = [];
      for (const [method, out] of [
        ['reports.exportInspection', values.out],
        ['reports.exportSchoolFile', values['school-file']],
      ] as const) {
        if (!out) continue;
        const r = await app.server.call(method, { ...period, out });
        if (!r.ok) return printResult(io, r, json, () => '');
        written.push(out);
      }
      return printResult(io, figures, json, (v) => `${formatInspection(v as InspectionFiguresView)}\n\nĐã ghi: ${written.join(', ')}`);
    } finally {
      await app.ctx.close();
    }
  });
}

const vnDate = (iso: string | null) => (iso ? iso.split('-').reverse().join('/') : 'chưa có');

function formatInspection(f: InspectionFiguresView): string {
  return [
    `Kỳ kiểm tra: ${vnDate(f.period.from)} – ${vnDate(f.period.to)}`,
    `Bắt đầu sử dụng chữ ký số: ${vnDate(f.signingStartedOn)}`,
    `Cán bộ, giáo viên đã ký số: ${f.staffSigned}/${f.staffWorking}`,
    `Văn bản có chữ ký số: ${f.documentsSigned}/${f.documentsInPeriod} (mọi chữ ký hợp lệ: ${f.documentsValidlySigned})`,
    ...f.byMonth.map((m) => `  tháng ${m.month.slice(5)}/${m.month.slice(0, 4)}: ${m.signed}/${m.documents}`),
    `Kế hoạch đã duyệt đạt chuẩn chữ ký số${f.requireSeal ? ' và con dấu' : ''}: ${f.approvedPlansConforming}/${f.approvedPlans}`,
    ...f.plans.filter((p) => !p.conforming).map((p) => `  ✗ ${p.title}: ${p.problems.join('; ')}`),
    `Danh mục có hồ sơ trong kỳ: ${f.categoriesWithDocuments}/${f.categoriesTotal}`,
    ...f.byCategory.map((c) => `  ${c.hasDocuments ? '✓' : '✗'} ${c.name}: ${c.signed}/${c.documents}`),
  ].join('\n');
}

function formatDistrict(d: DistrictFiguresView & { path: string | null }): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `Số trường: ${d.schools}${d.duplicates.length ? ` (bỏ ${d.duplicates.length} tệp trùng trường: ${d.duplicates.join(', ')})` : ''}`,
    ...(d.periods.length > 1 ? [`Chú ý: các trường báo cáo khác kỳ: ${d.periods.map((p) => `${vnDate(p.from)}–${vnDate(p.to)} (${p.schools} trường)`).join('; ')}`] : []),
    `Bình quân mỗi trường: ${d.average.staffSigned} cán bộ đã ký (${pct(d.average.staffSignedShare)}), ${d.average.documentsSigned} văn bản có chữ ký số, kế hoạch đạt chuẩn ${pct(d.average.conformingShare)}, ${d.average.categoriesWithDocuments} danh mục có hồ sơ (${pct(d.average.categoriesShare)})`,
    `Trường chưa có văn bản ký số: ${d.schoolsNotSigning.length ? d.schoolsNotSigning.join(', ') : 'không có'}`,
    ...(d.path ? [`Đã ghi: ${d.path}`] : []),
  ].join('\n');
}
