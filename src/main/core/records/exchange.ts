import crypto from 'node:crypto';
import { AppError } from '../errors';
import type { SqlDb } from './ports';
import type { RecordStore } from './store';
import { appendAudit, entryIsSelfConsistent, rowToEntry, type AuditEntry } from './audit';
import { addSchoolYear, schoolYearByName } from './school';
import { addFolder, folderPath } from './tree';
import { documentIdByUid, insertDocument, insertVersion, reindex, type DocumentStatus, type SignatureRole, type SignatureVerdict, type VersionOrigin } from './documents';

/**
 * The exchange package: one file to carry plans between PCs with no network (USB stick, Zalo, e-mail).
 *
 *   "HOSOKY-EXCHANGE/1\n" | manifest length (8 bytes, big-endian) | manifest (UTF-8 JSON) |
 *   the files, back to back, in manifest order | SHA-256 of everything before (32 bytes)
 *
 * A plain container rather than zip/tar: nothing to decompress, every part checked by hash on import.
 */
export const EXCHANGE_MAGIC = Buffer.from('HOSOKY-EXCHANGE/1\n', 'ascii');

interface PackageSignature { position: number; fieldName: string | null; signerName: string | null; certificate: string | null; certificateSha256: string | null; signingTime: string | null; role: SignatureRole; verdict: SignatureVerdict; details: string }
interface PackageVersion { number: number; sha256: string; size: number; fileName: string; origin: VersionOrigin; createdAt: string; createdBy: string | null; signatures: PackageSignature[] }
interface PackageDocument {
  uid: string; title: string; kind: string | null; status: DocumentStatus; docDate: string; createdAt: string; updatedAt: string; meta: Record<string, string | number>;
  owner: string | null; schoolYear: string; folderPath: Array<{ code: string | null; name: string }>;
  versions: PackageVersion[];
  transitions: Array<{ from: DocumentStatus; to: DocumentStatus; actor: string | null; reason: string | null; versionNumber: number | null; at: string }>;
}
export interface ExchangeManifest {
  format: 1;
  createdAt: string;
  school: string | null;
  documents: PackageDocument[];
  audit: AuditEntry[];
  blobs: Array<{ sha256: string; size: number }>;
}

export async function buildExchangePackage(store: RecordStore, documentIds: number[]): Promise<{ chunks: Buffer[]; manifest: ExchangeManifest }> {
  const db = store.db;
  const documents: PackageDocument[] = [];
  const blobs = new Map<string, number>();
  const audit: AuditEntry[] = [];
  for (const id of documentIds) {
    const d = db.prepare(`SELECT d.*, s.full_name AS owner, y.name AS year FROM documents d JOIN folders f ON f.id = d.folder_id JOIN school_years y ON y.id = f.school_year_id
      LEFT JOIN staff s ON s.id = d.owner_staff_id WHERE d.id = ?`).get(id) as { uid: string; title: string; kind: string | null; status: DocumentStatus; doc_date: string; created_at: string; updated_at: string; meta: string; owner: string | null; year: string; folder_id: number } | undefined;
    if (!d) continue;
    const versions = (db.prepare('SELECT v.id, v.number, v.sha256, b.size, v.file_name, v.origin, v.created_at, s.full_name AS by FROM versions v JOIN blobs b ON b.sha256 = v.sha256 LEFT JOIN staff s ON s.id = v.created_by_staff_id WHERE v.document_id = ? ORDER BY v.number').all(id) as Array<{ id: number; number: number; sha256: string; size: number; file_name: string; origin: VersionOrigin; created_at: string; by: string | null }>)
      .map((v): PackageVersion => {
        blobs.set(v.sha256, v.size);
        const signatures = (db.prepare('SELECT position, field_name, signer_name, certificate, certificate_sha256, signing_time, role, verdict, details FROM signatures WHERE version_id = ? ORDER BY position').all(v.id) as Array<{ position: number; field_name: string | null; signer_name: string | null; certificate: Buffer | null; certificate_sha256: string | null; signing_time: string | null; role: SignatureRole; verdict: SignatureVerdict; details: string }>)
          .map((s) => ({ position: s.position, fieldName: s.field_name, signerName: s.signer_name, certificate: s.certificate ? s.certificate.toString('base64') : null, certificateSha256: s.certificate_sha256, signingTime: s.signing_time, role: s.role, verdict: s.verdict, details: s.details }));
        return { number: v.number, sha256: v.sha256, size: v.size, fileName: v.file_name, origin: v.origin, createdAt: v.created_at, createdBy: v.by, signatures };
      });
    const transitions = (db.prepare('SELECT t.from_status, t.to_status, s.full_name AS actor, t.reason, v.number, t.at FROM workflow_transitions t LEFT JOIN staff s ON s.id = t.actor_staff_id LEFT JOIN versions v ON v.id = t.version_id WHERE t.document_id = ? ORDER BY t.id').all(id) as Array<{ from_status: DocumentStatus; to_status: DocumentStatus; actor: string | null; reason: string | null; number: number | null; at: string }>)
      .map((t) => ({ from: t.from_status, to: t.to_status, actor: t.actor, reason: t.reason, versionNumber: t.number, at: t.at }));
    documents.push({
      uid: d.uid, title: d.title, kind: d.kind, status: d.status, docDate: d.doc_date, createdAt: d.created_at, updatedAt: d.updated_at, meta: JSON.parse(d.meta) as Record<string, string | number>,
      owner: d.owner, schoolYear: d.year, folderPath: folderPath(db, d.folder_id).map((f) => ({ code: f.code, name: f.name })), versions, transitions,
    });
    audit.push(...(db.prepare('SELECT * FROM audit_log WHERE document_uid = ? ORDER BY seq').all(d.uid) as Parameters<typeof rowToEntry>[0][]).map(rowToEntry));
  }
  const school = (db.prepare('SELECT name FROM school WHERE id = 1').get() as { name: string } | undefined)?.name ?? null;
  const manifest: ExchangeManifest = { format: 1, createdAt: store.now(), school, documents, audit, blobs: [...blobs].map(([sha256, size]) => ({ sha256, size })) };
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const len = Buffer.alloc(8);
  len.writeBigUInt64BE(BigInt(json.length));
  const chunks: Buffer[] = [EXCHANGE_MAGIC, len, json];
  for (const b of manifest.blobs) chunks.push(await store.blobs.read(b.sha256));
  const hash = crypto.createHash('sha256');
  for (const c of chunks) hash.update(c);
  chunks.push(hash.digest());
  return { chunks, manifest };
}

const damaged = (why: string) =>
  new AppError('RECORDS_EXCHANGE_DAMAGED', `Gói trao đổi hồ sơ bị hỏng hoặc đã bị sửa (${why}). Hãy xin người gửi xuất lại gói và chép lại.`, `The exchange package is damaged or was altered (${why}). Ask the sender to export it again.`, { why });

/** Checks the whole package (container hash, every file's SHA-256, every audit entry's own hash). */
export function parseExchangePackage(data: Buffer): { manifest: ExchangeManifest; files: Map<string, Buffer> } {
  if (data.length < EXCHANGE_MAGIC.length + 8 + 32 || !data.subarray(0, EXCHANGE_MAGIC.length).equals(EXCHANGE_MAGIC)) {
    throw new AppError('RECORDS_EXCHANGE_NOT_PACKAGE', 'Tệp này không phải gói trao đổi hồ sơ của Hồ Sơ Ký.', 'This file is not a Hồ Sơ Ký exchange package.');
  }
  const body = data.subarray(0, data.length - 32);
  if (!crypto.createHash('sha256').update(body).digest().equals(data.subarray(data.length - 32))) throw damaged('mã băm của gói không khớp');
  const len = Number(data.readBigUInt64BE(EXCHANGE_MAGIC.length));
  let off = EXCHANGE_MAGIC.length + 8;
  if (off + len > body.length) throw damaged('độ dài không hợp lệ');
  const manifest = JSON.parse(body.subarray(off, off + len).toString('utf8')) as ExchangeManifest;
  if (manifest.format !== 1) throw new AppError('RECORDS_EXCHANGE_FORMAT', 'Gói trao đổi được tạo bởi phiên bản Hồ Sơ Ký mới hơn. Hãy cập nhật phần mềm.', 'The package was made by a newer Hồ Sơ Ký. Update the program.');
  off += len;
  const files = new Map<string, Buffer>();
  for (const b of manifest.blobs) {
    const bytes = body.subarray(off, off + b.size);
    off += b.size;
    if (bytes.length !== b.size || crypto.createHash('sha256').update(bytes).digest('hex') !== b.sha256) throw damaged(`tệp ${b.sha256.slice(0, 12)}… không khớp`);
    files.set(b.sha256, bytes);
  }
  if (off !== body.length) throw damaged('thừa dữ liệu');
  for (const e of manifest.audit) if (!entryIsSelfConsistent(e)) throw damaged(`nhật ký số ${e.seq} đã bị sửa`);
  return { manifest, files };
}

export interface ExchangeImportReport {
  documentsAdded: number;
  versionsAdded: number;
  statusesUpdated: number;
  auditEntriesAdded: number;
  conflicts: Array<{ uid: string; title: string; version: number; problem: string }>;
}

const staffIdByName = (db: SqlDb, name: string | null): number | null => {
  if (!name) return null;
  const rows = db.prepare('SELECT id FROM staff WHERE full_name = ?').all(name) as Array<{ id: number }>;
  return rows.length === 1 ? rows[0]!.id : null;
};

function resolveFolder(db: SqlDb, yearName: string, segments: Array<{ code: string | null; name: string }>, at: string): number {
  const year = schoolYearByName(db, yearName) ?? addSchoolYear(db, yearName, at);
  let parent: number | null = null;
  for (const s of segments) {
    const found = (s.code
      ? db.prepare('SELECT id FROM folders WHERE school_year_id = ? AND code = ?').get(year.id, s.code)
      : db.prepare('SELECT id FROM folders WHERE school_year_id = ? AND parent_id IS ? AND name = ?').get(year.id, parent, s.name)) as { id: number } | undefined;
    if (found) parent = found.id;
    else if (parent !== null) parent = addFolder(db, parent, s.name, at);
    else throw new AppError('RECORDS_EXCHANGE_FOLDER', `Gói có mục hồ sơ "${s.name}" không có trong cây hồ sơ của trường này (khác cấp học?).`, `The package uses a category "${s.name}" this school's tree does not have (different school level?).`);
  }
  return parent!;
}

/** Imports a checked package. Only what is missing is added, so importing twice changes nothing. */
export async function importExchangePackage(store: RecordStore, data: Buffer): Promise<ExchangeImportReport> {
  const { manifest, files } = parseExchangePackage(data);
  for (const [sha, bytes] of files) if (!store.blobs.has(sha)) await store.blobs.putBytes(bytes);
  const db = store.db;
  const texts = new Map<string, string | null>();
  if (store.deps.extractText) {
    for (const d of manifest.documents) {
      const latest = d.versions[d.versions.length - 1];
      if (latest && documentIdByUid(db, d.uid) === null) texts.set(d.uid, await store.deps.extractText(store.blobs.pathOf(latest.sha256)));
    }
  }
  const at = store.now();
  const report: ExchangeImportReport = { documentsAdded: 0, versionsAdded: 0, statusesUpdated: 0, auditEntriesAdded: 0, conflicts: [] };
  db.transaction(() => {
    for (const d of manifest.documents) {
      let id = documentIdByUid(db, d.uid);
      if (id === null) {
        id = insertDocument(db, { uid: d.uid, folderId: resolveFolder(db, d.schoolYear, d.folderPath, at), title: d.title, kind: d.kind, ownerStaffId: staffIdByName(db, d.owner), meta: d.meta, docDate: d.docDate }, d.createdAt).id;
        report.documentsAdded++;
      }
      const local = new Map((db.prepare('SELECT number, sha256 FROM versions WHERE document_id = ?').all(id) as Array<{ number: number; sha256: string }>).map((v) => [v.number, v.sha256]));
      for (const v of d.versions) {
        const have = local.get(v.number);
        if (have === v.sha256) continue;
        if (have !== undefined) {
          report.conflicts.push({ uid: d.uid, title: d.title, version: v.number, problem: 'Cùng số phiên bản nhưng nội dung khác: giữ bản trên máy này.' });
          continue;
        }
        insertVersion(db, id, {
          sha256: v.sha256, size: v.size, fileName: v.fileName, origin: v.origin, createdByStaffId: staffIdByName(db, v.createdBy),
          signatures: v.signatures.map((s) => ({ fieldName: s.fieldName, signerName: s.signerName, certificate: s.certificate ? Buffer.from(s.certificate, 'base64') : null, certificateSha256: s.certificateSha256, signingTime: s.signingTime, role: s.role, verdict: s.verdict, details: JSON.parse(s.details) as Record<string, unknown> })),
        }, v.createdAt, v.number);
        report.versionsAdded++;
      }
      for (const t of d.transitions) {
        const exists = db.prepare('SELECT 1 FROM workflow_transitions WHERE document_id = ? AND from_status = ? AND to_status = ? AND at = ?').get(id, t.from, t.to, t.at);
        if (exists) continue;
        const vId = t.versionNumber === null ? null : ((db.prepare('SELECT id FROM versions WHERE document_id = ? AND number = ?').get(id, t.versionNumber) as { id: number } | undefined)?.id ?? null);
        db.prepare('INSERT INTO workflow_transitions (document_id, from_status, to_status, actor_staff_id, reason, version_id, at) VALUES (?,?,?,?,?,?,?)').run(id, t.from, t.to, staffIdByName(db, t.actor), t.reason, vId, t.at);
      }
      const cur = db.prepare('SELECT status, updated_at FROM documents WHERE id = ?').get(id) as { status: DocumentStatus; updated_at: string };
      if (cur.status !== d.status && d.updatedAt > cur.updated_at) {
        db.prepare('UPDATE documents SET status = ?, updated_at = ? WHERE id = ?').run(d.status, d.updatedAt, id);
        report.statusesUpdated++;
      }
      reindex(db, id, texts.get(d.uid) ?? null);
    }
    for (const e of manifest.audit) {
      if (db.prepare('SELECT 1 FROM audit_log WHERE entry_uid = ?').get(e.entryUid)) continue;
      appendAudit(db, at, { entryUid: e.entryUid, at: e.at, actor: e.actor, action: e.action, documentUid: e.documentUid, details: { ...e.details, importedFrom: { hash: e.hash, seq: e.seq } } });
      report.auditEntriesAdded++;
    }
    const changed = report.documentsAdded + report.versionsAdded + report.statusesUpdated + report.auditEntriesAdded;
    if (changed > 0) {
      appendAudit(db, at, { action: 'exchange.import', actor: null, documentUid: null, details: { from: manifest.school, createdAt: manifest.createdAt, documents: report.documentsAdded, versions: report.versionsAdded, statuses: report.statusesUpdated, auditEntries: report.auditEntriesAdded } });
    }
  })();
  return report;
}
