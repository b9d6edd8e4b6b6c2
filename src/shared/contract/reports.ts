import { z } from 'zod';
import { method } from './define';

/** The inspection report (seed 000) for one school and the district's figures from many schools' files. */

export interface InspectionFiguresView {
  period: { from: string; to: string };
  signingStartedOn: string | null;
  staffWorking: number;
  staffSigned: number;
  signers: Array<{ name: string; documents: number }>;
  documentsInPeriod: number;
  documentsSigned: number;
  documentsValidlySigned: number;
  byCategory: Array<{ code: string; name: string; documents: number; signed: number; hasDocuments: boolean }>;
  byMonth: Array<{ month: string; documents: number; signed: number }>;
  approvedPlans: number;
  approvedPlansConforming: number;
  plans: Array<{
    uid: string; title: string; docDate: string; categoryName: string; validPersonalSignatures: number;
    approverSigned: boolean; sealValid: boolean; invalidSignatures: number; conforming: boolean; problems: string[];
  }>;
  categoriesTotal: number;
  categoriesWithDocuments: number;
  requireSeal: boolean;
}

export interface DistrictFiguresView {
  schools: number;
  schoolsNotSigning: string[];
  periods: Array<{ from: string; to: string; schools: number }>;
  duplicates: string[];
  average: {
    staffSigned: number; staffSignedShare: number; documentsSigned: number; approvedPlans: number;
    conformingShare: number; categoriesWithDocuments: number; categoriesShare: number;
  };
  earliestSigningStart: string | null;
  rows: Array<{
    school: string; managingUnit: string | null; source: string; signingStartedOn: string | null; staffWorking: number;
    staffSigned: number; documentsSigned: number; approvedPlans: number; approvedPlansConforming: number;
    categoriesWithDocuments: number; categoriesTotal: number;
  }>;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** January–May of the current year when not given (the period the 2024 notice inspected). */
const period = { from: day.optional(), to: day.optional(), requireSeal: z.boolean().optional() };

export const inspectionInput = z.object(period).strict();
export const inspectionExportInput = z.object({ ...period, out: z.string().min(1), place: z.string().min(1).max(100).optional() }).strict();
export const districtInput = z.object({ files: z.array(z.string().min(1)).min(1).max(5000), out: z.string().min(1).optional() }).strict();

export const reportsMethods = {
  'reports.inspection': method<typeof inspectionInput, InspectionFiguresView>(inspectionInput, { timeoutMs: 60_000 }),
  /** The inspection report as a Word file. */
  'reports.exportInspection': method<typeof inspectionExportInput, { path: string }>(inspectionExportInput, { timeoutMs: 60_000 }),
  /** The school's report file (JSON, versioned) for the district. */
  'reports.exportSchoolFile': method<typeof inspectionExportInput, { path: string }>(inspectionExportInput, { timeoutMs: 60_000 }),
  /** Loads many schools' files; writes a Word summary when `out` is given. */
  'reports.district': method<typeof districtInput, DistrictFiguresView & { path: string | null }>(districtInput, { timeoutMs: 120_000 }),
};
