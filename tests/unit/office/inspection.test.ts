import { describe, expect, it } from 'vitest';
import { computeInspection, monthsOf, type DocumentFact, type SignatureFact } from '../../../src/main/core/reports/inspection';
import { computeDistrict } from '../../../src/main/core/reports/district';
import { parseSchoolReportFile, toSchoolReportFile, type SchoolReportFile } from '../../../src/main/core/reports/school-report-file';
import { PRESCHOOL_TREE } from '../../../src/main/core/records/tree';
import { isAppError } from '../../../src/main/core/errors';

function viMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isAppError(e)) return e.messageVi;
    throw e;
  }
  throw new Error('expected an AppError');
}

const sig = (who: string, role: SignatureFact['role'], verdict: SignatureFact['verdict'] = 'valid', time = '2024-01-08T02:00:00Z'): SignatureFact => ({
  signerKey: role === 'seal' ? 'cert:seal' : `staff:${who}`,
  signerName: who,
  seal: role === 'seal',
  role,
  verdict,
  signingTime: time,
});
let n = 0;
const doc = (docDate: string, cat: number, status: DocumentFact['status'], signatures: SignatureFact[]): DocumentFact => ({
  uid: `d${++n}`,
  title: `Kế hoạch ${n}`,
  docDate,
  categoryCode: PRESCHOOL_TREE[cat]!.code,
  categoryName: PRESCHOOL_TREE[cat]!.name,
  status,
  signatures,
});

describe('inspection figures', () => {
  const documents = [
    // January: a plan submitted by Hoa and approved by the principal with the seal — conforming.
    doc('2024-01-15', 1, 'approved', [sig('Hoa', 'author'), sig('Hương', 'approver'), sig('seal', 'seal')]),
    // February: approved, principal signed, no seal — not conforming when the seal is required.
    doc('2024-02-10', 1, 'approved', [sig('Đức', 'author'), sig('Hương', 'approver')]),
    // March: approved but the file was altered after the approval signature.
    doc('2024-03-05', 3, 'approved', [sig('Hoa', 'author'), sig('Hương', 'approver', 'invalid'), sig('seal', 'seal')]),
    // March: submitted only (one signature), not approved yet.
    doc('2024-03-20', 0, 'submitted', [sig('Mai', 'author')]),
    // April: a draft without signatures.
    doc('2024-04-02', 4, 'draft', []),
    // June: outside the period.
    doc('2024-06-02', 5, 'approved', [sig('Nam', 'author'), sig('Hương', 'approver'), sig('seal', 'seal')]),
  ];
  const f = computeInspection({
    period: { from: '2024-01-01', to: '2024-05-31' },
    categories: PRESCHOOL_TREE.map((c) => ({ code: c.code, name: c.name })),
    staffWorking: 20,
    firstSigningTime: '2023-12-31T18:30:00Z',
    documents,
    requireSeal: true,
  });

  it('counts staff who signed, documents signed, by month and category (hand-computed)', () => {
    // 2023-12-31 18:30 UTC is 1 January 2024 in Vietnam.
    expect(f.signingStartedOn).toBe('2024-01-01');
    expect(f.staffSigned).toBe(4); // Hoa, Hương, Đức, Mai — the seal is not a person, Nam is outside the period
    expect(f.signers.find((s) => s.name === 'Hương')).toEqual({ name: 'Hương', documents: 3 });
    expect(f.documentsInPeriod).toBe(5);
    expect(f.documentsSigned).toBe(4);
    expect(f.documentsValidlySigned).toBe(3);
    expect(f.byMonth).toEqual([
      { month: '2024-01', documents: 1, signed: 1 },
      { month: '2024-02', documents: 1, signed: 1 },
      { month: '2024-03', documents: 2, signed: 2 },
      { month: '2024-04', documents: 1, signed: 0 },
      { month: '2024-05', documents: 0, signed: 0 },
    ]);
    expect(f.byCategory.map((c) => [c.documents, c.signed, c.hasDocuments])).toEqual([
      [1, 1, true],
      [2, 2, true],
      [0, 0, false],
      [1, 1, true],
      [1, 0, true],
      [0, 0, false],
    ]);
    expect(f.categoriesWithDocuments).toBe(4);
    expect(f.categoriesTotal).toBe(6);
  });

  it('checks each approved plan for a valid approver signature and the seal', () => {
    expect(f.approvedPlans).toBe(3);
    expect(f.approvedPlansConforming).toBe(1);
    const [jan, feb, mar] = f.plans;
    expect(jan).toMatchObject({ conforming: true, approverSigned: true, sealValid: true, problems: [] });
    expect(feb).toMatchObject({ conforming: false, sealValid: false });
    expect(feb!.problems.join()).toContain('con dấu');
    expect(mar).toMatchObject({ conforming: false, approverSigned: false, invalidSignatures: 1 });
  });

  it('without the seal requirement, a valid approver signature is enough', () => {
    const g = computeInspection({ period: { from: '2024-01-01', to: '2024-05-31' }, categories: [], staffWorking: 20, firstSigningTime: null, documents, requireSeal: false });
    expect(g.approvedPlansConforming).toBe(2);
    expect(g.signingStartedOn).toBeNull();
  });

  it('lists the months of any range', () => {
    expect(monthsOf({ from: '2023-11-15', to: '2024-02-01' })).toEqual(['2023-11', '2023-12', '2024-01', '2024-02']);
  });

  it('goes into a school report file that reads back, and refuses damaged or newer files', () => {
    const file = toSchoolReportFile({ name: 'Trường Mầm non Hoa Sen', managingUnit: 'UBND phường Lê Chân', level: 'mam_non' }, f, { generatedAt: '2024-05-31T10:00:00Z', generator: 'Hồ Sơ Ký test' });
    const text = JSON.stringify(file);
    expect(parseSchoolReportFile(text, 'hoa-sen.json')).toEqual(file);
    expect(viMessage(() => parseSchoolReportFile('{"x":', 'a.json'))).toMatch(/không đọc được JSON/);
    expect(viMessage(() => parseSchoolReportFile(JSON.stringify({ ...file, version: 2 }), 'b.json'))).toMatch(/mới hơn/);
    expect(viMessage(() => parseSchoolReportFile(JSON.stringify({ ...file, figures: { ...file.figures, documentsSigned: -1 } }), 'c.json'))).toMatch(/bị hỏng/);
    expect(viMessage(() => parseSchoolReportFile(JSON.stringify({ ...file, figures: { ...file.figures, approvedPlansConforming: 9 } }), 'd.json'))).toMatch(/mâu thuẫn/);
  });
});

describe('district figures', () => {
  const school = (name: string, f: Partial<SchoolReportFile['figures']>, generatedAt = '2024-05-31T10:00:00Z'): SchoolReportFile => ({
    format: 'hosoky.inspection-report',
    version: 1,
    generatedAt,
    generator: 'test',
    school: { name, managingUnit: null, level: 'mam_non' },
    period: { from: '2024-01-01', to: '2024-05-31' },
    figures: {
      signingStartedOn: null, staffWorking: 0, staffSigned: 0, documentsInPeriod: 0, documentsSigned: 0, documentsValidlySigned: 0,
      approvedPlans: 0, approvedPlansConforming: 0, categoriesTotal: 6, categoriesWithDocuments: 0, requireSeal: true, ...f,
    },
    byCategory: [],
    byMonth: [],
  });

  it('is the plain average of its schools, as the notice scores a district', () => {
    const d = computeDistrict([
      { source: 'a.json', report: school('Trường Mầm non A', { signingStartedOn: '2024-01-08', staffWorking: 20, staffSigned: 10, documentsInPeriod: 60, documentsSigned: 40, approvedPlans: 10, approvedPlansConforming: 10, categoriesWithDocuments: 6 }) },
      { source: 'b.json', report: school('Trường Mầm non B', { signingStartedOn: '2023-09-05', staffWorking: 10, staffSigned: 10, documentsInPeriod: 30, documentsSigned: 20, approvedPlans: 4, approvedPlansConforming: 2, categoriesWithDocuments: 3 }) },
      { source: 'c.json', report: school('Trường Mầm non C', { staffWorking: 15 }) },
      // The same school A again, exported earlier: the newer file counts.
      { source: 'a-old.json', report: school('Trường Mầm non A', { staffWorking: 20, staffSigned: 1 }, '2024-05-01T00:00:00Z') },
    ]);
    expect(d.schools).toBe(3);
    expect(d.duplicates).toEqual(['a-old.json']);
    expect(d.schoolsNotSigning).toEqual(['Trường Mầm non C']);
    expect(d.average.staffSigned).toBe(6.67); // (10 + 10 + 0) / 3
    expect(d.average.staffSignedShare).toBe(0.5); // (0.5 + 1 + 0) / 3
    expect(d.average.documentsSigned).toBe(20); // (40 + 20 + 0) / 3
    expect(d.average.conformingShare).toBe(0.5); // (1 + 0.5 + 0) / 3
    expect(d.average.categoriesWithDocuments).toBe(3); // (6 + 3 + 0) / 3
    expect(d.average.categoriesShare).toBe(0.5);
    expect(d.earliestSigningStart).toBe('2023-09-05');
    expect(d.rows.map((r) => r.school)).toEqual(['Trường Mầm non A', 'Trường Mầm non B', 'Trường Mầm non C']);
  });
});
