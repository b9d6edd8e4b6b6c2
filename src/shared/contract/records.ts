import { z } from 'zod';
import { method, event } from './define';
import { signerRefSchema } from './tokens';
import { placementSchema } from './pdf';

/** The record store: school, record tree per school year, documents and versions, search, backups, exchange. */

export const schoolLevelSchema = z.enum(['mam_non', 'tieu_hoc', 'thcs', 'thpt', 'lien_cap']);
export type SchoolLevel = z.infer<typeof schoolLevelSchema>;
export type DocumentStatus = 'draft' | 'submitted' | 'approved' | 'returned';
export type SignatureRole = 'author' | 'approver' | 'seal' | 'unknown';
export type SignatureVerdict = 'valid' | 'invalid' | 'indeterminate' | 'not_checked';

export interface SchoolInfo { name: string; managingUnit: string | null; level: SchoolLevel }
export interface SchoolYearInfo { id: number; name: string; startsOn: string | null; endsOn: string | null }
export interface RetentionInfo { years: number | null; permanent: boolean; source: string | null }
export interface FolderNode {
  id: number; parentId: number | null; code: string | null; name: string; fixed: boolean;
  documentCount: number; totalCount: number; retention: RetentionInfo; children: FolderNode[];
}
export interface DocumentSummary {
  id: number; uid: string; folderId: number; title: string; kind: string | null; status: DocumentStatus;
  ownerStaffId: number | null; ownerName: string | null; docDate: string; updatedAt: string; versionCount: number;
}
export interface SignatureInfo {
  position: number; fieldName: string | null; signerName: string | null; certificateSha256: string | null;
  signingTime: string | null; role: SignatureRole; verdict: SignatureVerdict; details: Record<string, unknown>;
}
export interface VersionInfo {
  id: number; number: number; sha256: string; size: number; fileName: string; origin: 'import' | 'submit' | 'approve' | 'revision' | 'exchange';
  createdAt: string; createdByStaffId: number | null; signatures: SignatureInfo[];
}
export interface DocumentDetail extends DocumentSummary {
  classId: number | null; subjectGroupId: number | null; meta: Record<string, string | number>;
  folderPath: Array<{ id: number; code: string | null; name: string }>; versions: VersionInfo[];
  transitions: Array<{ from: DocumentStatus; to: DocumentStatus; actorStaffId: number | null; actorName: string | null; reason: string | null; versionNumber: number | null; at: string }>;
}
export interface ImportFileResult {
  file: string; ok: boolean; documentId?: number; sha256?: string; convertedFrom?: string | null; textIndexed?: boolean;
  signatureCount?: number; error?: { code: string; message: string; messageEn: string };
}
export interface AuditEntryInfo {
  seq: number; entryUid: string; at: string; actor: string | null; action: string; documentUid: string | null;
  details: Record<string, unknown>; prevHash: string; hash: string;
}
export interface AuditVerificationInfo { ok: boolean; entries: number; problems: Array<{ seq: number; problem: 'edited' | 'missing' | 'broken_link' | 'head_mismatch' }> }
export interface StoreCheck {
  files: number; missing: string[]; altered: string[]; audit: AuditVerificationInfo;
  documentsAffected: Array<{ id: number; title: string; version: number; problem: 'missing' | 'altered' }>;
}
export interface BackupCheckInfo { ok: boolean; file: string; userVersion: number; documents: number; files: number; problems: string[] }
export interface ExchangeImportInfo {
  documentsAdded: number; versionsAdded: number; statusesUpdated: number; auditEntriesAdded: number;
  conflicts: Array<{ uid: string; title: string; version: number; problem: string }>;
}
export interface TransitionInfo { documentId: number; status: string; versionNumber: number | null; sha256: string | null }

const id = z.number().int().positive();
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const metaSchema = z.record(z.string(), z.union([z.string(), z.number()]));

export const importInputSchema = z.object({
  /** Files (PDF, .doc, .docx, .odt) and/or folders (their files, not sub-folders). */
  paths: z.array(z.string().min(1)).min(1),
  folderId: id,
  kind: z.string().max(100).optional(),
  ownerStaffId: id.optional(),
  classId: id.optional(),
  subjectGroupId: id.optional(),
  meta: metaSchema.optional(),
  docDate: date.optional(),
  /** Only for a single file. */
  title: z.string().max(500).optional(),
  actorStaffId: id.optional(),
}).strict();

/**
 * How a workflow step signs (the same options as `pdf.sign`): the signed file becomes a new version.
 * Approval may add the school's seal right after the approver's signature.
 */
export const planSigningSchema = z.object({
  signer: signerRefSchema,
  placement: placementSchema.default('invisible'),
  reason: z.string().max(500).optional(),
  location: z.string().max(200).optional(),
  image: z.string().min(1).optional(),
  seal: z.object({ signer: signerRefSchema, image: z.string().min(1).optional() }).strict().optional(),
}).strict();
export type PlanSigning = z.output<typeof planSigningSchema>;

const submitInput = z.object({ documentId: id, actorStaffId: id, signing: planSigningSchema.optional() }).strict();
const approveInput = z.object({ documentIds: z.array(id).min(1).max(1000), actorStaffId: id, signing: planSigningSchema.optional() }).strict();

export const recordsMethods = {
  'records.getSchool': method<z.ZodObject<Record<string, never>>, SchoolInfo | null>(z.object({}).strict()),
  'records.setSchool': method<z.ZodObject<{ name: z.ZodString; managingUnit: z.ZodOptional<z.ZodNullable<z.ZodString>>; level: typeof schoolLevelSchema }>, SchoolInfo>(
    z.object({ name: z.string().trim().min(1).max(300), managingUnit: z.string().max(300).nullable().optional(), level: schoolLevelSchema }).strict()),
  'records.listSchoolYears': method<z.ZodObject<Record<string, never>>, SchoolYearInfo[]>(z.object({}).strict()),
  'records.addSchoolYear': method<z.ZodObject<{ name: z.ZodString }>, SchoolYearInfo>(z.object({ name: z.string().regex(/^\d{4}-\d{4}$/) }).strict()),
  'records.addSubjectGroup': method<z.ZodObject<{ name: z.ZodString }>, { id: number }>(z.object({ name: z.string().trim().min(1).max(200) }).strict()),
  'records.addClass': method<z.ZodObject<{ schoolYearId: z.ZodNumber; name: z.ZodString; kind: z.ZodEnum<{ nhom: 'nhom'; lop: 'lop' }>; grade: z.ZodOptional<z.ZodString> }>, { id: number }>(
    z.object({ schoolYearId: id, name: z.string().trim().min(1).max(100), kind: z.enum(['nhom', 'lop']), grade: z.string().max(20).optional() }).strict()),
  'records.tree': method<z.ZodObject<{ schoolYearId: z.ZodNumber }>, FolderNode[]>(z.object({ schoolYearId: id }).strict()),
  'records.addFolder': method<z.ZodObject<{ parentId: z.ZodNumber; name: z.ZodString }>, { id: number }>(z.object({ parentId: id, name: z.string().trim().min(1).max(200) }).strict()),
  'records.renameFolder': method<z.ZodObject<{ folderId: z.ZodNumber; name: z.ZodString }>, { ok: true }>(z.object({ folderId: id, name: z.string().trim().min(1).max(200) }).strict()),
  'records.deleteFolder': method<z.ZodObject<{ folderId: z.ZodNumber }>, { ok: true }>(z.object({ folderId: id }).strict()),
  'records.setRetention': method<z.ZodObject<{ folderId: z.ZodNumber; years: z.ZodNullable<z.ZodNumber>; permanent: z.ZodBoolean; source: z.ZodString }>, { ok: true }>(
    z.object({ folderId: id, years: z.number().int().min(1).max(100).nullable(), permanent: z.boolean(), source: z.string().trim().min(1).max(500) }).strict()),
  'records.import': method<typeof importInputSchema, ImportFileResult[]>(importInputSchema, { timeoutMs: 30 * 60_000 }),
  'records.list': method<z.ZodObject<{ folderId: z.ZodNumber; limit: z.ZodOptional<z.ZodNumber>; offset: z.ZodOptional<z.ZodNumber> }>, DocumentSummary[]>(
    z.object({ folderId: id, limit: z.number().int().min(1).max(10_000).optional(), offset: z.number().int().min(0).optional() }).strict()),
  'records.get': method<z.ZodObject<{ documentId: z.ZodNumber }>, DocumentDetail>(z.object({ documentId: id }).strict()),
  'records.addRevision': method<z.ZodObject<{ documentId: z.ZodNumber; file: z.ZodString; actorStaffId: z.ZodNumber }>, TransitionInfo>(
    z.object({ documentId: id, file: z.string().min(1), actorStaffId: id }).strict(), { timeoutMs: 5 * 60_000 }),
  'records.search': method<z.ZodObject<{ query: z.ZodString; schoolYearId: z.ZodOptional<z.ZodNumber>; limit: z.ZodOptional<z.ZodNumber> }>, Array<DocumentSummary & { score: number }>>(
    z.object({ query: z.string().max(500), schoolYearId: id.optional(), limit: z.number().int().min(1).max(500).optional() }).strict()),
  'records.check': method<z.ZodObject<Record<string, never>>, StoreCheck>(z.object({}).strict(), { timeoutMs: 30 * 60_000 }),
  'records.audit': method<z.ZodObject<{ documentUid: z.ZodOptional<z.ZodString>; limit: z.ZodOptional<z.ZodNumber> }>, AuditEntryInfo[]>(
    z.object({ documentUid: z.string().optional(), limit: z.number().int().min(1).max(10_000).optional() }).strict()),
  'records.backup': method<z.ZodObject<{ dir: z.ZodOptional<z.ZodString>; keep: z.ZodOptional<z.ZodNumber> }>, { file: string; blobsCopied: number; removed: string[] }>(
    z.object({ dir: z.string().min(1).optional(), keep: z.number().int().min(1).max(365).optional() }).strict(), { timeoutMs: 30 * 60_000 }),
  'records.listBackups': method<z.ZodObject<{ dir: z.ZodOptional<z.ZodString> }>, Array<{ file: string; size: number; modified: string }>>(z.object({ dir: z.string().min(1).optional() }).strict()),
  'records.checkBackup': method<z.ZodObject<{ file: z.ZodString }>, BackupCheckInfo>(z.object({ file: z.string().min(1) }).strict(), { timeoutMs: 30 * 60_000 }),
  'records.restore': method<z.ZodObject<{ file: z.ZodString }>, BackupCheckInfo & { previous: string | null }>(z.object({ file: z.string().min(1) }).strict(), { timeoutMs: 30 * 60_000 }),
  'records.exportPackage': method<z.ZodObject<{ documentIds: z.ZodOptional<z.ZodArray<z.ZodNumber>>; folderId: z.ZodOptional<z.ZodNumber>; output: z.ZodString }>, { file: string; documents: number; files: number; auditEntries: number }>(
    z.object({ documentIds: z.array(id).optional(), folderId: id.optional(), output: z.string().min(1) }).strict(), { timeoutMs: 30 * 60_000 }),
  'records.importPackage': method<z.ZodObject<{ file: z.ZodString }>, ExchangeImportInfo>(z.object({ file: z.string().min(1) }).strict(), { timeoutMs: 30 * 60_000 }),
  'records.exportForInspection': method<z.ZodObject<{ outDir: z.ZodString; folderId: z.ZodOptional<z.ZodNumber>; schoolYearId: z.ZodOptional<z.ZodNumber>; from: z.ZodOptional<z.ZodString>; to: z.ZodOptional<z.ZodString> }>, { outDir: string; documents: number }>(
    z.object({ outDir: z.string().min(1), folderId: id.optional(), schoolYearId: id.optional(), from: date.optional(), to: date.optional() }).strict(), { timeoutMs: 30 * 60_000 }),
  /** Trình: the author submits (signing it when `signing` is given: a new version). */
  'plans.submit': method<typeof submitInput, TransitionInfo>(submitInput, { timeoutMs: 5 * 60_000 }),
  /** Duyệt, for many plans at once with one signer (one token login); a result per plan, progress events. */
  'plans.approve': method<typeof approveInput, Array<{ documentId: number; ok: boolean; result?: TransitionInfo; error?: { code: string; message: string; messageEn: string } }>>(
    approveInput, { timeoutMs: 60 * 60_000 }),
  'plans.return': method<z.ZodObject<{ documentId: z.ZodNumber; actorStaffId: z.ZodNumber; reason: z.ZodString }>, TransitionInfo>(
    z.object({ documentId: id, actorStaffId: id, reason: z.string().trim().min(1).max(2000) }).strict()),
};

export const recordsEvents = {
  /** Progress of a long operation (import, batch approval, backup, check). */
  'records.progress': event<{ operation: 'import' | 'approve'; done: number; total: number; item?: string; ok?: boolean; message?: string }>(),
};
