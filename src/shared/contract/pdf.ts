import { z } from 'zod';
import { method } from './define';
import { signerRefSchema } from './tokens';
import { padesLevels, type LtvAfterSign } from './ltv';

/** [x, y, width, height] in PDF points from the page's lower-left corner. */
const rectSchema = z.tuple([z.number().min(0), z.number().min(0), z.number().positive().max(14400), z.number().positive().max(14400)]);

export const placementSchema = z.union([
  z.object({ page: z.number().int().min(1), rect: rectSchema }).strict(),
  z.object({ field: z.string().min(1).max(500) }).strict(),
  z.literal('invisible'),
]);
export type SignaturePlacement = z.infer<typeof placementSchema>;

const signOptions = {
  signer: signerRefSchema,
  reason: z.string().max(500).optional(),
  location: z.string().max(200).optional(),
  contactInfo: z.string().max(200).optional(),
  /** First signature only: certify (DocMDP P=2, later form filling and signing allowed). */
  certify: z.boolean().optional(),
  placement: placementSchema.default('invisible'),
  /** PNG of the handwritten signature (person) or of the seal (organisation), path on this machine. */
  image: z.string().min(1).optional(),
  /**
   * The signer's certificate is the organisation's (the electronic seal): draw the red seal over the left
   * third of the given rectangle (the leader's signature box), with the organisation's name and time.
   */
  asSeal: z.boolean().optional(),
  /** After this signature, the organisation certificate adds the seal over the left third of it. */
  seal: z.object({ signer: signerRefSchema, image: z.string().min(1).optional() }).strict().optional(),
  /** PAdES level wanted (default: Settings `signatureLevel`); offline, B-B now and the rest queued (ltv). */
  level: z.enum(padesLevels).optional(),
  /** Timestamp service for this signing (default: Settings `tsaUrl`). */
  tsaUrl: z.url().optional(),
};

export interface SignWarningOut {
  code: string;
  message: string;
  messageEn: string;
}
export interface SignTimings {
  parseMs: number;
  hashMs: number;
  signMs: number;
  writeMs: number;
  totalMs: number;
}
export interface PdfSignResult {
  output: string;
  fieldName: string;
  /** Field of the seal signature when `seal` was given. */
  sealFieldName?: string;
  warnings: SignWarningOut[];
  timings: SignTimings;
  /** The PAdES level reached and, when offline, the queued upgrade (absent when signing at B-B). */
  ltv?: LtvAfterSign;
}
export interface PdfBatchItem {
  input: string;
  ok: boolean;
  output?: string;
  error?: { code: string; message: string; messageEn: string };
}
export interface PdfInspectResult {
  pages: { page: number; width: number; height: number; rotate: number }[];
  signatureFields: { name: string; page: number | null; rect: number[]; signed: boolean }[];
  revisions: number;
  xrefKind: 'table' | 'stream';
}

export const pdfMethods = {
  /** Pages with their sizes and the signature fields (empty or signed): what the placement UI needs. */
  'pdf.inspect': method<z.ZodObject<{ path: z.ZodString }>, PdfInspectResult>(z.object({ path: z.string().min(1) }).strict()),
  /** Signs one PDF (PAdES B-B, incremental); the input is never modified. Output default: NAME-da-ky.pdf. */
  'pdf.sign': method<z.ZodObject<typeof signOptions & { input: z.ZodString; output: z.ZodOptional<z.ZodString> }>, PdfSignResult>(
    z.object({ input: z.string().min(1), output: z.string().min(1).optional(), ...signOptions }).strict(),
    { timeoutMs: 300_000 },
  ),
  /** Signs every PDF of a folder (or a list) into `outputDir` with one signer (one token login). */
  'pdf.signBatch': method<
    z.ZodObject<typeof signOptions & { inputDir: z.ZodOptional<z.ZodString>; inputs: z.ZodOptional<z.ZodArray<z.ZodString>>; outputDir: z.ZodString }>,
    { items: PdfBatchItem[]; signed: number; failed: number; totalMs: number }
  >(
    z
      .object({ inputDir: z.string().min(1).optional(), inputs: z.array(z.string().min(1)).max(10_000).optional(), outputDir: z.string().min(1), ...signOptions })
      .strict()
      .refine((v) => !!v.inputDir !== !!v.inputs, { message: 'give inputDir or inputs' }),
    { timeoutMs: 3_600_000 },
  ),
};
