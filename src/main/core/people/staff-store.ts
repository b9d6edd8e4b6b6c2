/**
 * Staff and their certificates in the store (the `staff` table of migration 1 with the columns of
 * migration 10, and `staff_certificates`). SQL only here; rules live in staff.ts and certificates.ts.
 */
import { AppError } from '../errors';
import type { SqlDb } from '../records/ports';
import { checkStaff, compareStaffNames, STAFF_ROLES, type StaffDetails, type StaffInput, type StaffRole } from './staff';
import type { StaffCertificate, StaffCertificateInput } from './certificates';
import type { CsvRowProblem } from './staff-csv';
import { parseDate, type IsoDate } from './dates';

export interface StaffMemberRecord extends StaffDetails {
  id: number;
  certificates: StaffCertificate[];
}

type StaffRow = {
  id: number;
  full_name: string;
  date_of_birth: string | null;
  position: string | null;
  unit: string | null;
  cccd: string | null;
  cccd_issued_on: string | null;
  phone: string | null;
  roles: string;
  status: StaffDetails['status'];
  status_note: string | null;
};

type CertRow = {
  id: number;
  staff_id: number;
  holder: StaffCertificate['holder'];
  special_purpose: number;
  provider_name: string;
  serial_number: string;
  issuer: string;
  subject: string | null;
  valid_from: string;
  valid_to: string;
  token: string | null;
  sha256_fingerprint: string | null;
  source: StaffCertificate['source'];
};

const toCert = (r: CertRow): StaffCertificate => ({
  id: r.id,
  staffId: r.staff_id,
  holder: r.holder,
  specialPurpose: r.special_purpose === 1,
  providerName: r.provider_name,
  serialNumber: r.serial_number,
  issuer: r.issuer,
  subject: r.subject,
  validFrom: r.valid_from,
  validTo: r.valid_to,
  token: r.token,
  sha256Fingerprint: r.sha256_fingerprint,
  source: r.source,
});

function parseRoles(json: string): StaffRole[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r)) : [];
  } catch {
    return [];
  }
}

export function invalidStaffError(problems: Array<{ messageVi: string; messageEn: string }>): AppError {
  return new AppError(
    'STAFF_INVALID',
    `Thông tin cán bộ chưa đúng: ${problems.map((p) => p.messageVi).join(' ')}`,
    `Staff details are not valid: ${problems.map((p) => p.messageEn).join(' ')}`,
    { problems },
  );
}

export class StaffStore {
  constructor(
    private readonly db: SqlDb,
    private readonly now: () => Date = () => new Date(),
  ) {}

  list(filter: { unit?: string | null; includeLeft?: boolean } = {}): StaffMemberRecord[] {
    const rows = this.db.prepare('SELECT * FROM staff').all() as StaffRow[];
    const certs = new Map<number, StaffCertificate[]>();
    for (const r of this.db.prepare('SELECT * FROM staff_certificates ORDER BY valid_to DESC').all() as CertRow[]) {
      const list = certs.get(r.staff_id) ?? [];
      list.push(toCert(r));
      certs.set(r.staff_id, list);
    }
    const unit = filter.unit?.normalize('NFC').toLocaleLowerCase('vi');
    return rows
      .map((r) => this.toRecord(r, certs.get(r.id) ?? []))
      .filter((s) => (filter.includeLeft ?? true) || s.status === 'working')
      .filter((s) => !unit || s.unit?.toLocaleLowerCase('vi') === unit)
      .sort((a, b) => compareStaffNames(a.fullName, b.fullName));
  }

  get(id: number): StaffMemberRecord {
    const r = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(id) as StaffRow | undefined;
    if (!r) throw new AppError('STAFF_NOT_FOUND', 'Không tìm thấy cán bộ này (có thể đã bị xoá). Hãy tải lại danh sách.', 'Staff member not found. Reload the list.', { id });
    const certs = (this.db.prepare('SELECT * FROM staff_certificates WHERE staff_id = ? ORDER BY valid_to DESC').all(id) as CertRow[]).map(toCert);
    return this.toRecord(r, certs);
  }

  /** Adds or updates one person after checking every field; throws STAFF_INVALID with all problems. */
  save(input: StaffInput, id?: number): StaffMemberRecord {
    const checked = checkStaff(input, this.today());
    if (!checked.details) throw invalidStaffError(checked.problems);
    const savedId = this.db.transaction(() => this.write(checked.details!, id))();
    return this.get(savedId);
  }

  /**
   * All or nothing: the rows were checked by staffFromCsv; here each is matched to an existing person
   * by CCCD (else by name and date of birth) and written in one transaction.
   */
  importRows(rows: Array<StaffDetails & { line: number }>): { added: number; updated: number } {
    let added = 0;
    let updated = 0;
    this.db.transaction(() => {
      for (const row of rows) {
        const existing = this.findSame(row);
        this.write(row, existing ?? undefined);
        if (existing) updated++;
        else added++;
      }
    })();
    return { added, updated };
  }

  remove(id: number): void {
    this.get(id);
    const used = this.db.prepare('SELECT (SELECT COUNT(*) FROM documents WHERE owner_staff_id = ?) + (SELECT COUNT(*) FROM versions WHERE created_by_staff_id = ?) AS n').get(id, id) as { n: number };
    if (used.n > 0) {
      throw new AppError(
        'STAFF_IN_USE',
        'Không xoá được cán bộ này vì đã có hồ sơ do người này lập hoặc ký. Hãy đổi tình trạng (chuyển công tác, nghỉ hưu…) thay vì xoá.',
        'This person authored or signed records and cannot be deleted. Change their status instead.',
        { id },
      );
    }
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM staff_certificates WHERE staff_id = ?').run(id);
      this.db.prepare('DELETE FROM staff WHERE id = ?').run(id);
    })();
  }

  /** Adds a certificate or, when the same one (fingerprint, else issuer + serial) is known, updates it. */
  saveCertificate(staffId: number, cert: StaffCertificateInput, certificateId?: number): StaffCertificate {
    this.get(staffId);
    checkCertificateInput(cert);
    const at = this.now().toISOString();
    const same =
      certificateId ??
      ((this.db.prepare('SELECT id FROM staff_certificates WHERE (sha256_fingerprint IS NOT NULL AND sha256_fingerprint = ?) OR (issuer = ? AND serial_number = ?)').get(cert.sha256Fingerprint ?? null, cert.issuer, cert.serialNumber) as { id: number } | undefined)?.id);
    const values = [staffId, cert.holder, cert.specialPurpose ? 1 : 0, cert.providerName.trim(), cert.serialNumber.trim().toUpperCase(), cert.issuer.trim(), cert.subject ?? null, cert.validFrom, cert.validTo, cert.token ?? null, cert.sha256Fingerprint ?? null, cert.source];
    let id: number;
    if (same !== undefined) {
      const changed = this.db
        .prepare('UPDATE staff_certificates SET staff_id=?, holder=?, special_purpose=?, provider_name=?, serial_number=?, issuer=?, subject=?, valid_from=?, valid_to=?, token=?, sha256_fingerprint=?, source=?, updated_at=? WHERE id=?')
        .run(...values, at, same).changes;
      if (changed === 0) throw new AppError('STAFF_CERTIFICATE_NOT_FOUND', 'Không tìm thấy chứng thư số này. Hãy tải lại danh sách.', 'Certificate not found. Reload the list.', { id: same });
      id = same;
    } else {
      id = Number(
        this.db
          .prepare('INSERT INTO staff_certificates (staff_id, holder, special_purpose, provider_name, serial_number, issuer, subject, valid_from, valid_to, token, sha256_fingerprint, source, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)')
          .run(...values, at, at).lastInsertRowid,
      );
    }
    return toCert(this.db.prepare('SELECT * FROM staff_certificates WHERE id = ?').get(id) as CertRow);
  }

  removeCertificate(certificateId: number): void {
    if (this.db.prepare('DELETE FROM staff_certificates WHERE id = ?').run(certificateId).changes === 0)
      throw new AppError('STAFF_CERTIFICATE_NOT_FOUND', 'Không tìm thấy chứng thư số này. Hãy tải lại danh sách.', 'Certificate not found. Reload the list.', { id: certificateId });
  }

  /** Staff id of the person holding a certificate with this SHA-256 fingerprint (for the inspection). */
  holderOfFingerprint(fingerprint: string): number | null {
    const r = this.db.prepare('SELECT staff_id FROM staff_certificates WHERE sha256_fingerprint = ?').get(fingerprint.toUpperCase()) as { staff_id: number } | undefined;
    return r?.staff_id ?? null;
  }

  private today(): IsoDate {
    return new Date(this.now().getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  }

  private findSame(row: StaffDetails): number | null {
    if (row.cccd) {
      const r = this.db.prepare('SELECT id FROM staff WHERE cccd = ?').get(row.cccd) as { id: number } | undefined;
      if (r) return r.id;
    }
    const candidates = this.db.prepare('SELECT id, full_name, date_of_birth, cccd FROM staff WHERE date_of_birth IS ?').all(row.dateOfBirth) as Array<{ id: number; full_name: string; cccd: string | null }>;
    const same = candidates.filter((c) => c.full_name.normalize('NFC').toLocaleLowerCase('vi') === row.fullName.toLocaleLowerCase('vi') && (!c.cccd || !row.cccd));
    return same.length === 1 ? same[0]!.id : null;
  }

  private write(d: StaffDetails, id?: number): number {
    const at = this.now().toISOString();
    if (d.cccd) {
      const other = this.db.prepare('SELECT id, full_name FROM staff WHERE cccd = ? AND id IS NOT ?').get(d.cccd, id ?? null) as { id: number; full_name: string } | undefined;
      if (other)
        throw new AppError('STAFF_DUPLICATE_CCCD', `Số CCCD ${d.cccd} đã thuộc về ${other.full_name}. Mỗi người một số CCCD; hãy xem lại.`, `CCCD ${d.cccd} already belongs to ${other.full_name}.`, { cccd: d.cccd, staffId: other.id });
    }
    const values = [d.fullName, d.dateOfBirth, d.position, d.unit, d.cccd, d.cccdIssuedOn, d.phone, JSON.stringify(d.roles), d.status, d.statusNote, at];
    if (id !== undefined) {
      const changed = this.db.prepare('UPDATE staff SET full_name=?, date_of_birth=?, position=?, unit=?, cccd=?, cccd_issued_on=?, phone=?, roles=?, status=?, status_note=?, updated_at=? WHERE id=?').run(...values, id).changes;
      if (changed === 0) throw new AppError('STAFF_NOT_FOUND', 'Không tìm thấy cán bộ này (có thể đã bị xoá). Hãy tải lại danh sách.', 'Staff member not found. Reload the list.', { id });
      return id;
    }
    return Number(
      this.db
        .prepare('INSERT INTO staff (full_name, date_of_birth, position, unit, cccd, cccd_issued_on, phone, roles, status, status_note, updated_at, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)')
        .run(...values, at).lastInsertRowid,
    );
  }

  private toRecord(r: StaffRow, certificates: StaffCertificate[]): StaffMemberRecord {
    return {
      id: r.id,
      fullName: r.full_name,
      dateOfBirth: r.date_of_birth,
      position: r.position,
      unit: r.unit,
      cccd: r.cccd,
      cccdIssuedOn: r.cccd_issued_on,
      phone: r.phone,
      roles: parseRoles(r.roles),
      status: r.status,
      statusNote: r.status_note,
      certificates,
    };
  }
}

export function csvImportError(problems: CsvRowProblem[]): AppError {
  const shown = problems.slice(0, 20).map((p) => `dòng ${p.line}${p.column ? `, cột "${p.column}"` : ''}: ${p.messageVi}`);
  return new AppError(
    'STAFF_CSV_INVALID',
    `Chưa nhập danh sách vì có ${problems.length} lỗi (không dòng nào được ghi). Sửa các dòng sau rồi nhập lại: ${shown.join(' | ')}${problems.length > 20 ? ' | …' : ''}`,
    `Nothing was imported: ${problems.length} problem(s). Fix these rows and import again: ${problems.slice(0, 20).map((p) => `line ${p.line}: ${p.messageEn}`).join(' | ')}`,
    { problems },
  );
}

function checkCertificateInput(c: StaffCertificateInput): void {
  const problems: string[] = [];
  if (!c.serialNumber.trim()) problems.push('thiếu số hiệu (serial)');
  if (!c.issuer.trim()) problems.push('thiếu tổ chức cấp');
  if (!c.providerName.trim()) problems.push('thiếu đơn vị cung cấp');
  if (parseDate(c.validFrom) !== c.validFrom || parseDate(c.validTo) !== c.validTo) problems.push('ngày hiệu lực phải là ngày có thật');
  else if (c.validTo < c.validFrom) problems.push('ngày hết hạn sớm hơn ngày bắt đầu hiệu lực');
  if (problems.length > 0)
    throw new AppError('STAFF_CERTIFICATE_INVALID', `Thông tin chứng thư số chưa đúng: ${problems.join('; ')}.`, `Certificate details are not valid: ${problems.join('; ')}.`, { problems });
}
