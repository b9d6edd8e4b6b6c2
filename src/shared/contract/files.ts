import { z } from 'zod';
import { method } from './define';

/**
 * Files between the window and the main process. In Electron and in the browser host alike, a file the
 * user drops or picks is handed over as content (the sandboxed page cannot see paths) and staged in the
 * data folder; a document version is read back for the page preview.
 */
export interface StagedFile {
  /** Where the main process put it; pass this to records.import, pdf.sign, … */
  path: string;
  size: number;
}

export interface DocumentFile {
  documentId: number;
  versionNumber: number;
  fileName: string;
  sha256: string;
  /** The stored file of the version (read-only: signed inputs are never modified). */
  path: string;
  /** The bytes, base64 (only when asked for). */
  contentBase64?: string;
}

/** 48 MB of file → 64 MB of base64, the bridge's body limit. */
const MAX_STAGE_BASE64 = 64 * 1024 * 1024 - 1024;

export const filesMethods = {
  'files.stage': method<z.ZodObject<{ fileName: z.ZodString; contentBase64: z.ZodString; purpose: z.ZodOptional<z.ZodEnum<{ import: 'import'; image: 'image' }>> }>, StagedFile>(
    z
      .object({
        /** 'import' (default): kept a day for records.import; 'image': a signature or seal image, kept. */
        purpose: z.enum(['import', 'image']).optional(),
        fileName: z.string().trim().min(1).max(255).refine((n) => !/[\\/\0]/.test(n) && n !== '.' && n !== '..', 'tên tệp không hợp lệ'),
        contentBase64: z.string().max(MAX_STAGE_BASE64).regex(/^[A-Za-z0-9+/]*={0,2}$/),
      })
      .strict(),
    { timeoutMs: 120_000 },
  ),
  /** The folder where forms and reports are written by default (`<dataDir>/exports`, created when missing). */
  'files.exportFolder': method<z.ZodObject<Record<string, never>>, { path: string }>(z.object({}).strict()),
  'files.documentVersion': method<z.ZodObject<{ documentId: z.ZodNumber; versionNumber: z.ZodOptional<z.ZodNumber>; withContent: z.ZodOptional<z.ZodBoolean> }>, DocumentFile>(
    z.object({ documentId: z.number().int().positive(), versionNumber: z.number().int().positive().optional(), withContent: z.boolean().optional() }).strict(),
    { timeoutMs: 60_000 },
  ),
};
