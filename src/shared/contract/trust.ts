import { z } from 'zod';
import { method } from './define';

export interface TrustAnchorInfo {
  /** Upper-case hex SHA-256 of the DER. */
  sha256: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  /** anchor: trusted as the end of a chain; intermediate: only used to build chains. */
  role: 'anchor' | 'intermediate';
  /** bundled: shipped in resources/trust (cannot be removed); user: imported by the school. */
  source: 'bundled' | 'user';
  file: string;
  /** The published name when the fingerprint matches one listed in resources/trust/anchors.json. */
  publishedAs: string | null;
}

export interface TrustAddResult {
  added: TrustAnchorInfo[];
  /** Certificates in the input that were already trusted. */
  alreadyPresent: TrustAnchorInfo[];
  /** Vietnamese/English warnings (e.g. not self-signed, expired). */
  warnings: Array<{ message: string; messageEn: string }>;
}

const addInput = z
  .object({
    /** A .crt/.cer/.pem/.der/.p7b file. */
    path: z.string().min(1).optional(),
    /** Or the certificate itself (PEM text or base64 DER), e.g. taken from a token's chain. */
    certificate: z.string().min(1).optional(),
    /** Default: anchor for a self-signed CA, intermediate otherwise. */
    as: z.enum(['anchor', 'intermediate']).optional(),
  })
  .strict()
  .refine((v) => !!v.path !== !!v.certificate, { message: 'give either path or certificate' });

export const trustMethods = {
  'trust.list': method<z.ZodObject<Record<string, never>>, { anchors: TrustAnchorInfo[] }>(z.object({}).strict()),
  'trust.add': method<typeof addInput, TrustAddResult>(addInput),
  'trust.remove': method<z.ZodObject<{ sha256: z.ZodString }>, { removed: TrustAnchorInfo }>(z.object({ sha256: z.string().regex(/^[0-9A-Fa-f:]{64,95}$/) }).strict()),
};
