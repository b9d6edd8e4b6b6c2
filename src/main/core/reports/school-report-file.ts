/**
 * The file a school sends to its district: the inspection figures as versioned JSON, so that a
 * district officer can load many at once (hosoky report district FILE…). `format` and `version` say
 * what the file is; a reader refuses a newer version instead of misreading it.
 */
import { z } from 'zod';
import { AppError } from '../errors';
import type { InspectionFigures } from './inspection';

export const SCHOOL_REPORT_FORMAT = 'hosoky.inspection-report';
export const SCHOOL_REPORT_VERSION = 1;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const count = z.number().int().min(0);

export const schoolReportSchema = z.object({
  format: z.literal(SCHOOL_REPORT_FORMAT),
  version: z.literal(SCHOOL_REPORT_VERSION),
  generatedAt: z.string(),
  generator: z.string(),
  school: z.object({ name: z.string().min(1), managingUnit: z.string().nullable(), level: z.string().nullable() }),
  period: z.object({ from: isoDate, to: isoDate }),
  figures: z.object({
    signingStartedOn: isoDate.nullable(),
    staffWorking: count,
    staffSigned: count,
    documentsInPeriod: count,
    documentsSigned: count,
    documentsValidlySigned: count,
    approvedPlans: count,
    approvedPlansConforming: count,
    categoriesTotal: count,
    categoriesWithDocuments: count,
    requireSeal: z.boolean(),
  }),
  byCategory: z.array(z.object({ code: z.string(), name: z.string(), documents: count, signed: count, hasDocuments: z.boolean() })),
  byMonth: z.array(z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), documents: count, signed: count })),
});

export type SchoolReportFile = z.infer<typeof schoolReportSchema>;

export function toSchoolReportFile(
  school: { name: string; managingUnit: string | null; level: string | null },
  f: InspectionFigures,
  meta: { generatedAt: string; generator: string },
): SchoolReportFile {
  return {
    format: SCHOOL_REPORT_FORMAT,
    version: SCHOOL_REPORT_VERSION,
    generatedAt: meta.generatedAt,
    generator: meta.generator,
    school,
    period: f.period,
    figures: {
      signingStartedOn: f.signingStartedOn,
      staffWorking: f.staffWorking,
      staffSigned: f.staffSigned,
      documentsInPeriod: f.documentsInPeriod,
      documentsSigned: f.documentsSigned,
      documentsValidlySigned: f.documentsValidlySigned,
      approvedPlans: f.approvedPlans,
      approvedPlansConforming: f.approvedPlansConforming,
      categoriesTotal: f.categoriesTotal,
      categoriesWithDocuments: f.categoriesWithDocuments,
      requireSeal: f.requireSeal,
    },
    byCategory: f.byCategory,
    byMonth: f.byMonth,
  };
}

/** Reads one school's file; `source` names it in the error (the file name). */
export function parseSchoolReportFile(text: string, source: string): SchoolReportFile {
  let json: unknown;
  try {
    json = JSON.parse(text.startsWith('\uFEFF') ? text.slice(1) : text);
  } catch {
    throw new AppError('REPORT_FILE_UNREADABLE', `Tệp "${source}" không phải tệp báo cáo của Hồ Sơ Ký (không đọc được JSON). Hãy xin trường gửi lại tệp .json xuất từ Hồ Sơ Ký.`, `"${source}" is not a Hồ Sơ Ký report file (not JSON).`, { source });
  }
  const head = json as { format?: unknown; version?: unknown };
  if (head?.format !== SCHOOL_REPORT_FORMAT) {
    throw new AppError('REPORT_FILE_UNREADABLE', `Tệp "${source}" không phải tệp báo cáo kiểm tra chữ ký số của Hồ Sơ Ký.`, `"${source}" is not a Hồ Sơ Ký inspection report file.`, { source });
  }
  if (typeof head.version === 'number' && head.version > SCHOOL_REPORT_VERSION) {
    throw new AppError('REPORT_FILE_TOO_NEW', `Tệp "${source}" được tạo bởi phiên bản Hồ Sơ Ký mới hơn (định dạng ${head.version}). Hãy cập nhật Hồ Sơ Ký để đọc tệp này.`, `"${source}" was made by a newer Hồ Sơ Ký (format ${head.version}); update to read it.`, { source, version: head.version });
  }
  const parsed = schoolReportSchema.safeParse(json);
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 3).map((i) => i.path.join('.')).join(', ');
    throw new AppError('REPORT_FILE_INVALID', `Tệp "${source}" bị hỏng hoặc đã bị sửa tay (sai ở: ${where}). Hãy xin trường xuất lại tệp báo cáo.`, `"${source}" is damaged or was edited by hand (at: ${where}); ask the school to export it again.`, { source });
  }
  const f = parsed.data.figures;
  // Staff who signed may outnumber staff at work (someone signed, then retired); the others may not.
  if (f.documentsSigned > f.documentsInPeriod || f.documentsValidlySigned > f.documentsSigned || f.approvedPlansConforming > f.approvedPlans || f.categoriesWithDocuments > f.categoriesTotal) {
    throw new AppError('REPORT_FILE_INVALID', `Tệp "${source}" có số liệu mâu thuẫn (số đạt lớn hơn tổng). Hãy xin trường xuất lại tệp báo cáo.`, `"${source}" has contradictory figures; ask the school to export it again.`, { source });
  }
  return parsed.data;
}
