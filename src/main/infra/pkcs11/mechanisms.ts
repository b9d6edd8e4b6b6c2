/**
 * Which PKCS#11 mechanism signs, and what it is given. RSA: the combined CKM_SHA256_RSA_PKCS when the
 * token has it, otherwise raw CKM_RSA_PKCS over a SHA-256 DigestInfo (RFC 8017 §9.2), which every RSA
 * token has. ECDSA: SHA-256 here and raw CKM_ECDSA (SoftHSM2 and many tokens lack CKM_ECDSA_SHA256).
 */
import { createHash } from 'node:crypto';

// PKCS#11 v2.40 mechanism numbers.
export const CKM_RSA_PKCS = 0x1;
export const CKM_SHA256_RSA_PKCS = 0x40;
export const CKM_ECDSA = 0x1041;

/** DER prefix of DigestInfo { sha256, NULL } before the 32-byte hash. */
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

export interface SignStep {
  mechanism: number;
  name: 'CKM_SHA256_RSA_PKCS' | 'CKM_RSA_PKCS' | 'CKM_ECDSA';
  input: Buffer;
}

/**
 * The way to sign `data`. `mechanisms` is the token's list (empty when the token would not tell: then
 * the combined mechanism is tried first and the caller falls back on CKR_MECHANISM_INVALID).
 */
export function signStep(keyType: 'RSA' | 'EC', mechanisms: ReadonlySet<number>, data: Buffer, combinedRefused = false): SignStep {
  const sha256 = () => createHash('sha256').update(data).digest();
  if (keyType === 'EC') return { mechanism: CKM_ECDSA, name: 'CKM_ECDSA', input: sha256() };
  if (!combinedRefused && (mechanisms.size === 0 || mechanisms.has(CKM_SHA256_RSA_PKCS))) {
    return { mechanism: CKM_SHA256_RSA_PKCS, name: 'CKM_SHA256_RSA_PKCS', input: data };
  }
  return { mechanism: CKM_RSA_PKCS, name: 'CKM_RSA_PKCS', input: Buffer.concat([SHA256_DIGEST_INFO_PREFIX, sha256()]) };
}
