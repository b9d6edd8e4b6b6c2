/**
 * The parsed certificate as every part of the app shows it (token listing, signer choice, verification
 * report). Produced by `parseCertificate` in main/core/pki/certificate.ts; declared here so that the
 * contract (and the renderer) can name it.
 */
export type ProviderId = 'vgca' | 'vnpt' | 'viettel' | 'bkav' | 'fpt' | 'misa' | 'ca2' | 'newtel' | 'neac' | 'other';

export interface ProviderInfo {
  id: ProviderId;
  /** Name to show: "VNPT-CA", "Ban Cơ yếu Chính phủ (chuyên dùng)". */
  name: string;
  /** Special-purpose (Ban Cơ yếu Chính phủ) as opposed to a licensed public (commercial) CA. */
  specialPurpose: boolean;
}

export interface VnIdentity {
  /** 12-digit citizen ID (Căn cước công dân). */
  cccd?: string;
  /** Old 9- or 12-digit ID card (CMND). */
  cmnd?: string;
  passport?: string;
  /** Tax code (mã số thuế), 10 digits, optionally -NNN for a branch. */
  mst?: string;
  /** Budget-unit code (mã quan hệ ngân sách), public schools. */
  budgetCode?: string;
}

export interface CertificateInfo {
  /** Display form, Vietnamese intact, e.g. "CN=Nguyễn Thị Hoa, UID=CCCD:031190001234, O=…". */
  subject: string;
  subjectCommonName: string;
  /** Values by short name: CN, O, OU, L, ST, C, T (title), UID, E, SERIALNUMBER, …; unknown types by OID. */
  subjectFields: Record<string, string[]>;
  issuer: string;
  issuerCommonName: string;
  issuerFields: Record<string, string[]>;
  /** Hex, upper case, as in the DER INTEGER. */
  serialNumber: string;
  /** ISO 8601. */
  notBefore: string;
  notAfter: string;
  /** 'digitalSignature', 'nonRepudiation', 'keyCertSign', … */
  keyUsage: string[];
  /** OIDs. */
  extendedKeyUsage: string[];
  keyType: 'RSA' | 'EC';
  /** RSA modulus bits, or EC curve size (256 for P-256). */
  keyBits: number;
  /** Hex upper case SHA-256 of the DER. */
  sha256Fingerprint: string;
  isCa: boolean;
  selfSigned: boolean;
  subjectKeyId?: string;
  authorityKeyId?: string;
  ocspUrls: string[];
  crlUrls: string[];
  caIssuerUrls: string[];
  identity: VnIdentity;
  /** 'organisation' = the school's electronic seal (MST/MNS and no personal ID, or CN equal to O). */
  holder: 'personal' | 'organisation';
  provider: ProviderInfo;
}

export type CertificateStatus = 'valid' | 'not_yet_valid' | 'expired';
