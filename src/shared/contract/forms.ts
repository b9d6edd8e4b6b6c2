import { z } from 'zod';
import { method } from './define';

/** The Department's Word forms (seed 004): request for certificates, list of certificates to revoke. */

const common = {
  out: z.string().min(1),
  unit: z.string().max(200).optional(),
  /** Date on the form (YYYY-MM-DD); today by default. */
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  /** Place in "…, ngày … tháng … năm …"; "Hải Phòng" by default. */
  place: z.string().min(1).max(100).optional(),
};

export const requestFormInput = z
  .object({
    ...common,
    /** Chosen people; by default everyone at work without a usable certificate of the kind. */
    staffIds: z.array(z.number().int().positive()).max(5000).optional(),
    holder: z.enum(['personal', 'organisation']).optional(),
    specialPurpose: z.boolean().optional(),
  })
  .strict();
export const revocationFormInput = z.object(common).strict();

export interface FormResult {
  path: string;
  rows: number;
  /** Names on the form, in order. */
  names: string[];
}

export const formsMethods = {
  'forms.request': method<typeof requestFormInput, FormResult>(requestFormInput, { timeoutMs: 60_000 }),
  'forms.revocation': method<typeof revocationFormInput, FormResult>(revocationFormInput, { timeoutMs: 60_000 }),
};
