/**
 * The district's figures from its schools' report files. The notice (seed 000, V) scores the district as
 * the average of its schools, so every figure here is the plain mean over the schools loaded, next to the
 * per-school rows it came from. The scoring rubric itself (Appendix 1 of the notice) is not public and
 * is not invented here: the officer applies it to these figures.
 */
import type { SchoolReportFile } from './school-report-file';

export interface DistrictSchoolRow {
  school: string;
  managingUnit: string | null;
  source: string;
  signingStartedOn: string | null;
  staffWorking: number;
  staffSigned: number;
  documentsSigned: number;
  approvedPlans: number;
  approvedPlansConforming: number;
  categoriesWithDocuments: number;
  categoriesTotal: number;
}

export interface DistrictFigures {
  schools: number;
  /** Schools with no signed document in the period: per the notice, they count as not signing. */
  schoolsNotSigning: string[];
  periods: Array<{ from: string; to: string; schools: number }>;
  /** Files left out because the same school was loaded twice (the newest file is kept). */
  duplicates: string[];
  average: {
    staffSigned: number;
    staffSignedShare: number;
    documentsSigned: number;
    approvedPlans: number;
    conformingShare: number;
    categoriesWithDocuments: number;
    categoriesShare: number;
  };
  earliestSigningStart: string | null;
  rows: DistrictSchoolRow[];
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);
const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);
const round = (x: number, digits = 4) => Math.round(x * 10 ** digits) / 10 ** digits;

export function computeDistrict(files: Array<{ source: string; report: SchoolReportFile }>): DistrictFigures {
  const newest = new Map<string, { source: string; report: SchoolReportFile }>();
  const duplicates: string[] = [];
  for (const f of files) {
    const key = `${f.report.school.name.normalize('NFC').toLocaleLowerCase('vi')}|${f.report.period.from}|${f.report.period.to}`;
    const had = newest.get(key);
    if (!had) newest.set(key, f);
    else if (had.report.generatedAt < f.report.generatedAt) {
      duplicates.push(had.source);
      newest.set(key, f);
    } else duplicates.push(f.source);
  }
  const kept = [...newest.values()];
  const rows: DistrictSchoolRow[] = kept
    .map(({ source, report: r }) => ({
      school: r.school.name,
      managingUnit: r.school.managingUnit,
      source,
      signingStartedOn: r.figures.signingStartedOn,
      staffWorking: r.figures.staffWorking,
      staffSigned: r.figures.staffSigned,
      documentsSigned: r.figures.documentsSigned,
      approvedPlans: r.figures.approvedPlans,
      approvedPlansConforming: r.figures.approvedPlansConforming,
      categoriesWithDocuments: r.figures.categoriesWithDocuments,
      categoriesTotal: r.figures.categoriesTotal,
    }))
    .sort((a, b) => a.school.localeCompare(b.school, 'vi'));

  const periods = new Map<string, { from: string; to: string; schools: number }>();
  for (const { report } of kept) {
    const k = `${report.period.from}|${report.period.to}`;
    const p = periods.get(k) ?? { ...report.period, schools: 0 };
    p.schools++;
    periods.set(k, p);
  }
  const starts = rows.map((r) => r.signingStartedOn).filter((d): d is string => d !== null).sort();
  return {
    schools: rows.length,
    schoolsNotSigning: rows.filter((r) => r.documentsSigned === 0).map((r) => r.school),
    periods: [...periods.values()],
    duplicates,
    average: {
      staffSigned: round(mean(rows.map((r) => r.staffSigned)), 2),
      staffSignedShare: round(mean(rows.map((r) => share(r.staffSigned, r.staffWorking)))),
      documentsSigned: round(mean(rows.map((r) => r.documentsSigned)), 2),
      approvedPlans: round(mean(rows.map((r) => r.approvedPlans)), 2),
      conformingShare: round(mean(rows.map((r) => share(r.approvedPlansConforming, r.approvedPlans)))),
      categoriesWithDocuments: round(mean(rows.map((r) => r.categoriesWithDocuments)), 2),
      categoriesShare: round(mean(rows.map((r) => share(r.categoriesWithDocuments, r.categoriesTotal)))),
    },
    earliestSigningStart: starts[0] ?? null,
    rows,
  };
}
