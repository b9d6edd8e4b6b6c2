import crypto from 'node:crypto';
import { AppError } from '../errors';
import type { SqlDb, SqlStatement } from './ports';
import { folderRow, folderPath } from './tree';
import { foldVietnamese, indexTokens } from './fold';

const statements = new WeakMap<SqlDb, Map<string, SqlStatement>>();

/**
 * A prepared statement kept per connection: an import runs the same dozen statements for every file,
 * and preparing one costs more than running it.
 */
export function cached(db: SqlDb, sql: string): SqlStatement {
  let byText = statements.get(db);
  if (!byText) statements.set(db, (byText = new Map()));
  let st = byText.get(sql);
  if (!st) byText.set(sql, (st = db.prepare(sql)));
  return st;
}

export type DocumentStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export type VersionOrigin = 'import' | 'submit' | 'approve' | 'revision' | 'exchange';
export type SignatureRole = 'author' | 'approver' | 'seal' | 'unknown';
export type SignatureVerdict = 'valid' | 'invalid' | 'indeterminate' | 'not_checked';

/** A signature found in a version's PDF, as the verifier reports it. */
export interface FoundSignature {
  fieldName: string | null;
  signerName: string | null;
  certificate: Uint8Array | null;
  /** When the verifier gives only the fingerprint (hex), not the certificate itself. */
  certificateSha256?: string | null;
  /** The certificate is an organisation's (the school's electronic seal). */
  organisation?: boolean;
  signingTime: string | null;
  verdict: SignatureVerdict;
  details?: Record<string, unknown>;
}

export interface DocumentFields {
  folderId: number;
  title: string;
  kind?: string | null;
  ownerStaffId?: number | null;
  classId?: number | null;
  subjectGroupId?: number | null;
  /** Extra facts (week number, month, original file name …), searchable. */
  meta?: Record<string, string | number>;
  /** The document's own date (YYYY-MM-DD); defaults to the import day. Used by date-range exports. */
  docDate?: string;
  uid?: string;
}

export interface NewVersion {
  sha256: string;
  size: number;
  fileName: string;
  origin: VersionOrigin;
  createdByStaffId?: number | null;
  signatures?: Array<FoundSignature & { role?: SignatureRole }>;
  /** Folded PDF text for the search index (null: keep what is there). */
  text?: string | null;
}

export interface VersionInfo {
  id: number;
  number: number;
  sha256: string;
  size: number;
  fileName: string;
  origin: VersionOrigin;
  createdAt: string;
  createdByStaffId: number | null;
  signatures: Array<{ position: number; fieldName: string | null; signerName: string | null; certificateSha256: string | null; signingTime: string | null; role: SignatureRole; verdict: SignatureVerdict; details: Record<string, unknown> }>;
}

export interface DocumentSummary {
  id: number;
  uid: string;
  folderId: number;
  title: string;
  kind: string | null;
  status: DocumentStatus;
  ownerStaffId: number | null;
  ownerName: string | null;
  docDate: string;
  updatedAt: string;
  versionCount: number;
}

export interface DocumentDetail extends DocumentSummary {
  classId: number | null;
  subjectGroupId: number | null;
  meta: Record<string, string | number>;
  folderPath: Array<{ id: number; code: string | null; name: string }>;
  versions: VersionInfo[];
  transitions: Array<{ from: DocumentStatus; to: DocumentStatus; actorStaffId: number | null; actorName: string | null; reason: string | null; versionNumber: number | null; at: string }>;
}

const notFound = (id: number | string) =>
  new AppError('RECORDS_DOCUMENT_NOT_FOUND', 'Không tìm thấy hồ sơ này (có thể đã bị xoá). Hãy tải lại danh sách.', 'Document not found. Reload the list.', { id });

/** Inserts the document row (inside the caller's transaction). */
export function insertDocument(db: SqlDb, f: DocumentFields, at: string): { id: number; uid: string } {
  folderRow(db, f.folderId);
  const title = f.title.trim();
  if (!title) throw new AppError('RECORDS_TITLE_EMPTY', 'Tên hồ sơ không được để trống.', 'The document title must not be empty.');
  const uid = f.uid ?? crypto.randomUUID();
  const id = Number(
    cached(db, 'INSERT INTO documents (uid, folder_id, title, kind, owner_staff_id, class_id, subject_group_id, meta, status, doc_date, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)')
      .run(uid, f.folderId, title, f.kind ?? null, f.ownerStaffId ?? null, f.classId ?? null, f.subjectGroupId ?? null, JSON.stringify(f.meta ?? {}), 'draft', f.docDate ?? at.slice(0, 10), at, at).lastInsertRowid,
  );
  return { id, uid };
}

/** Adds the next immutable version (inside the caller's transaction); the file must already be stored. */
export function insertVersion(db: SqlDb, documentId: number, v: NewVersion, at: string, number?: number): number {
  cached(db, 'INSERT OR IGNORE INTO blobs (sha256, size, created_at) VALUES (?,?,?)').run(v.sha256, v.size, at);
  const next = number ?? (cached(db, 'SELECT COALESCE(MAX(number), 0) + 1 AS n FROM versions WHERE document_id = ?').get(documentId) as { n: number }).n;
  const versionId = Number(
    cached(db, 'INSERT INTO versions (document_id, number, sha256, file_name, origin, created_by_staff_id, created_at) VALUES (?,?,?,?,?,?,?)')
      .run(documentId, next, v.sha256, v.fileName, v.origin, v.createdByStaffId ?? null, at).lastInsertRowid,
  );
  storeSignatures(db, versionId, v.signatures ?? [], at);
  cached(db, 'UPDATE documents SET updated_at = ? WHERE id = ?').run(at, documentId);
  reindex(db, documentId, v.text ?? null);
  return versionId;
}

export function storeSignatures(db: SqlDb, versionId: number, sigs: Array<FoundSignature & { role?: SignatureRole }>, at: string): void {
  const ins = cached(db, 'INSERT INTO signatures (version_id, position, field_name, signer_name, certificate, certificate_sha256, signing_time, role, verdict, details, checked_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)');
  sigs.forEach((s, i) => {
    const cert = s.certificate ? Buffer.from(s.certificate) : null;
    const fingerprint = cert ? crypto.createHash('sha256').update(cert).digest('hex') : (s.certificateSha256?.toLowerCase() ?? null);
    ins.run(versionId, i + 1, s.fieldName, s.signerName, cert, fingerprint, s.signingTime, s.role ?? (s.organisation ? 'seal' : 'unknown'), s.verdict, JSON.stringify(s.details ?? {}), at);
  });
}

/**
 * Rebuilds a document's search row from its title and metadata; `text` replaces the PDF text when
 * given (the newest version's text), otherwise the stored text is kept. The vocabulary (search_terms:
 * documents per word) follows in the same transaction.
 */
export function reindex(db: SqlDb, documentId: number, text: string | null): void {
  const d = cached(db, `SELECT d.title, d.kind, d.meta, d.doc_date, s.full_name AS owner, c.name AS class, g.name AS grp, f.name AS folder
    FROM documents d JOIN folders f ON f.id = d.folder_id LEFT JOIN staff s ON s.id = d.owner_staff_id
    LEFT JOIN classes c ON c.id = d.class_id LEFT JOIN subject_groups g ON g.id = d.subject_group_id WHERE d.id = ?`).get(documentId) as
    { title: string; kind: string | null; meta: string; doc_date: string; owner: string | null; class: string | null; grp: string | null; folder: string } | undefined;
  if (!d) throw notFound(documentId);
  const meta = JSON.parse(d.meta) as Record<string, string | number>;
  const metaText = [d.kind?.replace(/_/g, ' '), d.owner, d.class, d.grp, d.folder, d.doc_date, ...Object.values(meta).map(String)].filter(Boolean).join(' ');
  const old = cached(db, 'SELECT title, meta, body FROM documents_fts WHERE rowid = ?').get(documentId) as { title: string; meta: string; body: string } | undefined;
  const row = { title: foldVietnamese(d.title), meta: foldVietnamese(metaText), body: text === null ? (old?.body ?? '') : foldVietnamese(text) };
  if (old) cached(db, 'DELETE FROM documents_fts WHERE rowid = ?').run(documentId);
  cached(db, 'INSERT INTO documents_fts (rowid, title, meta, body) VALUES (?,?,?,?)').run(documentId, row.title, row.meta, row.body);
  countTerms(db, old ? termsOf(old) : new Set(), termsOf(row));
}

/** After a folder is renamed: its documents' search rows carry the folder's name, so they are rebuilt. */
export function reindexFolder(db: SqlDb, folderId: number): void {
  for (const { id } of cached(db, 'SELECT id FROM documents WHERE folder_id = ?').all(folderId) as Array<{ id: number }>) reindex(db, id, null);
}

const termsOf = (r: { title: string; meta: string; body: string }) => new Set([...indexTokens(r.title), ...indexTokens(r.meta), ...indexTokens(r.body)]);

/**
 * Moves the vocabulary's document counts from a row's old words to its new ones. The words go to
 * SQLite as one JSON list per statement: a document has hundreds of distinct words.
 */
function countTerms(db: SqlDb, before: Set<string>, after: Set<string>): void {
  const added = [...after].filter((t) => !before.has(t));
  const removed = [...before].filter((t) => !after.has(t));
  if (added.length) cached(db, 'INSERT INTO search_terms (term, docs) SELECT value, 1 FROM json_each(?) WHERE true ON CONFLICT (term) DO UPDATE SET docs = docs + 1').run(JSON.stringify(added));
  if (removed.length) {
    const list = JSON.stringify(removed);
    cached(db, 'DELETE FROM search_terms WHERE docs = 1 AND term IN (SELECT value FROM json_each(?))').run(list);
    cached(db, 'UPDATE search_terms SET docs = docs - 1 WHERE term IN (SELECT value FROM json_each(?))').run(list);
  }
}

type SummaryRow = { id: number; uid: string; folder_id: number; title: string; kind: string | null; status: DocumentStatus; owner_staff_id: number | null; owner_name: string | null; doc_date: string; updated_at: string; version_count: number };
const SUMMARY_SQL = `SELECT d.id, d.uid, d.folder_id, d.title, d.kind, d.status, d.owner_staff_id, s.full_name AS owner_name, d.doc_date, d.updated_at,
  d.version_count FROM documents d LEFT JOIN staff s ON s.id = d.owner_staff_id`;
const toSummary = (r: SummaryRow): DocumentSummary => ({
  id: r.id, uid: r.uid, folderId: r.folder_id, title: r.title, kind: r.kind, status: r.status, ownerStaffId: r.owner_staff_id,
  ownerName: r.owner_name, docDate: r.doc_date, updatedAt: r.updated_at, versionCount: r.version_count,
});

export function listFolder(db: SqlDb, folderId: number, page: { limit?: number; offset?: number } = {}): DocumentSummary[] {
  return (cached(db, `${SUMMARY_SQL} WHERE d.folder_id = ? ORDER BY d.title LIMIT ? OFFSET ?`).all(folderId, page.limit ?? 1000, page.offset ?? 0) as SummaryRow[]).map(toSummary);
}

export function summariesByIds(db: SqlDb, ids: number[]): DocumentSummary[] {
  const one = cached(db, `${SUMMARY_SQL} WHERE d.id = ?`);
  return ids.map((id) => one.get(id) as SummaryRow | undefined).filter((r): r is SummaryRow => !!r).map(toSummary);
}

export function documentIdByUid(db: SqlDb, uid: string): number | null {
  return (cached(db, 'SELECT id FROM documents WHERE uid = ?').get(uid) as { id: number } | undefined)?.id ?? null;
}

export function getDocument(db: SqlDb, id: number): DocumentDetail {
  const r = db.prepare(`${SUMMARY_SQL} WHERE d.id = ?`).get(id) as SummaryRow | undefined;
  if (!r) throw notFound(id);
  const extra = db.prepare('SELECT class_id, subject_group_id, meta FROM documents WHERE id = ?').get(id) as { class_id: number | null; subject_group_id: number | null; meta: string };
  const versions = (db.prepare('SELECT v.id, v.number, v.sha256, b.size, v.file_name, v.origin, v.created_at, v.created_by_staff_id FROM versions v JOIN blobs b ON b.sha256 = v.sha256 WHERE v.document_id = ? ORDER BY v.number').all(id) as Array<{ id: number; number: number; sha256: string; size: number; file_name: string; origin: VersionOrigin; created_at: string; created_by_staff_id: number | null }>)
    .map((v): VersionInfo => ({
      id: v.id, number: v.number, sha256: v.sha256, size: v.size, fileName: v.file_name, origin: v.origin, createdAt: v.created_at, createdByStaffId: v.created_by_staff_id,
      signatures: (db.prepare('SELECT position, field_name, signer_name, certificate_sha256, signing_time, role, verdict, details FROM signatures WHERE version_id = ? ORDER BY position').all(v.id) as Array<{ position: number; field_name: string | null; signer_name: string | null; certificate_sha256: string | null; signing_time: string | null; role: SignatureRole; verdict: SignatureVerdict; details: string }>)
        .map((s) => ({ position: s.position, fieldName: s.field_name, signerName: s.signer_name, certificateSha256: s.certificate_sha256, signingTime: s.signing_time, role: s.role, verdict: s.verdict, details: JSON.parse(s.details) as Record<string, unknown> })),
    }));
  const transitions = (db.prepare('SELECT t.from_status, t.to_status, t.actor_staff_id, s.full_name, t.reason, v.number, t.at FROM workflow_transitions t LEFT JOIN staff s ON s.id = t.actor_staff_id LEFT JOIN versions v ON v.id = t.version_id WHERE t.document_id = ? ORDER BY t.id').all(id) as Array<{ from_status: DocumentStatus; to_status: DocumentStatus; actor_staff_id: number | null; full_name: string | null; reason: string | null; number: number | null; at: string }>)
    .map((t) => ({ from: t.from_status, to: t.to_status, actorStaffId: t.actor_staff_id, actorName: t.full_name, reason: t.reason, versionNumber: t.number, at: t.at }));
  return {
    ...toSummary(r), classId: extra.class_id, subjectGroupId: extra.subject_group_id, meta: JSON.parse(extra.meta) as Record<string, string | number>,
    folderPath: folderPath(db, r.folder_id), versions, transitions,
  };
}

export function latestVersion(db: SqlDb, documentId: number): { id: number; number: number; sha256: string; fileName: string } {
  const v = db.prepare('SELECT id, number, sha256, file_name FROM versions WHERE document_id = ? ORDER BY number DESC LIMIT 1').get(documentId) as { id: number; number: number; sha256: string; file_name: string } | undefined;
  if (!v) throw new AppError('RECORDS_NO_VERSION', 'Hồ sơ này chưa có tệp nào. Hãy nhập tệp PDF trước.', 'This document has no file yet. Import a PDF first.', { documentId });
  return { id: v.id, number: v.number, sha256: v.sha256, fileName: v.file_name };
}
