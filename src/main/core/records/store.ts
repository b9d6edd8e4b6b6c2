import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';
import type { BlobStore, SqlDb } from './ports';
import { iso, systemClock, type Clock } from './clock';
import { appendAudit, verifyAudit, type AuditVerification } from './audit';
import { staffById } from './school';
import {
  getDocument, insertDocument, insertVersion, latestVersion, type DocumentFields, type FoundSignature, type SignatureRole,
} from './documents';
import { checkTransition, workflowDocument, type WorkflowAction } from './workflow';
import { isOfficeFile } from './convert-office';

export interface RecordStoreDeps {
  clock?: Clock;
  /** The text of a PDF for the search index; null when it cannot be read. */
  extractText?: (pdfPath: string) => Promise<string | null>;
  /** The signatures found in a stored PDF, with their verdicts (the PDF verifier); absent: none are stored. */
  readSignatures?: (pdfPath: string) => Promise<FoundSignature[]>;
  /** Converts a Word/ODT file to PDF in `outDir`, returning the PDF's path. */
  convertToPdf?: (file: string, outDir: string) => Promise<string>;
  tempDir?: string;
}

export interface ImportRequest extends Omit<DocumentFields, 'title' | 'uid'> {
  file: string;
  title?: string;
  /** Who imports (for the audit trail); defaults to the owner. */
  actorStaffId?: number | null;
}

export interface ImportResult {
  documentId: number;
  uid: string;
  sha256: string;
  versionNumber: number;
  convertedFrom: string | null;
  textIndexed: boolean;
  signatureCount: number;
}

/** What a signing step hands back: the signed PDF and the role of each signature it added, in order. */
export interface SignedOutput {
  pdf: Uint8Array;
  roles?: SignatureRole[];
}

export type SignStep = (input: { pdf: Uint8Array; documentId: number; title: string; action: WorkflowAction }) => Promise<SignedOutput>;

export interface TransitionResult {
  documentId: number;
  status: string;
  versionNumber: number | null;
  sha256: string | null;
}

interface PreparedFile { sha256: string; size: number; fileName: string; text: string | null; signatures: FoundSignature[]; convertedFrom: string | null }

const actorName = (db: SqlDb, id: number | null | undefined) => (id ? staffById(db, id).fullName : null);

/**
 * The record store: every change is one SQLite transaction that also appends its audit entry; files are
 * stored (temp → fsync → rename) before the transaction that points to them commits, so after a crash
 * the database never names a file that is not complete on disk.
 */
export class RecordStore {
  readonly clock: Clock;
  constructor(
    readonly db: SqlDb,
    readonly blobs: BlobStore,
    readonly deps: RecordStoreDeps = {},
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  now(): string {
    return iso(this.clock);
  }

  /** Imports one file as a new document (version 1). Word/ODT files are converted to PDF first. */
  async importFile(req: ImportRequest): Promise<ImportResult> {
    const prepared = await this.prepareFile(req.file);
    return this.db.transaction(() => this.commitImport(req, prepared, this.now()))();
  }

  /**
   * Imports many files: several are prepared at once (stored, text extracted: the extractor groups
   * the requests that wait together into one process start), and the prepared ones are committed in
   * batches, one transaction per batch (each file in its own savepoint, so one bad file does not undo
   * the others). Batching saves the per-commit fsync and gives the search index fewer, larger segments.
   */
  async importFiles(reqs: ImportRequest[], opts: { concurrency?: number; batchSize?: number; onProgress?: (done: number, total: number, file: string, ok: boolean) => void } = {}): Promise<Array<{ ok: true; result: ImportResult } | { ok: false; error: unknown }>> {
    const results: Array<{ ok: true; result: ImportResult } | { ok: false; error: unknown }> = new Array(reqs.length);
    const ready: Array<{ index: number; prepared: PreparedFile }> = [];
    const batchSize = opts.batchSize ?? 25;
    let next = 0;
    let done = 0;
    const report = (index: number) => opts.onProgress?.(++done, reqs.length, reqs[index]!.file, results[index]!.ok);
    const commit = async () => {
      const batch = ready.splice(0);
      if (batch.length === 0) return;
      await this.blobs.syncDirs();
      const at = this.now();
      this.db.transaction(() => {
        for (const { index, prepared } of batch) {
          try {
            results[index] = { ok: true, result: this.db.transaction(() => this.commitImport(reqs[index]!, prepared, at))() };
          } catch (error) {
            results[index] = { ok: false, error };
          }
        }
      })();
      for (const { index } of batch) report(index);
    };
    const worker = async () => {
      while (next < reqs.length) {
        const index = next++;
        try {
          ready.push({ index, prepared: await this.prepareFile(reqs[index]!.file, { deferDirSync: true }) });
        } catch (error) {
          results[index] = { ok: false, error };
          report(index);
        }
        if (ready.length >= batchSize) await commit();
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency ?? 16, reqs.length)) }, worker));
    await commit();
    return results;
  }

  private commitImport(req: ImportRequest, prepared: PreparedFile, at: string): ImportResult {
    const title = req.title?.trim() || path.basename(req.file).replace(/\.[^.]+$/, '');
    const doc = insertDocument(this.db, { ...req, title }, at);
    insertVersion(this.db, doc.id, { sha256: prepared.sha256, size: prepared.size, fileName: prepared.fileName, origin: 'import', createdByStaffId: req.actorStaffId ?? req.ownerStaffId ?? null, signatures: prepared.signatures, text: prepared.text ?? '' }, at);
    appendAudit(this.db, at, {
      action: 'document.import', actor: actorName(this.db, req.actorStaffId ?? req.ownerStaffId), documentUid: doc.uid,
      details: { title, sha256: prepared.sha256, fileName: prepared.fileName, version: 1, folderId: req.folderId, ...(prepared.convertedFrom ? { convertedFrom: prepared.convertedFrom } : {}) },
    });
    return { documentId: doc.id, uid: doc.uid, sha256: prepared.sha256, versionNumber: 1, convertedFrom: prepared.convertedFrom, textIndexed: prepared.text !== null, signatureCount: prepared.signatures.length };
  }

  /** A revised file for a draft or returned plan: a new version; the earlier ones stay as they were. */
  async addRevision(documentId: number, file: string, actorStaffId: number): Promise<TransitionResult> {
    const doc = workflowDocument(this.db, documentId);
    if (doc.status === 'submitted' || doc.status === 'approved') {
      throw new AppError('RECORDS_REVISION_LOCKED', `"${doc.title}" đang ${doc.status === 'submitted' ? 'chờ duyệt' : 'đã duyệt'}, không thay tệp được. Nếu cần sửa, người duyệt hãy trả lại hồ sơ.`, `"${doc.title}" is ${doc.status}; its file cannot be replaced.`);
    }
    const prepared = await this.prepareFile(file);
    const at = this.now();
    const number = this.db.transaction(() => {
      const vId = insertVersion(this.db, documentId, { sha256: prepared.sha256, size: prepared.size, fileName: prepared.fileName, origin: 'revision', createdByStaffId: actorStaffId, signatures: prepared.signatures, text: prepared.text }, at);
      const n = (this.db.prepare('SELECT number FROM versions WHERE id = ?').get(vId) as { number: number }).number;
      appendAudit(this.db, at, { action: 'document.revision', actor: actorName(this.db, actorStaffId), documentUid: this.uidOf(documentId), details: { sha256: prepared.sha256, version: n } });
      return n;
    })();
    return { documentId, status: doc.status, versionNumber: number, sha256: prepared.sha256 };
  }

  /**
   * One workflow step. With `sign`, the newest version is signed and the signed file becomes a NEW
   * version (the stored file is never rewritten); then the status, the transition and the audit entry
   * are written in one transaction. The rules are checked before signing and again inside it.
   */
  async transition(documentId: number, action: WorkflowAction, actorStaffId: number, opts: { reason?: string; sign?: SignStep } = {}): Promise<TransitionResult> {
    const before = workflowDocument(this.db, documentId);
    checkTransition(this.db, before, action, actorStaffId, opts.reason);
    let signed: { sha256: string; size: number; fileName: string; signatures: Array<FoundSignature & { role: SignatureRole }>; text: string | null } | null = null;
    if (opts.sign) {
      const current = latestVersion(this.db, documentId);
      const pdf = await this.blobs.read(current.sha256);
      const out = await opts.sign({ pdf, documentId, title: before.title, action });
      const stored = await this.blobs.putBytes(out.pdf);
      const found = this.deps.readSignatures ? await this.deps.readSignatures(this.blobs.pathOf(stored.sha256)) : [];
      const previousCount = (this.db.prepare('SELECT COUNT(*) AS n FROM signatures WHERE version_id = ?').get(current.id) as { n: number }).n;
      const defaultRole: SignatureRole = action === 'submit' ? 'author' : 'approver';
      const prevRoles = this.db.prepare('SELECT position, role FROM signatures WHERE version_id = ?').all(current.id) as Array<{ position: number; role: SignatureRole }>;
      const signatures = found.map((s, i) => ({
        ...s,
        role: i < previousCount ? (prevRoles.find((p) => p.position === i + 1)?.role ?? 'unknown') : (out.roles?.[i - previousCount] ?? (s.organisation ? 'seal' : defaultRole)),
      }));
      const stem = current.fileName.replace(/(\.(da-trinh|da-duyet))?\.pdf$/i, '');
      signed = { ...stored, fileName: `${stem}.${action === 'submit' ? 'da-trinh' : 'da-duyet'}.pdf`, signatures, text: null };
    }
    const at = this.now();
    return this.db.transaction(() => {
      const doc = workflowDocument(this.db, documentId);
      const { actor, to } = checkTransition(this.db, doc, action, actorStaffId, opts.reason);
      let versionId: number | null = null;
      let versionNumber: number | null = null;
      if (signed) {
        versionId = insertVersion(this.db, documentId, { ...signed, origin: action === 'submit' ? 'submit' : 'approve', createdByStaffId: actor.id }, at);
        versionNumber = (this.db.prepare('SELECT number FROM versions WHERE id = ?').get(versionId) as { number: number }).number;
      }
      this.db.prepare('UPDATE documents SET status = ?, updated_at = ? WHERE id = ?').run(to, at, documentId);
      this.db.prepare('INSERT INTO workflow_transitions (document_id, from_status, to_status, actor_staff_id, reason, version_id, at) VALUES (?,?,?,?,?,?,?)')
        .run(documentId, doc.status, to, actor.id, opts.reason?.trim() || null, versionId, at);
      appendAudit(this.db, at, {
        action: `plan.${action}`, actor: actor.fullName, documentUid: this.uidOf(documentId),
        details: { from: doc.status, to, ...(opts.reason ? { reason: opts.reason.trim() } : {}), ...(signed ? { sha256: signed.sha256, version: versionNumber, signatures: signed.signatures.length } : {}) },
      });
      return { documentId, status: to, versionNumber, sha256: signed?.sha256 ?? null };
    })();
  }

  /** Every stored file checked against its SHA-256, and the audit chain verified. */
  async check(): Promise<{ files: number; missing: string[]; altered: string[]; audit: AuditVerification; documentsAffected: Array<{ id: number; title: string; version: number; problem: 'missing' | 'altered' }> }> {
    const missing: string[] = [];
    const altered: string[] = [];
    const shas = (this.db.prepare('SELECT sha256 FROM blobs').all() as Array<{ sha256: string }>).map((r) => r.sha256);
    for (const sha of shas) {
      const state = await this.blobs.check(sha);
      if (state === 'missing') missing.push(sha);
      if (state === 'altered') altered.push(sha);
    }
    const bad = new Map([...missing.map((s) => [s, 'missing'] as const), ...altered.map((s) => [s, 'altered'] as const)]);
    const documentsAffected = bad.size === 0 ? [] : (this.db.prepare('SELECT d.id, d.title, v.number, v.sha256 FROM versions v JOIN documents d ON d.id = v.document_id').all() as Array<{ id: number; title: string; number: number; sha256: string }>)
      .filter((r) => bad.has(r.sha256)).map((r) => ({ id: r.id, title: r.title, version: r.number, problem: bad.get(r.sha256)! }));
    return { files: shas.length, missing, altered, audit: verifyAudit(this.db), documentsAffected };
  }

  document(id: number) {
    return getDocument(this.db, id);
  }

  uidOf(documentId: number): string {
    return (this.db.prepare('SELECT uid FROM documents WHERE id = ?').get(documentId) as { uid: string }).uid;
  }

  /** Converts (when Word/ODT), stores the file, reads its text and signatures; nothing in the database yet. */
  async prepareFile(file: string, opts: { deferDirSync?: boolean } = {}): Promise<PreparedFile> {
    if (!fs.existsSync(file)) throw new AppError('RECORDS_FILE_NOT_FOUND', `Không tìm thấy tệp "${file}".`, `File not found: "${file}".`, { file });
    let pdfPath = file;
    let convertedFrom: string | null = null;
    let tempDir: string | null = null;
    try {
      if (isOfficeFile(file)) {
        if (!this.deps.convertToPdf) throw new AppError('RECORDS_CONVERTER_MISSING', 'Không chuyển được tệp Word sang PDF vì máy chưa cài LibreOffice (hoặc Microsoft Word trên Windows). Hãy cài một trong hai, hoặc tự lưu tệp thành PDF rồi nhập lại.', 'Cannot convert the Word file to PDF: neither LibreOffice nor Microsoft Word is installed. Install one, or save the file as PDF and import it.');
        tempDir = fs.mkdtempSync(path.join(this.deps.tempDir ?? os.tmpdir(), 'hosoky-convert-'));
        pdfPath = await this.deps.convertToPdf(file, tempDir);
        convertedFrom = path.basename(file);
      }
      const { stored, mayBeSigned } = await this.storePdf(file, pdfPath, opts);
      const storedPath = this.blobs.pathOf(stored.sha256);
      const [text, signatures] = await Promise.all([
        this.deps.extractText ? this.deps.extractText(storedPath) : null,
        this.deps.readSignatures && mayBeSigned ? this.deps.readSignatures(storedPath) : [],
      ]);
      return { ...stored, fileName: path.basename(pdfPath), text, signatures, convertedFrom };
    } finally {
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
    }
  }

  /** Stores the PDF's bytes; they are not kept while its text is read (16 files wait at once, scans are large). */
  private async storePdf(file: string, pdfPath: string, opts: { deferDirSync?: boolean }) {
    const bytes = await fs.promises.readFile(pdfPath);
    if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) {
      throw new AppError('RECORDS_NOT_PDF', `Tệp "${path.basename(file)}" không phải PDF. Hãy nhập tệp PDF, Word (.doc, .docx) hoặc .odt.`, `"${path.basename(file)}" is not a PDF. Import a PDF, Word or ODT file.`, { file });
    }
    // Every signature's dictionary holds /ByteRange in plain bytes (the range is measured around its
    // /Contents in the file itself, so it cannot sit in a compressed object stream): without it there is
    // nothing for the verifier to find, and parsing the whole file is saved.
    return { stored: await this.blobs.putBytes(bytes, opts), mayBeSigned: bytes.includes('/ByteRange') };
  }
}
