/**
 * Algorithm identifiers met in PDF signatures and the policy the Vietnamese technical rules set
 * (vn-domain.md §7, Appendix I): hashes SHA-256/384/512 or SHA-3; RSA ≥ 2048 bits (PKCS#1 v1.5 or
 * PSS) or ECDSA ≥ 256 bits. SHA-1, MD5 and shorter keys are reported as not acceptable.
 */
export interface DigestAlgorithm {
  name: string;
  /** node:crypto name. */
  node: string;
  acceptable: boolean;
}

export const DIGESTS: Record<string, DigestAlgorithm> = {
  '1.2.840.113549.2.5': { name: 'MD5', node: 'md5', acceptable: false },
  '1.3.14.3.2.26': { name: 'SHA-1', node: 'sha1', acceptable: false },
  '2.16.840.1.101.3.4.2.4': { name: 'SHA-224', node: 'sha224', acceptable: false },
  '2.16.840.1.101.3.4.2.1': { name: 'SHA-256', node: 'sha256', acceptable: true },
  '2.16.840.1.101.3.4.2.2': { name: 'SHA-384', node: 'sha384', acceptable: true },
  '2.16.840.1.101.3.4.2.3': { name: 'SHA-512', node: 'sha512', acceptable: true },
  '2.16.840.1.101.3.4.2.8': { name: 'SHA3-256', node: 'sha3-256', acceptable: true },
  '2.16.840.1.101.3.4.2.9': { name: 'SHA3-384', node: 'sha3-384', acceptable: true },
  '2.16.840.1.101.3.4.2.10': { name: 'SHA3-512', node: 'sha3-512', acceptable: true },
};

export type SignatureScheme = 'RSASSA-PKCS1-v1_5' | 'RSASSA-PSS' | 'ECDSA';

/** Signature algorithm OIDs: the scheme and, when the OID names one, the hash it uses. */
export const SIGNATURE_ALGORITHMS: Record<string, { scheme: SignatureScheme; hashOid?: string; name: string }> = {
  '1.2.840.113549.1.1.1': { scheme: 'RSASSA-PKCS1-v1_5', name: 'RSA' },
  '1.2.840.113549.1.1.4': { scheme: 'RSASSA-PKCS1-v1_5', hashOid: '1.2.840.113549.2.5', name: 'md5WithRSAEncryption' },
  '1.2.840.113549.1.1.5': { scheme: 'RSASSA-PKCS1-v1_5', hashOid: '1.3.14.3.2.26', name: 'sha1WithRSAEncryption' },
  '1.2.840.113549.1.1.14': { scheme: 'RSASSA-PKCS1-v1_5', hashOid: '2.16.840.1.101.3.4.2.4', name: 'sha224WithRSAEncryption' },
  '1.2.840.113549.1.1.11': { scheme: 'RSASSA-PKCS1-v1_5', hashOid: '2.16.840.1.101.3.4.2.1', name: 'sha256WithRSAEncryption' },
  '1.2.840.113549.1.1.12': { scheme: 'RSASSA-PKCS1-v1_5', hashOid: '2.16.840.1.101.3.4.2.2', name: 'sha384WithRSAEncryption' },
  '1.2.840.113549.1.1.13': { scheme: 'RSASSA-PKCS1-v1_5', hashOid: '2.16.840.1.101.3.4.2.3', name: 'sha512WithRSAEncryption' },
  '1.2.840.113549.1.1.10': { scheme: 'RSASSA-PSS', name: 'RSASSA-PSS' },
  '1.2.840.10045.2.1': { scheme: 'ECDSA', name: 'ECDSA' },
  '1.2.840.10045.4.1': { scheme: 'ECDSA', hashOid: '1.3.14.3.2.26', name: 'ecdsa-with-SHA1' },
  '1.2.840.10045.4.3.2': { scheme: 'ECDSA', hashOid: '2.16.840.1.101.3.4.2.1', name: 'ecdsa-with-SHA256' },
  '1.2.840.10045.4.3.3': { scheme: 'ECDSA', hashOid: '2.16.840.1.101.3.4.2.2', name: 'ecdsa-with-SHA384' },
  '1.2.840.10045.4.3.4': { scheme: 'ECDSA', hashOid: '2.16.840.1.101.3.4.2.3', name: 'ecdsa-with-SHA512' },
};

export const MIN_RSA_BITS = 2048;
export const MIN_EC_BITS = 256;

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  signatureTimestamp: '1.2.840.113549.1.9.16.2.14',
  adobeRevocationInfo: '1.2.840.113583.1.1.8',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha1: '1.3.14.3.2.26',
} as const;
