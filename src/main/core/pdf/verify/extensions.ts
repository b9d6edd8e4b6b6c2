/**
 * Where long-term validation plugs into the verifier (implemented by the ltv part). Without them the
 * verifier says plainly "not checked (offline)" for revocation and "read, not validated" for timestamps.
 */

/** Validation data found in the file: the DSS dictionary and what the CMS carries. DER each. */
export interface EmbeddedValidationData {
  certificates: Uint8Array[];
  crls: Uint8Array[];
  ocspResponses: Uint8Array[];
}

export interface RevocationQuery {
  /** DER of the certificate whose status is wanted (the signer, or a CA on the path). */
  certificate: Uint8Array;
  /** DER of its issuer, when the path reached it. */
  issuer: Uint8Array | null;
  /** The moment the status matters at (the validated signing time). */
  at: Date;
  embedded: EmbeddedValidationData;
}

export interface RevocationOutcome {
  status: 'good' | 'revoked' | 'unknown' | 'not_checked';
  /** Where the answer came from. */
  source?: 'ocsp' | 'crl' | 'embedded-ocsp' | 'embedded-crl';
  revokedAt?: Date;
  /** Plain Vietnamese and English, shown as is in the report. */
  vi: string;
  en: string;
}

export interface RevocationChecker {
  check(query: RevocationQuery): Promise<RevocationOutcome>;
}

export interface TimestampOutcome {
  status: 'valid' | 'invalid' | 'indeterminate';
  /** genTime of the token. */
  time?: Date;
  /** Subject of the TSA certificate. */
  tsa?: string;
  vi: string;
  en: string;
}

export interface TimestampValidator {
  /** A signature timestamp (unsigned attribute of the signer): its imprint covers `signatureValue`. */
  validateSignatureTimestamp(token: Uint8Array, signatureValue: Uint8Array, embedded: EmbeddedValidationData): Promise<TimestampOutcome>;
  /**
   * A document timestamp (/Type /DocTimeStamp, SubFilter ETSI.RFC3161): the verifier has already
   * checked its imprint against the ByteRange bytes and its CMS signature; this validates the TSA
   * (chain, EKU timeStamping, revocation).
   */
  validateDocumentTimestamp(token: Uint8Array, embedded: EmbeddedValidationData): Promise<TimestampOutcome>;
}
