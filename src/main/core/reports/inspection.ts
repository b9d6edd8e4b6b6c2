/**
 * The figures the Department's inspectors count (seed 000, II): when the school started signing, how
 * many staff have signed, how many documents carry signatures (by category and by month), whether each
 * approved plan carries a valid signature and the seal, and whether each category of e-records has
 * documents in the period inspected (January–May by default).
 *
 * Pure computation over rows read by inspection-store.ts, so it is tested against hand-made data too.
 * A document belongs to the period by its own date (doc_date: the plan of March is March's record);
 * its signatures are those of its newest version (a PDF keeps every earlier signature, so older
 * versions add nothing and would count signatures twice).
 */
import { daysInMonth, type IsoDate } from '../people/dates';

export interface InspectionPeriod {
  from: IsoDate;
  to: IsoDate;
}

/** January to May of the year, as the 2024 notice inspected (III: "từ tháng 01 đến tháng 5"). */
export function defaultPeriod(year: number): InspectionPeriod {
  return { from: `${year}-01-01`, to: `${year}-05-31` };
}

export interface SignatureFact {
  /** Who signed: `staff:<id>` when the certificate is a known staff certificate, else `name:<folded name>` or `cert:<sha256>`. */
  signerKey: string | null;
  signerName: string | null;
  /** The organisation's seal (role 'seal' or an organisation certificate). */
  seal: boolean;
  role: 'author' | 'approver' | 'seal' | 'unknown';
  verdict: 'valid' | 'invalid' | 'indeterminate' | 'not_checked';
  signingTime: string | null;
}

export interface DocumentFact {
  uid: string;
  title: string;
  docDate: IsoDate;
  categoryCode: string;
  categoryName: string;
  status: 'draft' | 'submitted' | 'approved' | 'returned';
  signatures: SignatureFact[];
}

export interface InspectionInput {
  period: InspectionPeriod;
  /** The categories the school's record tree must have, in order (six for a preschool). */
  categories: Array<{ code: string; name: string }>;
  staffWorking: number;
  /** Earliest signing time of any signature in the store, whatever the period. */
  firstSigningTime: string | null;
  documents: DocumentFact[];
  /** The seal is required on approved plans (the notice checks "chữ ký số và con dấu"). */
  requireSeal: boolean;
}

export interface PlanCheck {
  uid: string;
  title: string;
  docDate: IsoDate;
  categoryName: string;
  validPersonalSignatures: number;
  approverSigned: boolean;
  sealValid: boolean;
  invalidSignatures: number;
  conforming: boolean;
  /** Why not conforming, in Vietnamese. */
  problems: string[];
}

export interface InspectionFigures {
  period: InspectionPeriod;
  signingStartedOn: IsoDate | null;
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
  plans: PlanCheck[];
  categoriesTotal: number;
  categoriesWithDocuments: number;
  requireSeal: boolean;
}

export function monthsOf(period: InspectionPeriod): string[] {
  const months: string[] = [];
  let [y, m] = period.from.split('-').map(Number) as [number, number];
  const end = period.to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    if (key > end) break;
    months.push(key);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
  return months;
}

export function lastDayOfMonth(month: string): IsoDate {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(daysInMonth(y, m)).padStart(2, '0')}`;
}

export function computeInspection(input: InspectionInput): InspectionFigures {
  const { period } = input;
  const inPeriod = input.documents.filter((d) => d.docDate >= period.from && d.docDate <= period.to);
  const signed = (d: DocumentFact) => d.signatures.length > 0;
  const validlySigned = (d: DocumentFact) => d.signatures.length > 0 && d.signatures.every((s) => s.verdict === 'valid');

  const categories = new Map(input.categories.map((c) => [c.code, { code: c.code, name: c.name, documents: 0, signed: 0, hasDocuments: false }]));
  const months = new Map(monthsOf(period).map((m) => [m, { month: m, documents: 0, signed: 0 }]));
  const signers = new Map<string, { name: string; documents: number }>();

  for (const d of inPeriod) {
    let cat = categories.get(d.categoryCode);
    if (!cat) {
      // A top-level folder outside the template (older tree): reported, not counted among the required ones.
      cat = { code: d.categoryCode, name: d.categoryName, documents: 0, signed: 0, hasDocuments: false };
      categories.set(d.categoryCode, cat);
    }
    const month = months.get(d.docDate.slice(0, 7))!;
    cat.documents++;
    cat.hasDocuments = true;
    month.documents++;
    if (signed(d)) {
      cat.signed++;
      month.signed++;
    }
    const seen = new Set<string>();
    for (const s of d.signatures) {
      if (s.seal || !s.signerKey || seen.has(s.signerKey)) continue;
      seen.add(s.signerKey);
      const entry = signers.get(s.signerKey) ?? { name: s.signerName ?? '(không rõ tên)', documents: 0 };
      entry.documents++;
      signers.set(s.signerKey, entry);
    }
  }

  const plans = inPeriod.filter((d) => d.status === 'approved').map((d) => checkPlan(d, input.requireSeal));
  const required = new Set(input.categories.map((c) => c.code));
  const byCategory = [...categories.values()];
  const first = input.firstSigningTime;
  return {
    period,
    signingStartedOn: first ? new Date(Date.parse(first) + 7 * 3600_000).toISOString().slice(0, 10) : null,
    staffWorking: input.staffWorking,
    staffSigned: signers.size,
    signers: [...signers.values()].sort((a, b) => b.documents - a.documents || a.name.localeCompare(b.name, 'vi')),
    documentsInPeriod: inPeriod.length,
    documentsSigned: inPeriod.filter(signed).length,
    documentsValidlySigned: inPeriod.filter(validlySigned).length,
    byCategory,
    byMonth: [...months.values()],
    approvedPlans: plans.length,
    approvedPlansConforming: plans.filter((p) => p.conforming).length,
    plans,
    categoriesTotal: required.size,
    categoriesWithDocuments: byCategory.filter((c) => required.has(c.code) && c.hasDocuments).length,
    requireSeal: input.requireSeal,
  };
}

function checkPlan(d: DocumentFact, requireSeal: boolean): PlanCheck {
  const personal = d.signatures.filter((s) => !s.seal);
  const validPersonal = personal.filter((s) => s.verdict === 'valid');
  const approverSigned = validPersonal.some((s) => s.role === 'approver') || (validPersonal.length > 0 && personal.every((s) => s.role === 'unknown'));
  const sealValid = d.signatures.some((s) => s.seal && s.verdict === 'valid');
  const invalid = d.signatures.filter((s) => s.verdict === 'invalid').length;
  const unchecked = d.signatures.filter((s) => s.verdict === 'indeterminate' || s.verdict === 'not_checked').length;
  const problems: string[] = [];
  if (d.signatures.length === 0) problems.push('chưa có chữ ký số');
  else if (validPersonal.length === 0) problems.push('không có chữ ký số cá nhân hợp lệ');
  else if (!approverSigned) problems.push('chưa có chữ ký hợp lệ của người duyệt');
  if (invalid > 0) problems.push(`${invalid} chữ ký không hợp lệ (tệp đã bị sửa sau khi ký hoặc chứng thư không tin cậy)`);
  if (unchecked > 0) problems.push(`${unchecked} chữ ký chưa kiểm tra được`);
  if (requireSeal && !sealValid) problems.push('chưa có con dấu điện tử (chữ ký số của tổ chức) hợp lệ');
  return {
    uid: d.uid,
    title: d.title,
    docDate: d.docDate,
    categoryName: d.categoryName,
    validPersonalSignatures: validPersonal.length,
    approverSigned,
    sealValid,
    invalidSignatures: invalid,
    conforming: problems.length === 0,
    problems,
  };
}
