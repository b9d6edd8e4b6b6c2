/**
 * The inspection report and the district summary as Word files, in the same administrative frame as the
 * Department's forms (Decree 30 header, title, signature block). Section headings follow the points the
 * notice checks (seed 000, II.1 and II.2) so an inspector finds each figure where they expect it.
 */
import type { Paragraph, Table } from 'docx';
import { grid, line, renderDocx, textWidthTwip, type DocumentHeading } from '../forms/administrative-document';
import { formatDateVn } from '../people/dates';
import type { InspectionFigures } from './inspection';
import type { DistrictFigures } from './district';

export const INSPECTION_TITLE = 'Báo cáo kết quả sử dụng chữ ký số';
export const DISTRICT_TITLE = 'Tổng hợp kết quả sử dụng chữ ký số của các trường';

const monthLabel = (m: string) => `Tháng ${Number(m.slice(5, 7))}/${m.slice(0, 4)}`;
const percent = (x: number) => `${(x * 100).toFixed(1).replace('.', ',')}%`;
const para = (text: string, bold = false) => line(text, { align: 'left', bold });

export function periodLine(p: { from: string; to: string }): string {
  return `(Từ ngày ${formatDateVn(p.from)} đến ngày ${formatDateVn(p.to)})`;
}

export async function buildInspectionDocx(f: InspectionFigures, heading: DocumentHeading, signerName?: string | null): Promise<Buffer> {
  const width = textWidthTwip('portrait');
  const body: Array<Paragraph | Table> = [
    para('I. Việc sử dụng chữ ký số trong trình và duyệt kế hoạch giáo dục', true),
    para(`1. Thời gian bắt đầu sử dụng chữ ký số: ${f.signingStartedOn ? formatDateVn(f.signingStartedOn) : 'chưa có văn bản nào được ký số'}.`),
    para(`2. Số cán bộ, giáo viên đã sử dụng chữ ký số: ${f.staffSigned} (trên ${f.staffWorking} người đang công tác).`),
    para(`3. Số văn bản đã được sử dụng chữ ký số: ${f.documentsSigned} trên tổng số ${f.documentsInPeriod} văn bản trong kỳ (${f.documentsValidlySigned} văn bản có mọi chữ ký hợp lệ).`),
    line(''),
    grid(
      [
        { header: 'Tháng', weight: 30 },
        { header: 'Số văn bản', weight: 35 },
        { header: 'Số văn bản có chữ ký số', weight: 35 },
      ],
      f.byMonth.map((m) => [monthLabel(m.month), String(m.documents), String(m.signed)]),
      width,
    ),
    line(''),
    para(
      `4. Chữ ký số và con dấu đảm bảo theo quy chuẩn: ${f.approvedPlansConforming} trên ${f.approvedPlans} kế hoạch đã duyệt đạt${f.requireSeal ? ' (có chữ ký số hợp lệ của người duyệt và con dấu điện tử hợp lệ)' : ' (có chữ ký số hợp lệ của người duyệt)'}.`,
    ),
  ];
  // Only the plans that need action are listed: a school may approve thousands in a period, and the
  // full per-plan list is on screen and in `hosoky report inspection --json`.
  const failing = f.plans.filter((p) => !p.conforming);
  if (f.approvedPlans > 0) body.push(para(failing.length ? `Các kế hoạch chưa đạt (${failing.length}):` : 'Tất cả kế hoạch đã duyệt trong kỳ đều đạt.'));
  if (failing.length > 0) {
    body.push(
      grid(
        [
          { header: 'TT', weight: 6 },
          { header: 'Kế hoạch', weight: 29, align: 'left' },
          { header: 'Ngày', weight: 17 },
          { header: 'Chữ ký số', weight: 12 },
          { header: 'Con dấu', weight: 11 },
          { header: 'Nhận xét', weight: 25, align: 'left' },
        ],
        failing.map((p, i) => [
          String(i + 1),
          p.title,
          formatDateVn(p.docDate),
          p.approverSigned && p.invalidSignatures === 0 ? 'Hợp lệ' : 'Chưa đạt',
          p.sealValid ? 'Có' : 'Không',
          p.problems.join('; '),
        ]),
        width,
      ),
    );
  }
  body.push(
    line(''),
    para('II. Việc hình thành các danh mục hồ sơ điện tử', true),
    para(`Số danh mục có hồ sơ trong kỳ: ${f.categoriesWithDocuments} trên ${f.categoriesTotal} danh mục.`),
    line(''),
    grid(
      [
        { header: 'TT', weight: 6 },
        { header: 'Danh mục hồ sơ', weight: 46, align: 'left' },
        { header: 'Số văn bản', weight: 14 },
        { header: 'Có chữ ký số', weight: 14 },
        { header: 'Có hồ sơ trong kỳ', weight: 20 },
      ],
      f.byCategory.map((c, i) => [String(i + 1), c.name, String(c.documents), String(c.signed), c.hasDocuments ? 'Có' : 'Không']),
      width,
    ),
  );
  return renderDocx({ heading, title: INSPECTION_TITLE, subtitle: [periodLine(f.period)], orientation: 'portrait', body, signature: { title: 'Hiệu trưởng', signerName } });
}

export async function buildDistrictDocx(d: DistrictFigures, heading: DocumentHeading): Promise<Buffer> {
  const width = textWidthTwip('landscape');
  const body: Array<Paragraph | Table> = [
    para(`Số trường tổng hợp: ${d.schools}. Số trường chưa có văn bản ký số trong kỳ: ${d.schoolsNotSigning.length}${d.schoolsNotSigning.length ? ` (${d.schoolsNotSigning.join(', ')})` : ''}.`),
    para(
      `Bình quân mỗi trường: ${d.average.staffSigned.toLocaleString('vi-VN')} cán bộ, giáo viên đã ký số (${percent(d.average.staffSignedShare)}); ${d.average.documentsSigned.toLocaleString('vi-VN')} văn bản có chữ ký số; kế hoạch đạt chuẩn chữ ký số và con dấu ${percent(d.average.conformingShare)}; ${d.average.categoriesWithDocuments.toLocaleString('vi-VN')} danh mục có hồ sơ (${percent(d.average.categoriesShare)}).`,
    ),
    line(''),
    grid(
      [
        { header: 'TT', weight: 5 },
        { header: 'Trường', weight: 27, align: 'left' },
        { header: 'Bắt đầu ký số', weight: 11 },
        { header: 'Cán bộ đã ký / đang công tác', weight: 13 },
        { header: 'Văn bản có chữ ký số', weight: 11 },
        { header: 'Kế hoạch đạt / đã duyệt', weight: 12 },
        { header: 'Danh mục có hồ sơ', weight: 11 },
      ],
      d.rows.map((r, i) => [
        String(i + 1),
        r.school,
        formatDateVn(r.signingStartedOn) || 'chưa ký',
        `${r.staffSigned}/${r.staffWorking}`,
        String(r.documentsSigned),
        `${r.approvedPlansConforming}/${r.approvedPlans}`,
        `${r.categoriesWithDocuments}/${r.categoriesTotal}`,
      ]),
      width,
    ),
  ];
  const subtitle = d.periods.map((p) => periodLine(p));
  return renderDocx({ heading, title: DISTRICT_TITLE, subtitle, orientation: 'landscape', body, signature: { title: 'Trưởng phòng' } });
}
