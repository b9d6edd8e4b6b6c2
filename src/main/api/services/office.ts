/**
 * The school office's service: staff and their certificates, the Department's forms, the inspection
 * report. It uses the records store's single connection (`recordsService(ctx).db`) for its own tables.
 */
import fs from 'node:fs';
import { defineService, type AppContext } from '../context';
import { recordsService } from './records';
import { AppError } from '../../core/errors';
import { writeFileAtomic } from '../../infra/fs/atomic-write';
import { StaffStore, csvImportError, type StaffMemberRecord } from '../../core/people/staff-store';
import { staffFromCsv, staffToCsv } from '../../core/people/staff-csv';
import { certificateFromToken, certificateState, matchCertificateOwner, stateLabel, type StaffCertificate } from '../../core/people/certificates';
import { vnDay, type IsoDate } from '../../core/people/dates';
import { parseCertificate } from '../../core/pki/certificate';
import { getSchool } from '../../core/records/school';
import { buildRequestForm, selectForRequest } from '../../core/forms/request-form';
import { buildRevocationList, selectForRevocation } from '../../core/forms/revocation-list';
import type { DocumentHeading } from '../../core/forms/administrative-document';
import { computeInspection, defaultPeriod, type InspectionFigures, type InspectionPeriod } from '../../core/reports/inspection';
import { readInspectionInput } from '../../core/reports/inspection-store';
import { buildDistrictDocx, buildInspectionDocx } from '../../core/reports/report-docx';
import { parseSchoolReportFile, toSchoolReportFile } from '../../core/reports/school-report-file';
import { computeDistrict, type DistrictFigures } from '../../core/reports/district';
import type { StaffCertificateView, StaffView, CertificateMatch } from '../../../shared/contract/staff';

export const DEFAULT_PLACE = 'Hải Phòng';

export class OfficeService {
  readonly staff: StaffStore;

  constructor(
    private readonly ctx: AppContext,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.staff = new StaffStore(recordsService(ctx).db, now);
  }

  private get db() {
    return recordsService(this.ctx).db;
  }

  today(): IsoDate {
    return vnDay(this.now());
  }

  view(s: StaffMemberRecord, today = this.today()): StaffView {
    return { ...s, certificates: s.certificates.map((c) => this.certificateView(c, today)) };
  }

  certificateView(c: StaffCertificate, today = this.today()): StaffCertificateView {
    const { state, daysLeft } = certificateState(c, today);
    const label = stateLabel(state, daysLeft);
    return { ...c, state, daysLeft, stateLabel: label.vi, stateLabelEn: label.en };
  }

  async importCsv(file: string): Promise<{ added: number; updated: number }> {
    const text = await readText(file);
    const { staff, problems } = staffFromCsv(text, this.today());
    if (problems.length > 0) throw csvImportError(problems);
    return this.staff.importRows(staff);
  }

  async exportCsv(file: string): Promise<{ path: string; count: number }> {
    const staff = this.staff.list();
    await writeOutput(file, staffToCsv(staff));
    return { path: file, count: staff.length };
  }

  matchCertificate(derBase64: string, token: string | null): CertificateMatch {
    const info = parseCertificate(Buffer.from(derBase64, 'base64'));
    const certificate = certificateFromToken(info, token);
    const people = this.staff.list();
    const m = matchCertificateOwner(info, people);
    const byId = new Map(people.map((p) => [p.id, p]));
    const known = people.flatMap((p) => p.certificates).find((c) => c.sha256Fingerprint === certificate.sha256Fingerprint);
    const { state, daysLeft } = certificateState(certificate, this.today());
    const label = stateLabel(state, daysLeft);
    return {
      certificate: { ...certificate, state, daysLeft, stateLabel: label.vi, stateLabelEn: label.en },
      holderName: info.subjectCommonName,
      identity: { ...(info.identity.cccd ? { cccd: info.identity.cccd } : {}), ...(info.identity.mst ? { mst: info.identity.mst } : {}) },
      match:
        m.by === 'cccd'
          ? { by: 'cccd', staffId: m.staffId, fullName: byId.get(m.staffId)!.fullName }
          : m.by === 'name'
            ? { by: 'name', candidates: m.candidates.map((id) => ({ staffId: id, fullName: byId.get(id)!.fullName, unit: byId.get(id)!.unit })) }
            : { by: 'none' },
      ...(known ? { knownAs: { certificateId: known.id, staffId: known.staffId } } : {}),
    };
  }

  attachCertificate(derBase64: string, token: string | null, staffId: number): StaffCertificateView {
    const info = parseCertificate(Buffer.from(derBase64, 'base64'));
    const person = this.staff.get(staffId);
    const id = info.identity.cccd?.replace(/\D/g, '');
    if (info.holder === 'personal' && id && person.cccd && id !== person.cccd) {
      throw new AppError(
        'STAFF_CERTIFICATE_OTHER_PERSON',
        `Chứng thư số này ghi số CCCD ${id}, không phải của ${person.fullName} (${person.cccd}). Hãy chọn đúng người hoặc sửa số CCCD.`,
        `This certificate names CCCD ${id}, not ${person.fullName}'s (${person.cccd}).`,
        { certificateCccd: id, staffCccd: person.cccd },
      );
    }
    return this.certificateView(this.staff.saveCertificate(staffId, certificateFromToken(info, token)));
  }

  expiring(withinDays = 60): Array<{ staffId: number; fullName: string; certificate: StaffCertificateView }> {
    const today = this.today();
    return this.staff
      .list({ includeLeft: false })
      .flatMap((s) => s.certificates.map((c) => ({ staffId: s.id, fullName: s.fullName, certificate: this.certificateView(c, today) })))
      .filter((e) => e.certificate.daysLeft <= withinDays)
      .sort((a, b) => a.certificate.daysLeft - b.certificate.daysLeft);
  }

  heading(place?: string, date?: string): DocumentHeading {
    const school = getSchool(this.db);
    return { managingUnit: school?.managingUnit ?? null, unitName: school?.name ?? null, place: place ?? DEFAULT_PLACE, date: date ?? this.today() };
  }

  /** The principal who signs the forms, when exactly one is recorded. */
  principalName(): string | null {
    const principals = this.staff.list({ includeLeft: false }).filter((s) => s.roles.includes('principal'));
    return principals.length === 1 ? principals[0]!.fullName : null;
  }

  async requestForm(opts: { out: string; unit?: string; date?: string; place?: string; staffIds?: number[]; holder?: 'personal' | 'organisation'; specialPurpose?: boolean }) {
    const date = opts.date ?? this.today();
    const chosen = selectForRequest(this.staff.list(), {
      date,
      unit: opts.unit ?? null,
      ...(opts.staffIds ? { staffIds: opts.staffIds } : {}),
      kind: { holder: opts.holder ?? 'personal', specialPurpose: opts.specialPurpose ?? true },
    });
    await writeOutput(opts.out, await buildRequestForm(chosen, this.heading(opts.place, date), this.principalName()));
    return { path: opts.out, rows: chosen.length, names: chosen.map((s) => s.fullName) };
  }

  async revocationList(opts: { out: string; unit?: string; date?: string; place?: string }) {
    const date = opts.date ?? this.today();
    const entries = selectForRevocation(this.staff.list(), { date, unit: opts.unit ?? null });
    await writeOutput(opts.out, await buildRevocationList(entries, this.heading(opts.place, date), this.principalName()));
    return { path: opts.out, rows: entries.length, names: entries.map((e) => e.person.fullName) };
  }

  period(from?: string, to?: string): InspectionPeriod {
    const d = defaultPeriod(Number(this.today().slice(0, 4)));
    const p = { from: from ?? d.from, to: to ?? d.to };
    if (p.from > p.to)
      throw new AppError('REPORT_PERIOD_INVALID', `Khoảng thời gian không đúng: ngày bắt đầu (${p.from}) sau ngày kết thúc (${p.to}).`, `Invalid period: ${p.from} is after ${p.to}.`);
    return p;
  }

  inspection(opts: { from?: string; to?: string; requireSeal?: boolean }): InspectionFigures {
    const { input } = readInspectionInput(this.db, this.period(opts.from, opts.to), { requireSeal: opts.requireSeal ?? true });
    return computeInspection(input);
  }

  async exportInspection(opts: { from?: string; to?: string; requireSeal?: boolean; out: string; place?: string }): Promise<{ path: string }> {
    const figures = this.inspection(opts);
    await writeOutput(opts.out, await buildInspectionDocx(figures, this.heading(opts.place), this.principalName()));
    return { path: opts.out };
  }

  async exportSchoolFile(opts: { from?: string; to?: string; requireSeal?: boolean; out: string }, generator: string): Promise<{ path: string }> {
    const school = getSchool(this.db);
    if (!school)
      throw new AppError('REPORT_SCHOOL_NOT_SET', 'Chưa khai báo tên trường nên không lập được tệp báo cáo gửi phòng/xã. Hãy nhập thông tin nhà trường trước.', 'The school is not set up, so no report file can be made. Enter the school first.');
    const file = toSchoolReportFile(school, this.inspection(opts), { generatedAt: this.now().toISOString(), generator });
    await writeOutput(opts.out, JSON.stringify(file, null, 2) + '\n');
    return { path: opts.out };
  }
}

/** Many schools' files: read, check, average. Needs no store, so it is a plain function. */
export async function districtFigures(files: string[], out?: string, place = DEFAULT_PLACE, today = vnDay(new Date())): Promise<DistrictFigures & { path: string | null }> {
  const loaded = await Promise.all(files.map(async (f) => ({ source: f, report: parseSchoolReportFile(await readText(f), f) })));
  const figures = computeDistrict(loaded);
  if (out) await writeOutput(out, await buildDistrictDocx(figures, { managingUnit: null, unitName: null, place, date: today }));
  return { ...figures, path: out ?? null };
}

async function readText(file: string): Promise<string> {
  try {
    return await fs.promises.readFile(file, 'utf8');
  } catch (e) {
    throw new AppError('OFFICE_FILE_UNREADABLE', `Không đọc được tệp "${file}". Hãy kiểm tra đường dẫn và quyền đọc.`, `Cannot read "${file}". Check the path and permissions.`, { file }, { cause: e });
  }
}

async function writeOutput(file: string, data: Uint8Array | string): Promise<void> {
  try {
    await writeFileAtomic(file, data);
  } catch (e) {
    throw new AppError('OFFICE_FILE_UNWRITABLE', `Không ghi được tệp "${file}". Hãy kiểm tra thư mục có tồn tại, còn chỗ trống và tệp không đang mở trong Word.`, `Cannot write "${file}". Check the folder exists, has space, and the file is not open in Word.`, { file }, { cause: e });
  }
}

export const officeService = defineService((ctx: AppContext) => new OfficeService(ctx));
