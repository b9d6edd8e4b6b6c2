/**
 * What every way of signing offers the PDF signer: a USB token (through the token worker), a .p12/.pfx
 * file, or the demo profile. The private key never crosses this interface; only data to be signed goes
 * in and a signature comes out.
 */
export type SignatureAlgorithm = 'RSASSA-PKCS1-v1_5' | 'RSASSA-PSS' | 'ECDSA';
export type HashAlgorithm = 'SHA-256' | 'SHA-384' | 'SHA-512';

export interface Signer {
  /** DER of the signer's certificate. */
  readonly certificate: Uint8Array;
  /** Further certificates to embed (issuing CAs), DER, nearest first. May be empty. */
  readonly chain: Uint8Array[];
  readonly keyType: 'RSA' | 'EC';
  /** RSA modulus bits or EC field size (256 for P-256). */
  readonly keyBits: number;
  readonly signatureAlgorithm: SignatureAlgorithm;
  readonly hash: HashAlgorithm;
  /** Where the key lives, for messages and the audit trail: 'token', 'p12', 'demo'. */
  readonly source: 'token' | 'p12' | 'demo';
  /**
   * Signs `data` (in PAdES: the DER of the CMS signed attributes), hashing it with `hash`.
   * RSA: the PKCS#1 v1.5 (or PSS) signature. ECDSA: a DER-encoded Ecdsa-Sig-Value, as CMS wants it.
   */
  sign(data: Uint8Array): Promise<Uint8Array>;
}
