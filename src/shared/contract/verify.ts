import { z } from 'zod';
import { method } from './define';

/**
 * The verification report: what a principal reads (Vietnamese) and what an auditor keeps (JSON).
 * Verdicts follow EU DSS's terms: valid (TOTAL_PASSED), invalid (TOTAL_FAILED: something is wrong),
 * indeterminate (something needed to decide is missing, e.g. no trust anchor, an unknown algorithm).
 * The fields required by the Vietnamese technical rules for verification software (Decree 23/2025,
 * vn-domain.md §7) are all here: issuing CA, signer, managing unit, signing time or timestamp,
 * integrity, validity at signing time and the certificate's validity period.
 */
export type Verdict = 'valid' | 'invalid' | 'indeterminate';

/** One check's outcome. `not_checked` is said plainly (e.g. revocation offline) instead of guessing. */
export type CheckStatus = 'passed' | 'failed' | 'unknown' | 'not_checked' | 'not_applicable';

export interface Check {
  status: CheckStatus;
  /** Stable machine-readable code, e.g. `DIGEST_MISMATCH`. */
  code: string;
  vi: string;
  en: string;
}

export interface CertificateSummary {
  subject: string;
  subjectCommonName: string | null;
  issuer: string;
  issuerCommonName: string | null;
  serialNumber: string;
  notBefore: string;
  notAfter: string;
  sha256Fingerprint: string;
  /** O and OU of the subject: the unit that manages the certificate holder. */
  organisation: string | null;
  organisationalUnit: string | null;
  keyType: string;
  keyBits: number;
  keyUsage: string[];
  holder: 'personal' | 'organisation';
  provider: { id: string; name: string; specialPurpose: boolean } | null;
}

export interface TrustAnchorSummary {
  subject: string;
  sha256Fingerprint: string;
  /** 'bundled' (resources/trust), 'user' (<dataDir>/trust) or 'explicit' (--trust). */
  source: 'bundled' | 'user' | 'explicit';
  file: string;
}

/** One change made by a later revision, classified. */
export interface ModificationEntry {
  /** The revision (1-based) that made it. */
  revision: number;
  allowed: boolean;
  /** Informational changes (metadata, Info) are allowed but shown. */
  informational?: boolean;
  /** `page-content`, `page-added`, `annotation-added`, `signature-added`, `dss`, `object-changed`, … */
  kind: string;
  page?: number;
  objectNumber?: number;
  vi: string;
  en: string;
}

export interface SigningTime {
  /** /M of the signature dictionary (claimed by the signer's software). */
  claimed: string | null;
  /** signingTime signed attribute of the CMS (claimed too). */
  cmsSigningTime: string | null;
  /** genTime of a signature timestamp, when one is present. */
  timestamp: string | null;
  /** Whether the timestamp was validated by a TSA chain (the LTV part) or only read. */
  timestampValidated: boolean;
  /** The time the certificate was checked at: the timestamp when validated, otherwise the claimed time. */
  usedForValidation: string;
  usedSource: 'timestamp' | 'claimed' | 'cms-signing-time' | 'verification-time';
}

export interface SignatureReport {
  /** 1-based, in file order (earliest first). */
  index: number;
  fieldName: string | null;
  kind: 'approval' | 'certification' | 'document-timestamp';
  subFilter: string | null;
  /** Which revision (1-based) the signature belongs to and how many bytes it covers. */
  revision: number | null;
  byteRange: number[] | null;
  coversWholeFile: boolean;
  reason: string | null;
  location: string | null;
  nameInDictionary: string | null;
  /** DocMDP permission of a certification signature (1 no changes, 2 forms + signing, 3 + annotations). */
  docMdpPermission: 1 | 2 | 3 | null;
  signer: CertificateSummary | null;
  /** The CA that issued the signer's certificate (its common name, else its full name). */
  issuingCa: string | null;
  /** O / OU of the signer's certificate. */
  managingUnit: string | null;
  signingTime: SigningTime | null;
  digestAlgorithm: string | null;
  signatureAlgorithm: string | null;
  chain: CertificateSummary[];
  trustAnchor: TrustAnchorSummary | null;
  checks: {
    byteRange: Check;
    digest: Check;
    signature: Check;
    signedAttributes: Check;
    algorithms: Check;
    chain: Check;
    validityAtSigningTime: Check;
    keyUsage: Check;
    revocation: Check;
    timestamp: Check;
    modifications: Check;
  };
  modifications: ModificationEntry[];
  verdict: Verdict;
  /** Why not valid (empty when valid), most important first. */
  reasons: Check[];
}

export interface PdfVerificationReport {
  file: string;
  fileSize: number;
  sha256: string;
  revisions: number;
  signatures: SignatureReport[];
  verdict: Verdict;
  summaryVi: string;
  summaryEn: string;
  verifiedAt: string;
  /** What was not checked and why (e.g. revocation offline). */
  notes: Check[];
  /** PAdES baseline level the file has reached (ltv): B-B, B-T (timestamp), B-LT (DSS), B-LTA (archive timestamp). */
  padesLevel?: 'none' | 'B-B' | 'B-T' | 'B-LT' | 'B-LTA';
}

const verifyInput = z
  .object({
    path: z.string().min(1),
    /** Extra trust anchors (PEM/DER files) for this check only. */
    trust: z.array(z.string().min(1)).optional(),
  })
  .strict();

export const verifyMethods = {
  'pdf.verify': method<typeof verifyInput, PdfVerificationReport>(verifyInput, { timeoutMs: 120_000 }),
};
